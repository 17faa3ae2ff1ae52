"""Prefill and per-token decode time at batch 1 of each decoder and its Block Influence state at K = L/4.

    python scripts/decoder_latency.py [--out results/decoder_bridges] [--repeats 7] [--new-tokens 32]

Reads the states from `bridges.csv` (`scripts/decoder_bridges.py`), so the pruned models are the ones the table
reports; times both models alternately in one process (`decoder.decode_latency`, fp32, key/value cache on, a 128-token
prompt from the bbc_news test split, greedy steps) and writes `latency.csv` with the CPU it ran on. Run it with
nothing else on the machine: it is a timing.
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
        rows.append(dict(model=r.model, removed_layers=r.removed_layers, **res, cpu=cpu()))
        print(rows[-1], flush=True)
    atomic_write_text(Path(a.out) / 'latency.csv', pd.DataFrame(rows).to_csv(index=False))


if __name__ == '__main__':
    main()
