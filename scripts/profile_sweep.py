"""Profile one signal sweep on the CPU: where its host-side time goes (PCA, MI estimators, BLAS thread-pool control)
and how often it moves a value from the device to the host.

The host-side costs found on a GPU (PCA 45% of a sweep, thread-pool rescans 22%, a host synchronisation per
parameter and per layer) are CPU work, so they show in a CPU profile too. Run it on two checkouts to compare:

    python scripts/profile_sweep.py --out after.json
    PYTHONPATH=<older checkout> python scripts/profile_sweep.py --out before.json

Uses the packaged minilm-l6 with a fresh (untrained) head: the sweep's cost does not depend on the head.
"""
import argparse, cProfile, json, pstats, sys, time
import torch

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model', default='minilm-l6'); p.add_argument('--dataset', default='mr_sentences')
    p.add_argument('--n', type=int, default=512, help='calib examples'); p.add_argument('--max-length', type=int, default=64)
    p.add_argument('--out', help='write the figures as JSON')
    a = p.parse_args(argv)
    import fusion_prune
    from fusion_prune.data import load_splits
    from fusion_prune.model import load_model
    from fusion_prune.signals import compute_signals
    from fusion_prune.runtime import tokenize
    ds = load_splits(a.dataset, max_calib=a.n)
    model, tok = load_model(a.model, num_labels=ds['calib'].features['label'].num_classes)
    calib = tokenize(ds['calib'], tok, a.max_length)
    compute_signals(model, calib, None, tok)                       # warm-up (imports, allocator)
    prof = cProfile.Profile(); t0 = time.perf_counter()
    prof.enable(); sig = compute_signals(model, calib, None, tok); prof.disable()
    total = time.perf_counter() - t0
    st = pstats.Stats(prof).stats                                 # {(file, line, name): (cc, nc, tt, ct, callers)}
    def cum(*names):   # cumulative time of the named functions (outermost calls only: no double counting of recursion)
        return sum(v[3] for k, v in st.items() if k[2] in names)
    def calls(*names): return sum(v[1] for k, v in st.items() if any(n in k[2] for n in names))
    out = dict(package=str(fusion_prune.__file__), model=a.model, n_calib=len(calib), max_length=a.max_length, threads=torch.get_num_threads(),
               sweep_seconds=round(total, 3),
               pca_seconds=round(cum('fit_transform'), 3), mi_seconds=round(cum('mi_ksg', 'mi_cd'), 3),
               threadpool_control_seconds=round(cum('limit', 'threadpool_limits'), 3),
               stat_calls=calls('posix.stat'), host_transfers=calls("method 'item'", "method 'tolist'", "method 'cpu'", '__float__'),
               values=len(sig))
    out['pca_share'] = round(out['pca_seconds'] / total, 3); out['mi_share'] = round(out['mi_seconds'] / total, 3)
    for k, v in out.items(): print(f'{k:>28}: {v}')
    if a.out: open(a.out, 'w').write(json.dumps(out, indent=1))
    return 0

if __name__ == '__main__': sys.exit(main())
