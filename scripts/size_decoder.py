"""Project the wall time of a decoder study preset from a few timed units, before running it.

    python scripts/size_decoder.py --preset decoder --precision fp32 [--changes '{"test_chunks": 16}'] [--out size.json]

Loads the preset's model and builds the study's own contexts (the same chunks, batches and scoring as the run), then
times, on this machine: one signal sweep on a source's calib chunks; greedy candidates (a calib evaluation of the
full model less one layer); one nested removal trajectory (k = 1..max_k, as a strategy walks it, reading the
prefix cache) on a source's calib and test chunks and on a zero-shot task's test examples; greedy candidates on a
zero-shot task's calib examples; a recovery step with and without the teacher; a whole-model evaluation of each kind.
It multiplies each by how often the preset does it and prints the projection per stage (and writes it as JSON).

The projection is an upper bound where the run shares work: it counts one whole trajectory per strategy and random
draw, while states that several strategies reach are evaluated once. Time it with nothing else running.
"""
import argparse, json, os, tempfile, time
from dataclasses import replace
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np, torch
from fusion_prune.decoder_study import DecoderRunner, TaskContext, decoder_config, recovery_train, random_states
from fusion_prune.decoder import DecoderContext
from fusion_prune.lm import TaskEvaluator
from fusion_prune.study import Study
from fusion_prune.strategies import get_strategy, remove
from fusion_prune.model import drop_layers
from fusion_prune.lm import source_chunks, chunk_batches


def timed(f):
    t0 = time.perf_counter(); r = f(); return time.perf_counter() - t0, r


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--preset', default='decoder'); p.add_argument('--precision', default='fp32')
    p.add_argument('--changes', default='{}', help='JSON of settings to change, e.g. {"test_chunks": 16}')
    p.add_argument('--out', help='write the projection here as JSON')
    a = p.parse_args()
    cfg = decoder_config(a.preset, a.precision, **json.loads(a.changes))
    run = DecoderRunner(Study(Path(tempfile.mkdtemp()) / 'size', cfg), progress=False)
    t_load, _ = timed(run.lm); src, K = cfg.sources[0], cfg.max_k
    model, tok = run.lm()
    # the study's own chunks and batches, in contexts that neither read nor write the evaluation store: every unit is
    # computed here, as in a first run
    fresh = lambda name, b: DecoderContext(model, tok, b, f'size-{name}', cfg.precision, persist=False,
                                           cache_gb=cfg.cache_gb, units=dict(test=cfg.chunk_len - 1))
    ctx = fresh(src, run.decider(src).batches); full = tuple(ctx.full); L = len(full)
    t_sweep, _ = timed(lambda: ctx.signals(full))
    cands = full[::5]   # candidates spread over the depth: each evaluates from its removed layer up, as a greedy step's
    #                     candidates do on average
    t_cand = timed(lambda: [ctx.calib_loss(remove(full, l)) for l in cands])[0] / len(cands)
    traj = [random_states(full, k, 2, cfg.seed + 7) for k in range(1, K + 1)]
    t_lm_traj = np.mean([timed(lambda d=d: [ctx.ev(at[d], splits=('calib', 'test')) for at in traj])[0]
                         for d in range(2)])
    t_lm_full, _ = timed(lambda: fresh(cfg.sources[1], run.decider(cfg.sources[1]).batches).ev(full, splits=('calib',
                                                                                                          'test')))
    zs = {}
    if cfg.zero_shot:
        study_ev = run.zero_shot(cfg.zero_shot[0]).ev.split
        ev = TaskEvaluator(model, {s: study_ev[s].batches for s in ('calib', 'test')}, study_ev['test'].forward,
                           'size-zs', cfg.cache_gb, False, cfg.precision, units=dict(test=1))
        zc = TaskContext(ev, cfg.zero_shot[0])
        zs['t_zs_full'] = timed(lambda: ev(full, splits=('test',)))[0]
        zs['t_zs_traj'] = float(np.mean([timed(lambda d=d: [ev(at[d], splits=('test',)) for at in traj])[0]
                                         for d in range(2)]))
        zs['t_zs_cand'] = timed(lambda: [zc.calib_loss(remove(full, l)) for l in cands])[0] / len(cands)
    train = chunk_batches(torch.cat([source_chunks(s, tok, 'calib', cfg.chunk_len, 2) for s in cfg.sources]),
                          cfg.batch_size)
    state = full[:L - cfg.recovery_k]
    step = {}
    for name, teacher in (('lm', None), ('kd', model)):
        student = drop_layers(model, [full.index(l) for l in state])
        c = replace(cfg, recovery_steps=3)
        step[name] = timed(lambda: recovery_train(student, teacher, train, c))[0] / 3

    n_dec, n_src, n_zs = len(cfg.deciders), len(cfg.sources), len(cfg.zero_shot)
    walkers = [n for n in cfg.strategies if not get_strategy(n).uniform]
    signal_users = [n for n in cfg.strategies if get_strategy(n).uses_signals]
    cand_per_search = sum(L - i for i in range(K))          # candidates of a greedy search to max_k
    scale_pool = (cfg.pooled_chunks * n_src) / cfg.calib_chunks   # the pooled text against one source's calib
    calib_scale = [1.0] * n_src + ([scale_pool] if cfg.zero_shot else [])
    proj = {
        'load': t_load,
        'signals_part': t_sweep * sum(calib_scale),
        'greedy_part': t_cand * cand_per_search * sum(calib_scale),
        'decisions_part': t_sweep * n_dec,   # angle passes and the strategies' scores: about a sweep per decider
        'curves_part (lm)': n_src * ((len(walkers) + cfg.random_draws) * t_lm_traj + t_lm_full),
        'curves_part (zero-shot)': n_zs * ((len(walkers) + 1 + cfg.random_draws) * zs.get('t_zs_traj', 0)
                                           + cand_per_search * zs.get('t_zs_cand', 0)),
        'recovery': cfg.recovery_steps * (step['lm'] + step['kd'])
                    + 4 * (n_src * t_lm_full + n_zs * zs.get('t_zs_full', 0)),
        'strategy_cost': t_cand * cand_per_search + t_sweep * len(signal_users) if cfg.cost else 0.0,
    }
    proj['total'] = sum(proj.values())
    units = dict(t_sweep=t_sweep, t_cand=t_cand, t_lm_traj=float(t_lm_traj), t_lm_full=t_lm_full, **zs,
                 t_step_lm=step['lm'], t_step_kd=step['kd'])
    out = dict(preset=a.preset, precision=cfg.precision, changes=json.loads(a.changes), n_layers=L,
               units_s={k: round(v, 3) for k, v in units.items()},
               projected_s={k: round(v, 1) for k, v in proj.items()},
               counts=dict(deciders=n_dec, walkers=len(walkers), random_draws=cfg.random_draws,
                           greedy_candidates=cand_per_search))
    print(json.dumps(out, indent=1))
    for k, v in proj.items(): print(f'{k:>24}: {v / 60:7.1f} min')
    if a.out: Path(a.out).write_text(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
