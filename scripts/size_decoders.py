"""Size the three-decoder study (issue 43) before building its run: time its units on this machine, project its grid.

    python scripts/size_decoders.py [--models smollm2-135m,gemma3-270m,qwen2.5-coder-0.5b] [--precision auto]
                                    [--out results/decoders/sizing]

The study the issue asks for scores test text as one 512-token sequence per document (30 test documents on each of
four sources: 120 sequences, 61,440 tokens per model), at k = 1..floor(L/3) removed layers, every strategy's state
with the bridges `none` and `linear` (and `rescale` at floor(L/4)), three calib draws, recovery at floor(L/4) with five
arms, on three decoders. This script measures, per model and with nothing else running:

- `t_full`: the whole model on the test sequences (timed on 16 of them, scaled to 120 by tokens);
- `t_state`: one state of a nested removal trajectory (k = 1..floor(L/3), uniform orders, the study's evaluator with
  its prefix cache, so a state reuses the hidden states of the layers before its first removed one);
- `t_bridged`: a state with a linear bridge: the fit on calib (12 sequences) and the folded model on the test
  sequences (a new model: it shares no cache with the unbridged one);
- `t_bridged_shared` (`--bridged-shared`): the same, scored by the study's evaluator with the maps as edits of the
  anchor layers (`bridge.bridge_edits`), from the cached plain prefix before the first anchor (recorded beside
  `t_bridged`; the projection keeps `t_bridged`: on these uniform states little is shared);
- `t_cand`: one greedy candidate on a draw's calib text (12 sequences: 3 documents per source), cache as the search's;
- `t_zs`: a zero-shot task's 128 test examples (label-word scores, 48 text tokens);
- `t_step`: a recovery step at batch `BATCH` (2; SmolLM2 was timed at 4) with and without the teacher.

It multiplies each by how often each grid (`GRIDS`: as the issue asks, only the contrasts' strategies, and leaner
cuts) does it and writes `sizing.json` and `sizing.md`. `--units` projects saved timings again without timing.
"""
import argparse, json, os, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np, pandas as pd, torch
from dataclasses import dataclass, replace
from fusion_prune.assets import atomic_write_text
from fusion_prune.bridge import bridge_model, bridge_edits, fit_bridges
from fusion_prune.decoder import DecoderContext
from fusion_prune.decoder_study import DecoderRunner, decoder_config, random_states, recovery_train
from fusion_prune.lm import TaskEvaluator, chunk_batches, source_sequences
from fusion_prune.model import load_model, drop_layers, kept_layers
from fusion_prune.runtime import next_tokens, resolve_precision
from fusion_prune.strategies import strategies_for, get_strategy, remove
from fusion_prune.study import Study

MODELS = ('smollm2-135m', 'gemma3-270m', 'qwen2.5-coder-0.5b')
SOURCES = ('bbc_news', 'spamassassin', 'brown', '20newsgroups')   # uncertainty: sentences, none reaches 512 tokens
SEQ, TEST_DOCS, CALIB_DOCS, DRAWS, TIMED, BATCH = 512, 30, 3, 3, 16, 2
CONTRASTS = ('fusion_rf_decoder', 'greedy_oracle', 'block_influence', 'position_rel', 'top_drop')   # + random
RECOVERY_STEPS, ZERO_SHOT = 60, 3


def timed(f):
    t0 = time.perf_counter(); r = f(); dt = time.perf_counter() - t0
    print(f'  timed {dt:.1f} s', flush=True); return dt, r


def doc_sequences(tok, split: str, per_source: int) -> torch.Tensor:
    "The study's text: `per_source` one-document sequences of SEQ tokens from each source (`lm.source_sequences`)."
    return torch.cat([source_sequences(s, tok, split, SEQ, per_source)[0] for s in SOURCES])


def model_and_text(key: str) -> tuple:
    "The model, its tokenizer, the timed test sequences and the test and calib batches."
    model, tok = load_model(key); model.eval()
    if tok.pad_token_id is None: tok.pad_token = tok.eos_token
    test, calib = doc_sequences(tok, 'test', TIMED // len(SOURCES)), doc_sequences(tok, 'calib', CALIB_DOCS)
    return model, tok, test, chunk_batches(test, BATCH), chunk_batches(calib, BATCH)


def unit_times(key: str, precision: str) -> dict:
    model, tok, test, tb, cb = model_and_text(key)
    ctx = DecoderContext(model, tok, dict(calib=cb, test=tb), f'size-{key}', precision, persist=False, cache_gb=4.0)
    full = tuple(ctx.full); L = len(full); K = L // 3; scale = TEST_DOCS * len(SOURCES) / len(test)
    t_full = timed(lambda: ctx.ev(full, splits=('test',)))[0] * scale
    traj = [random_states(full, k, 2, 7) for k in range(1, K + 1)]
    t_state = np.mean([timed(lambda d=d: [ctx.ev(at[d], splits=('test',)) for at in traj])[0] / K
                       for d in range(2)]) * scale
    state = traj[-1][0]
    t_fit, (bridged, _) = timed(lambda: bridge_model(model, cb, state, 'linear', precision=precision))
    bev = TaskEvaluator(bridged, dict(test=tb), next_tokens, 'size-bridged', 1.0, False, precision)
    t_bridged = t_fit + timed(lambda: bev(tuple(state), splits=('test',)))[0] * scale
    cands = full[::4]
    t_cand = timed(lambda: [ctx.calib_loss(remove(full, l)) for l in cands])[0] / len(cands)
    t_sweep = timed(lambda: ctx.signals(full))[0]
    run = DecoderRunner(Study(Path(f'/tmp/size-{key}'), decoder_config('decoder', precision, model=key)), progress=False)
    run._lm = (model, tok); run.weights = ''
    study_zs = run.zero_shot('mr_sentences').ev.split['test']   # the study's batches, scored afresh (no store)
    zs = TaskEvaluator(model, dict(test=study_zs.batches), study_zs.forward, 'size-zs', 1.0, False, precision)
    t_zs = timed(lambda: zs(full, splits=('test',)))[0]
    step, cfg = {}, replace(run.cfg, recovery_steps=2)
    train = cb[:8 // BATCH]   # the first 8 calib sequences
    for name, teacher in (('lm', None), ('kd', model)):
        student = drop_layers(model, [full.index(l) for l in state])
        step[name] = timed(lambda: recovery_train(student, teacher, train, cfg))[0] / 2
    return dict(model=key, batch=BATCH, n_layers=L, K=K, Kq=L // 4, t_full=t_full, t_state=t_state, t_bridged=t_bridged,
                t_cand=t_cand, t_sweep=t_sweep, t_zs=t_zs, t_step_lm=step['lm'], t_step_kd=step['kd'])


def bridged_shared(key: str, precision: str) -> float:
    """`t_bridged_shared`: a linear-bridged state scored by the study's evaluator with the maps as edits of its anchor
    layers (`bridge.bridge_edits`), after its trajectory's plain states (as a study runs them): the fit on calib and the
    test evaluation from the cached plain prefix before the first anchor."""
    model, tok, test, tb, cb = model_and_text(key)
    ev = TaskEvaluator(model, dict(test=tb), next_tokens, f'size-{key}', 4.0, False, precision)
    full = tuple(kept_layers(model)); K = len(full) // 3
    traj = [random_states(full, k, 2, 7)[0] for k in range(1, K + 1)]   # unit_times' first trajectory
    for s in traj: ev(s, splits=('test',))
    t_fit, fits = timed(lambda: fit_bridges(model, cb, traj[-1], 'linear', precision=precision))
    edits, tag = bridge_edits(model, fits)
    t_eval = timed(lambda: ev(traj[-1], splits=('test',), edits=edits, tag=tag))[0]
    return t_fit + t_eval * TEST_DOCS * len(SOURCES) / len(test)


@dataclass(frozen=True)
class Grid:
    "One way to run the study: what it evaluates, for the projection."
    name: str
    what: str
    walkers: int                  # strategies with their own states (random not counted)
    random_draws: int = 8
    bridged_ks: str = 'all'       # where the linear bridge is evaluated: 'all' k, or 'three' (L/6, L/4, L/3)
    zs_bridged: bool = True       # zero-shot states with the linear bridge too
    greedy_draws: int = DRAWS     # calib draws that run the greedy search (the others: signal strategies only)
    token_scale: float = 1.0      # test and calib tokens against 512-token sequences (0.5: 256 tokens, same documents)


def project(u: dict, g: Grid) -> dict:
    "Seconds per stage of one model's share of grid `g`."
    L, K, n, ts = u['n_layers'], u['K'], g.walkers + g.random_draws, g.token_scale
    kb = K if g.bridged_ks == 'all' else 3
    cands = sum(L - i for i in range(K))   # a greedy search's candidates to k = K
    zs_state = u['t_zs'] * u['t_state'] / u['t_full']   # a zero-shot state, as deep as a text one
    return {
        'signals and greedy searches': ts * (DRAWS * u['t_sweep'] + g.greedy_draws * cands * u['t_cand']),
        'text curves, bridge none': ts * (n * K * u['t_state'] + u['t_full']),
        'text curves, bridge linear': ts * n * kb * u['t_bridged'],
        'text, rescale at L/4': ts * n * u['t_bridged'],
        'zero-shot curves': ZERO_SHOT * n * (K * zs_state + (kb * u['t_zs'] if g.zs_bridged else 0)),
        'calib draws 2 and 3 at L/4 (both bridges)': ts * (DRAWS - 1) * g.walkers * (u['t_state'] + u['t_bridged']),
        'recovery (4 trainings, 6 evaluations)': ts * (RECOVERY_STEPS * (2 * u['t_step_lm'] + 2 * u['t_step_kd'])
                                                       + 6 * u['t_full']) + 6 * ZERO_SHOT * u['t_zs'],
    }


GRIDS = [Grid('issue', 'as the issue asks: every decoder strategy of the registry, 8 random draws', 0),
         Grid('contrasts', 'only the strategies the preregistered contrasts need, 4 random draws', len(CONTRASTS), 4),
         Grid('contrasts, lean', 'as contrasts, but no random curve, one greedy calib draw, zero-shot unbridged',
              len(CONTRASTS), 0, greedy_draws=1, zs_bridged=False),
         Grid('lean, bridges at 3 k', 'as lean, the linear bridge at k = L/6, L/4, L/3 only', len(CONTRASTS), 0,
              bridged_ks='three', greedy_draws=1, zs_bridged=False),
         Grid('lean, 3 k, 256 tokens', 'as the last, 256-token sequences of the same documents (scaled, not timed)',
              len(CONTRASTS), 0, bridged_ks='three', greedy_draws=1, zs_bridged=False, token_scale=0.5)]


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--models', default=','.join(MODELS)); p.add_argument('--precision', default='auto')
    p.add_argument('--out', default='results/decoders/sizing')
    p.add_argument('--units', help="sizing.json files (comma-separated) whose units to project again (no timing)")
    p.add_argument('--bridged-shared', action='store_true',
                   help='with --units: time only t_bridged_shared (bridges as evaluator edits) and add it to the units')
    a = p.parse_args(); prec = resolve_precision(a.precision); out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    units = [u for f in a.units.split(',') for u in json.loads(Path(f).read_text())['units']] if a.units else []
    for m in [] if a.units else a.models.split(','): units.append(unit_times(m, prec)); print(units[-1], flush=True)
    for u in units if a.bridged_shared else []: u['t_bridged_shared'] = bridged_shared(u['model'], prec)
    walkers_all = len([n for n in strategies_for('decoder') if not get_strategy(n).uniform])
    grids = [replace(g, walkers=walkers_all) if g.name == 'issue' else g for g in GRIDS]
    rows = [dict(grid=g.name, model=u['model'], stage=s, seconds=v)
            for g in grids for u in units for s, v in project(u, g).items()]
    df = pd.DataFrame(rows)
    cpu = [l.split(':')[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')][0]
    flags = sorted({f for f in ('avx512_bf16', 'amx_bf16') if f in open('/proc/cpuinfo').read()})
    machine = dict(cpu=cpu, bf16_flags=flags, cores=torch.get_num_threads(), precision=prec, torch=torch.__version__)
    if a.units: machine = {k: json.loads(Path(a.units.split(',')[0]).read_text())[k] for k in machine}   # where timed
    cpu, flags, prec = machine['cpu'], machine['bf16_flags'], machine['precision']
    info = dict(**machine,
                sources=SOURCES, seq=SEQ, test_docs=TEST_DOCS, units=units,
                grids=[g.__dict__ for g in grids],
                totals_h={g.name: round(df[df.grid == g.name].seconds.sum() / 3600, 2) for g in grids})
    atomic_write_text(out/'sizing.json', json.dumps(info, indent=1, default=float))
    hours = lambda d, idx: d.pivot_table(index=idx, columns='model', values='seconds', sort=False)[
        [u['model'] for u in units]].assign(**{'all models': lambda w: w.sum(axis=1)}) / 3600
    totals = hours(df.groupby(['grid', 'model'], sort=False, as_index=False).seconds.sum(), 'grid')
    md = [f"Measured on {cpu} ({', '.join(flags) or 'no bf16 units'}), {info['cores']} threads, precision {prec}, "
          f"alone. Hours per grid (8 h is the issue's cap):\n", totals.round(1).to_markdown(), '',
          *[f"- **{g.name}**: {g.what}" for g in grids], '',
          'Hours per stage of the `contrasts` grid:\n', hours(df[df.grid == 'contrasts'], 'stage').round(2).to_markdown()]
    atomic_write_text(out/'sizing.md', '\n'.join(md) + '\n')
    print('\n'.join(md)); print(json.dumps(units, indent=1, default=float))


if __name__ == '__main__':
    main()
