"""Prefill and per-token decode time at batch 1 of each decoder and its Block Influence state at K = L/4.

    python scripts/decoder_latency.py [--out results/decoder_bridges] [--repeats 7] [--new-tokens 32]

Reads the states from `bridges.csv` (`scripts/decoder_bridges.py`), so the pruned models are the ones the table
reports; times both models alternately in one process (`decoder.decode_latency`, fp32, key/value cache on, a 128-token
prompt from the bbc_news test split, greedy steps) and writes `latency.csv` with the CPU it ran on. Run it with
nothing else on the machine: it is a timing.

The ideal L/(L-K) assumes the layers are all of a model's work. To say how much of each model's time is not in its
layers (embedding, final norm, LM head, sampling), the full model is also timed against a copy that keeps only its
first layer: with T_L and T_1 the two times, one layer costs t = (T_L - T_1)/(L - 1), the rest costs T_1 - t, and
removing K layers can at best give T_L/(T_L - K t) (`attainable_*` columns; `fixed_share_*` is (T_1 - t)/T_L).
"""
import argparse, os, platform
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import pandas as pd, torch
from fusion_prune.assets import atomic_write_text
from fusion_prune.decoder import decode_latency
from fusion_prune.lm import source_chunks
from fusion_prune.model import load_model, drop_layers, kept_layers


def cpu() -> str:
    name = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '')
    flags = open('/proc/cpuinfo').read()
    kind = 'amx_bf16' if 'amx_bf16' in flags else 'avx512_bf16' if 'avx512_bf16' in flags else 'no bf16 units'
    return f'{name or platform.processor()} ({kind})'


def fixed_part(one: dict, k: int) -> dict:
    "From the full model against its first layer alone: the share of time outside the layers, and the best speed-up."
    out, L = {}, one['n_layers']
    for phase in ('prefill', 'decode'):
        full, single = one[f'{phase}_ms_original'], one[f'{phase}_ms_pruned']
        per_layer = (full - single) / (L - 1)
        out.update({f'{phase}_ms_one_layer': single, f'fixed_share_{phase}': (single - per_layer) / full,
                    f'attainable_{phase}_speedup': full / (full - k * per_layer)})
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--out', default='results/decoder_bridges')
    p.add_argument('--repeats', type=int, default=7); p.add_argument('--new-tokens', type=int, default=32)
    a = p.parse_args()
    states = pd.read_csv(Path(a.out) / 'bridges.csv').query("strategy == 'block_influence' and bridge == 'none'")
    rows = []
    for r in states.itertuples():
        model, tok = load_model(r.model)
        removed = {int(x) for x in str(r.removed_layers).split(',')}
        pruned = drop_layers(model, [i for i, l in enumerate(kept_layers(model)) if l not in removed])
        ids = source_chunks('bbc_news', tok, 'test', 128, 1)
        res = decode_latency(model, pruned, ids, a.new_tokens, a.repeats)
        one = decode_latency(model, drop_layers(model, [0]), ids, a.new_tokens, a.repeats)
        rows.append(dict(model=r.model, removed_layers=r.removed_layers, **res, **fixed_part(one, res['removed']),
                         cpu=cpu()))
        print(rows[-1], flush=True)
    atomic_write_text(Path(a.out) / 'latency.csv', pd.DataFrame(rows).to_csv(index=False))


if __name__ == '__main__':
    main()
