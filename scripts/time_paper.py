"""Time the `paper` preset's stages on a small subset and project the whole study's wall time.

Meant for a GPU machine (under 10 minutes on one GPU); runs anywhere, e.g. `--model minilm-l6 --n 64` on a CPU to
check it works. Needs the model's assets (`fusion-prune fetch --models mpnet-base`).

    python scripts/time_paper.py                       # mpnet-base, the paper preset's sizes, bf16 autocast on CUDA
    python scripts/time_paper.py --model minilm-l6 --n 64 --out timing.json

Every unit cost is measured here (seconds per example and epoch, per example and layer); the work each stage does is
counted from the preset's sizes and from the study's structure (the state counts of the committed minilm-l6 study,
scaled to 12 layers). The projection is an estimate and says how it was made.
"""
import argparse, json, os, sys, time
import torch

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--preset', default='paper', help='the preset to project (default paper; `full` checks the method against the committed run)')
    p.add_argument('--model', help="model to time (default: the preset's)"); p.add_argument('--dataset', default='mr_sentences')
    p.add_argument('--n', type=int, default=512, help='examples in each timed subset')
    p.add_argument('--no-bf16', action='store_true', help='no bf16 autocast on CUDA')
    p.add_argument('--out', help='also write the timings and the projection as JSON')
    a = p.parse_args(argv)
    if torch.cuda.is_available() and not a.no_bf16: os.environ.setdefault('ACCELERATE_MIXED_PRECISION', 'bf16')
    os.environ.setdefault('HF_HUB_OFFLINE', '1')
    from datasets import DatasetDict
    from fusion_prune.experiment import PRESETS
    from fusion_prune.data import load_splits
    from fusion_prune.model import load_model, drop_layers, kept_layers
    from fusion_prune.train import TrainConfig, tokenize, train_epochs, process_state
    from fusion_prune.evaluate import SplitEvaluator, fixed_batches
    from fusion_prune.signals import compute_signals
    from fusion_prune.distill import DistillConfig, distill
    pre = PRESETS[a.preset]; caps = pre.caps; a.model = a.model or pre.model
    from fusion_prune.data import MAX_LENGTH
    ml = pre.train.get('max_length', MAX_LENGTH); dev = process_state().device
    ds = load_splits(a.dataset, max_train=a.n, max_calib=a.n, max_test=a.n)
    names = ds['train'].features['label'].names
    model, tok = load_model(a.model, num_labels=len(names), id2label=dict(enumerate(names)))
    model.to(dev); L = L_paper = len(kept_layers(model)); n = len(ds['train'])
    sync = torch.cuda.synchronize if dev.type == 'cuda' else (lambda: None)
    def timed(f):
        sync(); t0 = time.perf_counter(); r = f(); sync(); return time.perf_counter() - t0, r
    tds = tokenize(DatasetDict(train=ds['train'], calib=ds['calib']), tok, ml)
    cfg = TrainConfig(epochs=1, max_length=ml, lr=pre.train.get('lr', 1e-4))
    t_ft, (model, _) = timed(lambda: train_epochs(model, tok, tds['train'], None, cfg, progress=False))
    ev = SplitEvaluator(model, fixed_batches(tds['calib'], tok, 64), cache_gb=8)
    t_fwd, _ = timed(lambda: ev(tuple(range(L))))
    t_sig, _ = timed(lambda: compute_signals(model, tds['calib'], None, tok, max_length=ml))
    student = drop_layers(model, list(range(0, L, 2)))
    t_kd, _ = timed(lambda: distill(model, student, tok, ds, DistillConfig(epochs=1, max_length=ml, patience=None), progress=False))
    unit = dict(finetune_per_example_epoch=t_ft / n, forward_per_example_layer=t_fwd / (len(ds['calib']) * L),
                signals_per_example_layer=t_sig / (len(ds['calib']) * L), distill_per_example_epoch=t_kd / n)
    D, S = len(pre.datasets), 2 * 2                          # datasets; students x (distilled + label-only)
    # state counts: the committed minilm-l6 study (L=6) computed signals for 32-35 distinct states per dataset and test
    # accuracy for 39-43 (about 1.0 L^2 and 1.1 L^2); scaled to L=12. Calib: the exhaustive oracle's trie evaluates
    # every state (2^L - 1 layer calls), which also covers every calib evaluation of the other strategies and the rows.
    sig_states, test_states, mean_layers = 1.0 * L_paper**2, 1.1 * L_paper**2, L_paper / 2
    work = dict(
        finetune=(D * pre.train.get('epochs', 3) * caps['max_train'], unit['finetune_per_example_epoch']),
        exhaustive_oracle=(D * (2**L_paper - 1) * caps['max_calib'], unit['forward_per_example_layer']),
        test_curves=(D * test_states * mean_layers * caps['max_test'], unit['forward_per_example_layer']),
        signals=(D * sig_states * mean_layers * caps['max_calib'], unit['signals_per_example_layer']),
        distillation=(D * S * pre.distill.get('epochs', 3) * caps['max_train'], unit['distill_per_example_epoch']))
    proj = {k: u * c for k, (u, c) in work.items()}
    out = dict(preset=a.preset, device=str(dev), gpu=torch.cuda.get_device_name() if dev.type == 'cuda' else None, model=a.model, layers=L,
               bf16=os.environ.get('ACCELERATE_MIXED_PRECISION') == 'bf16', n=n, measured_seconds=dict(finetune=t_ft, forward=t_fwd, signals=t_sig, distill=t_kd),
               unit_seconds=unit, projected_seconds=proj, projected_total_hours=sum(proj.values()) / 3600)
    print(f"device {out['device']} ({out['gpu'] or 'CPU'}), model {a.model} ({L} layers), bf16 {out['bf16']}")
    for k, v in proj.items(): print(f'  {k:>18}: {v / 60:8.1f} min  ({work[k][0]:.3g} units x {work[k][1]:.3g} s)')
    print(f"  projected {a.preset} study: {out['projected_total_hours']:.2f} h (an estimate from measured unit costs; see the script's docstring)")
    if a.out: open(a.out, 'w').write(json.dumps(out, indent=1))
    return 0

if __name__ == '__main__': sys.exit(main())
