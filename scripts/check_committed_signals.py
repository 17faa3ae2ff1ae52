"""Recompute, with the current signal code and fresh caches, the features of every fusion-row state of a committed study
and compare them with the committed `fusion_rows.parquet` (issue 12: were any cached attention values wrong?).

    python scripts/check_committed_signals.py --results results/minilm-l6 --datasets mr_sentences --out results/minilm-l6/signal_check.json

The fine-tuned model is rebuilt from the study's `config.json` (seeded, so the same weights when the packages match);
its test accuracy is compared with the committed `finetune.csv` first, so a different model is reported, not hidden.
"""
import argparse, json, time
from pathlib import Path
import numpy as np, pandas as pd
from tqdm import tqdm
from fusion_prune.assets import atomic_write_text
from fusion_prune.data import load_splits
from fusion_prune.train import TrainConfig, finetune
from fusion_prune.prune import make_context
from fusion_prune.evaluate import parse_state_key
from fusion_prune.fusion import state_features, SIGNAL_FEATURES, FEATURES

def check(results:Path, dataset:str) -> dict:
    cfg = json.loads((results/'config.json').read_text())
    rows = pd.read_parquet(results/'fusion_rows.parquet').query('dataset == @dataset')
    ft_ref = pd.read_csv(results/'finetune.csv').set_index('dataset').loc[dataset]
    t0 = time.time()
    ft = finetune(dataset, cfg['model'], TrainConfig(**cfg['train']), progress=False, **cfg['caps'])
    ctx = make_context(ft['path'], load_splits(dataset, **cfg['caps']), name=dataset, max_length=cfg['train']['max_length'], persist=False)
    diffs, impact_diff, attn_states = [], 0.0, 0
    for key, g in tqdm(list(rows.groupby('state', sort=False)), desc=dataset):
        s = parse_state_key(key)
        f = state_features(ctx.signals(s), s, ctx.full).loc[g.layer.to_numpy()]
        d = np.abs(f[FEATURES].to_numpy(float) - g[FEATURES].to_numpy(float)).max(axis=0)
        diffs.append(d)
        attn_states += int(np.abs(f[['attention_entropy', 'attention_weight']].to_numpy() - g[['attention_entropy', 'attention_weight']].to_numpy()).max() > 1e-4)
        base = ctx.calib_loss(s)
        imp = np.array([ctx.calib_loss(tuple(x for x in s if x != l)) - base for l in g.layer])
        impact_diff = max(impact_diff, float(np.abs(imp - g.impact.to_numpy()).max()))
    d = np.max(diffs, axis=0)
    return dict(dataset=dataset, finetune_test_acc=ft['test_acc'], committed_finetune_test_acc=float(ft_ref.test_acc),
                states=len(diffs), rows=len(rows), max_abs_feature_diff={f: float(v) for f, v in zip(FEATURES, d)},
                states_with_attention_features_changed=attn_states, max_abs_impact_diff=impact_diff,
                nan_in_committed_rows=int(rows[SIGNAL_FEATURES].isna().sum().sum()), seconds=round(time.time() - t0, 1))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--results', default='results/minilm-l6'); p.add_argument('--datasets', default='mr_sentences')
    p.add_argument('--out', required=True)
    a = p.parse_args()
    res = [check(Path(a.results), d.strip()) for d in a.datasets.split(',')]
    atomic_write_text(Path(a.out), json.dumps(res, indent=1)); print(json.dumps(res, indent=1))
