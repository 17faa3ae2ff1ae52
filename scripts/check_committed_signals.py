"""Were any values of a committed study poisoned by the attention-capture bug (issue 12)?

    python scripts/check_committed_signals.py --results results/minilm-l6 --out results/minilm-l6/signal_check.json

The bug had one signature: a state swept after the model's own attention capture had been installed on fewer layers
returned no attention probabilities for *any* of its layers, so both attention signals were NaN for every layer of
that state. Downstream that shows as
- a NaN in `signals.csv` (full-model signals),
- a state in `fusion_rows.parquet` whose two attention features are exactly 0 for every layer (the fusion features
  z-score each signal within the state and turn NaN into 0; real values are constant within a state with
  probability zero), and
- an attention single-signal trajectory that could not have finished (a signal that is NaN for every layer of a state
  stops the strategy with an error), so every complete attention curve in `curves.csv` was decided on real values.

The committed fine-tuned models cannot be rebuilt bit for bit (they predate the seeding of the classification head),
so the check reads the committed tables instead of recomputing them.
"""
import argparse, json
from pathlib import Path
import numpy as np, pandas as pd

ATTN = ['attention_entropy', 'attention_weight']

def check(results:Path) -> dict:
    sig = pd.read_csv(results/'signals.csv'); rows = pd.read_parquet(results/'fusion_rows.parquet'); cur = pd.read_csv(results/'curves.csv')
    multi = rows[rows.n_kept > 1]
    zero_states = multi.groupby(['dataset', 'state']).apply(lambda g: bool((g[ATTN] == 0).all().all()), include_groups=False)
    L = int(cur.k.max()) + 1
    attn_curves = cur[cur.strategy.isin(ATTN) & (cur['mode'] == 'iterative')].groupby(['dataset', 'strategy']).k.max()
    return dict(results=str(results),
                signals_values=int(sig.value.size), signals_nan=int(sig.value.isna().sum()),
                signals_attention_nan=int(sig[sig.signal.isin(ATTN)].value.isna().sum()),
                fusion_rows=int(len(rows)), fusion_states=int(multi.groupby(['dataset', 'state']).ngroups),
                fusion_states_with_nan_signature=int(zero_states.sum()),
                fusion_rows_nan=int(rows[ATTN].isna().sum().sum()),
                attention_curves=int(len(attn_curves)), attention_curves_complete=int((attn_curves == L - 1).sum()))

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--results', default='results/minilm-l6'); p.add_argument('--out')
    a = p.parse_args()
    res = check(Path(a.results)); txt = json.dumps(res, indent=1)
    if a.out: Path(a.out).write_text(txt + '\n')
    print(txt)
