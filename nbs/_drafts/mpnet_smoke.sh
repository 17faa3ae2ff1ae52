home=$(mktemp -d)
for sub in assets downloads datasets; do ln -s "$HOME/.cache/fusion_prune/$sub" "$home/$sub"; done
cd /work/main && OMP_NUM_THREADS=1 FUSION_PRUNE_HOME="$home" HF_HUB_OFFLINE=1 nice -n 10 .venv/bin/python /tmp/preview/mpnet_smoke.py
rm -rf "$home"
