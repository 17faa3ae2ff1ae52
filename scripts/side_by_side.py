"""Time the curve-choosing stages of fine-tuning seed 0 of the full preset on two datasets (the side-by-side in
results/minilm-l6/README.md): `python scripts/side_by_side.py OUT DATASET_A DATASET_B`, once per code version
(e.g. with PYTHONPATH pointing at a git worktree of the earlier commit) and with separate FUSION_PRUNE_HOME caches."""
import sys, time, json
from fusion_prune.experiment import Runner, study_config, STAGES
from fusion_prune.study import Study
out, ds = sys.argv[1], sys.argv[2:]
cfg = study_config('full', datasets=ds)
run = Runner(Study(out, cfg), STAGES, progress=False)
for d in ds: run.get('finetune_part', dataset=d, fs=0)      # the models, from the shared cache (not timed)
res, t = dict(datasets=ds, precision=cfg.precision), {}
def timed(name, **key):
    if name not in STAGES or not run.has(name): return
    run.context(key['dataset'], 0) if 'dataset' in key else None   # loading and tokenizing: not timed
    t0 = time.perf_counter(); run.get(name, fs=0, **key); t[name] = t.get(name, 0) + time.perf_counter() - t0
for name in ('lattice_part', 'curves_part', 'rows_part'):
    for d in ds: timed(name, dataset=d)
timed('fusion')
for d in ds: timed('fusion_curves_part', dataset=d)
res.update({k + '_s': round(v, 1) for k, v in t.items()}, total_s=round(sum(t.values()), 1))
print(json.dumps(res))
