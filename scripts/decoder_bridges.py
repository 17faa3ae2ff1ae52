"""Test perplexity and top-1 accuracy at K = L/4 of three decoders, each bridge at two states, with document intervals.

    python scripts/decoder_bridges.py [--models smollm2-135m,gemma3-270m,qwen2.5-coder-0.5b] [--out results/decoder_bridges]

For each model (L layers, K = floor(L/4) removed): the Block Influence state (the `prune` command's default, iterative)
and the greedy search's state (lowest calib loss at each removal), both decided on the pooled calib text of the three
text sources (8 chunks of 128 tokens each); each state with the bridges `none`, `linear` and `rescale` fitted on the
same calib chunks; test perplexity and top-1 next-token accuracy (the bounded measure beside it) on 32 chunks of 128
tokens per source, spaced evenly over each source's test split so that each chunk comes from its own document.

The effect of a bridge is the paired difference to `none` at the same state, per test document (the chunk's
document; chunks of one document are averaged first), with a 95% percentile bootstrap interval over documents
(`stats.interval`) and a two-sided Wilcoxon signed-rank p-value over documents (`stats.wilcoxon_p`), Holm-adjusted over
every row of its table (`p_holm`), with the smallest p the test can give there (`p_floor`) and the mean difference it
detects with 80% power (`mdd_80`, `stats.with_test_power`). The interval
covers the choice of test documents only: the calib text, the model and the state are fixed.

Resumable: each model's rows are written atomically to `parts/<model>.json` when it is done; a rerun skips them.
Writes `bridges.csv` (one row per model, strategy and bridge), `bridge_effects.csv` (bridge vs none),
`bridge_fits.csv` (each cut's fit), `cheap_vs_search.csv` (exploratory: Block Influence with each bridge against
the search's state without one) and a README section's table (`table.md`).
"""
import argparse, json, os, platform, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np, pandas as pd, torch
from fusion_prune.assets import atomic_write_text
from fusion_prune.bridge import bridge_model
from fusion_prune.decoder import DecoderContext, text_batches
from fusion_prune.lm import DEFAULT_TEXT, TaskEvaluator, source_chunks, chunk_batches
from fusion_prune.model import load_model, kept_layers, model_fingerprint
from fusion_prune.runtime import next_tokens
from fusion_prune.stats import interval, wilcoxon_p, holm, with_test_power
from fusion_prune.strategies import first_states, get_strategy

MODELS = ('smollm2-135m', 'gemma3-270m', 'qwen2.5-coder-0.5b')
STRATEGIES, BRIDGES = ('block_influence', 'greedy_oracle'), ('none', 'linear', 'rescale')
CHUNK, CALIB_CHUNKS, TEST_CHUNKS, BATCH = 128, 8, 32, 4


def test_set(tok):
    "32 chunks per source spaced over its test split, and each chunk's document (`source:index`)."
    chunks, docs = [], []
    for s in DEFAULT_TEXT:
        ch, d = source_chunks(s, tok, 'test', CHUNK, None, with_documents=True)
        idx = np.unique(np.linspace(0, len(ch) - 1, TEST_CHUNKS).round().astype(int))
        chunks.append(ch[idx]); docs += [f'{s}:{d[i]}' for i in idx]
    return torch.cat(chunks), docs


def measures(ev_result) -> dict:
    return {k: ev_result[k] for k in ('calib_loss', 'calib_ppl', 'calib_acc', 'test_loss', 'test_ppl', 'test_acc')}


def run_model(key: str) -> dict:
    t0 = time.perf_counter()
    model, tok = load_model(key)
    L = len(kept_layers(model)); K = L // 4
    test, docs = test_set(tok)
    batches = dict(calib=text_batches(tok, calib_chunks=CALIB_CHUNKS, chunk_len=CHUNK, batch_size=BATCH)['calib'],
                   test=chunk_batches(test, BATCH))
    units = dict(test=CHUNK - 1)   # scored positions per chunk: each chunk's mean loss and accuracy
    ctx = DecoderContext(model, tok, batches, 'pooled', 'fp32', persist=False, cache_gb=1.0, units=units,
                         reads=('block_influence',))   # the one signal its strategies read: a forward sweep
    full = ctx.ev(ctx.full)
    rows, units_rows, fits = [], [], []
    for name in STRATEGIES:
        ts = time.perf_counter()
        state = first_states(get_strategy(name), ctx, K, progress=True)[K]
        decide_s = time.perf_counter() - ts
        for bridge in BRIDGES:
            tb = time.perf_counter()
            pruned, rep = bridge_model(model, batches['calib'], state, bridge)
            r = (ctx.ev(state) if bridge == 'none' else
                 TaskEvaluator(pruned, batches, next_tokens, persist=False, units=units)(kept_layers(pruned)))
            rows.append(dict(model=key, n_layers=L, k=K, strategy=name, bridge=bridge,
                             removed_layers=','.join(str(l) for l in ctx.full if l not in state), **measures(r),
                             decide_s=round(decide_s, 1), bridge_eval_s=round(time.perf_counter() - tb, 1)))
            units_rows += [dict(model=key, strategy=name, bridge=bridge, document=d, loss=lo, acc=ac)
                           for d, lo, ac in zip(docs, r['test_unit_loss'], r['test_unit_acc'])]
            fits += [dict(model=key, strategy=name, **f) for f in rep.to_dict('records')]
            print(key, name, bridge, f"test ppl {r['test_ppl']:.2f}, acc {r['test_acc']:.4f}", flush=True)
    return dict(model=key, digest=model_fingerprint(model), full=dict(model=key, n_layers=L, k=0, strategy='full',
                bridge='none', removed_layers='', **measures(full)), rows=rows, units=units_rows, fits=fits,
                seconds=round(time.perf_counter() - t0, 1))


def document_means(units: pd.DataFrame) -> pd.DataFrame:
    "Mean test loss and accuracy per model, strategy, bridge and document (a document's chunks averaged)."
    return units.groupby(['model', 'strategy', 'bridge', 'document'])[['loss', 'acc']].mean()


def paired(other: pd.DataFrame, base: pd.DataFrame) -> list[dict]:
    "`other - base` over `base`'s documents, per measure: the mean, its interval, Wilcoxon p, documents and spread."
    out = []
    for measure in ('loss', 'acc'):
        d = (other.loc[base.index, measure] - base[measure]).to_numpy()
        est, lo, hi = interval(d)
        out.append(dict(measure=f'test_{measure}', diff=est, ci_low=lo, ci_high=hi, wilcoxon_p=wilcoxon_p(d),
                        n_documents=len(d), sd=d.std(ddof=1)))
    return out


def tested(t: pd.DataFrame) -> pd.DataFrame:
    "Holm over every row of the table, and what the test can give (`p_floor`) and detect at 80% power (`mdd_80`)."
    return with_test_power(t.assign(p_holm=holm(t.wilcoxon_p)), n='n_documents')


def effects(units: pd.DataFrame) -> pd.DataFrame:
    "Each bridge against `none` at the same state: mean difference over documents, its interval and Wilcoxon p."
    doc = document_means(units)
    pairs = units[['model', 'strategy']].drop_duplicates().itertuples(index=False)
    return tested(pd.DataFrame([dict(model=m, strategy=s, bridge=b, **r) for m, s in pairs
                                for b in ('linear', 'rescale')
                                for r in paired(doc.loc[(m, s, b)], doc.loc[(m, s, 'none')])]))


def cheap_vs_search(units: pd.DataFrame) -> pd.DataFrame:
    """Exploratory (not planned before the run): Block Influence with each bridge against the greedy search's state
    without one, per document: is a cheap choice plus a repair as good as a search?"""
    doc = document_means(units)
    return tested(pd.DataFrame([dict(model=m, cheap=f'block_influence+{b}', search='greedy_oracle+none', **r)
                                for m in units.model.unique() for b in ('none', 'linear', 'rescale')
                                for r in paired(doc.loc[(m, 'block_influence', b)],
                                                doc.loc[(m, 'greedy_oracle', 'none')])]))


def table(rows: pd.DataFrame, eff: pd.DataFrame) -> str:
    e = eff[eff.measure == 'test_loss'].set_index(['model', 'strategy', 'bridge'])
    lines = ['| model | L | K | state | bridge | test ppl | top-1 acc | Δ loss vs none [95% CI] | p (Holm) |',
             '|---|---|---|---|---|---|---|---|---|']
    for r in rows.itertuples():
        if r.strategy == 'full':
            lines.append(f'| {r.model} | {r.n_layers} | 0 | full model | – | {r.test_ppl:.2f} | {r.test_acc:.4f} | | |')
            continue
        key = (r.model, r.strategy, r.bridge)
        x = e.loc[key] if key in e.index else None
        ci = f"{x['diff']:+.3f} [{x.ci_low:+.3f}, {x.ci_high:+.3f}] | {x.p_holm:.1e}" if x is not None else ' | '
        lines.append(f'| {r.model} | {r.n_layers} | {r.k} | {r.strategy} | {r.bridge} | {r.test_ppl:.2f} | '
                     f'{r.test_acc:.4f} | {ci} |')
    return '\n'.join(lines) + '\n'


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--models', default=','.join(MODELS)); p.add_argument('--out', default='results/decoder_bridges')
    a = p.parse_args()
    out = Path(a.out); (out / 'parts').mkdir(parents=True, exist_ok=True)
    for key in a.models.split(','):
        part = out / 'parts' / f'{key}.json'
        if part.exists(): print(key, 'done already', flush=True); continue
        res = run_model(key)
        res['machine'] = dict(cpu=platform.processor() or platform.machine(), threads=torch.get_num_threads(),
                              torch=torch.__version__, precision='fp32')
        atomic_write_text(part, json.dumps(res, default=float))
    parts = [json.loads((out / 'parts' / f'{k}.json').read_text()) for k in MODELS
             if (out / 'parts' / f'{k}.json').exists()]
    rows = pd.DataFrame([r for pt in parts for r in [pt['full'], *pt['rows']]])
    units = pd.DataFrame([u for pt in parts for u in pt['units']])
    eff = effects(units)
    atomic_write_text(out / 'bridges.csv', rows.to_csv(index=False))
    atomic_write_text(out / 'bridge_effects.csv', eff.to_csv(index=False))
    atomic_write_text(out / 'cheap_vs_search.csv', cheap_vs_search(units).to_csv(index=False))
    atomic_write_text(out / 'bridge_fits.csv', pd.DataFrame([f for pt in parts for f in pt['fits']]).to_csv(index=False))
    atomic_write_text(out / 'table.md', table(rows, eff))
    atomic_write_text(out / 'runs.json', json.dumps({pt['model']: dict(digest=pt['digest'], seconds=pt['seconds'],
                                                                       machine=pt['machine']) for pt in parts}, indent=1))
    print(table(rows, eff))


if __name__ == '__main__':
    main()
