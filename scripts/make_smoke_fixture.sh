#!/usr/bin/env bash
# Regenerate nbs/_fixtures/smoke: the smoke preset's tables as the test suite computes them (one thread, an empty cache).
set -euo pipefail
cd "$(dirname "$0")/.."
home=$(mktemp -d); out=$(mktemp -d)/smoke
for sub in assets downloads datasets; do ln -s "${FUSION_PRUNE_HOME:-$HOME/.cache/fusion_prune}/$sub" "$home/$sub"; done
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 FUSION_PRUNE_HOME="$home" HF_HUB_OFFLINE=1 .venv/bin/python -m fusion_prune.cli reproduce --preset smoke --out "$out" --quiet
for f in config.json curves.csv finetune.csv fusion_importances.csv fusion_lodo.csv fusion_lodo_domain.csv fusion_rows.parquet kd.csv regret.csv signals.csv table1.csv \
         predictions.parquet strategy_scores.csv kd_intervals.csv strategy_cost.csv lattice.csv contrasts.csv \
         contrast_datasets.csv signal_redundancy.csv; do
  cp "$out/$f" nbs/_fixtures/smoke/$f
done
echo "fixture written from commit $(git rev-parse --short HEAD) (+ working tree changes: $(git status --porcelain -- fusion_prune | wc -l) files)"
