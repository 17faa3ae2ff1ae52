"""Time the `paper` preset's stages on a small subset and project the whole study's wall time.

Meant for a GPU machine (under 10 minutes on one GPU); runs anywhere, e.g. `--model minilm-l6 --n 64` on a CPU to
check it works. Needs the model's assets (`fusion-prune fetch --models mpnet-base`).

    python scripts/time_paper.py                       # mpnet-base, the paper preset's sizes, precision auto (bf16 on CUDA)
    python scripts/time_paper.py --model minilm-l6 --n 64 --out timing.json
    python scripts/time_paper.py --random-init         # where the weights (or the datasets) cannot be fetched

`--random-init` builds the model from its configuration with random weights (the configuration of the fetched model
when it is there, otherwise the built-in shape below) and, where the datasets are not installed either, times
synthetic token ids at the full `max_length` (an upper bound: real texts are often shorter). Timings do not depend
on the weights' values; the output says which of these were used.

Every unit cost is measured here (seconds per example and epoch, per example and layer); the work each stage does is
counted from the preset's sizes and from the study's structure (the state counts of the committed minilm-l6 study,
scaled to 12 layers). The projection is an estimate and says how it was made.
"""
import argparse, json, os, sys, time
from dataclasses import replace
import torch

# the architectures' shapes, for `--random-init` where the model's files are not installed
SHAPES = {'minilm-l6': ('bert', dict(hidden_size=384, num_hidden_layers=6, num_attention_heads=12, intermediate_size=1536,
                                     vocab_size=30522, max_position_embeddings=512)),
          'mpnet-base': ('mpnet', dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072,
                                       vocab_size=30527, max_position_embeddings=514, layer_norm_eps=1e-5))}

def random_model(key:str, num_labels:int):
    "A classifier of `key`'s architecture with random weights, and where its configuration came from."
    from transformers import AutoConfig, AutoModelForSequenceClassification
    from fusion_prune.model import model_dir
    try: cfg, src = AutoConfig.from_pretrained(model_dir(key), num_labels=num_labels), 'the installed model configuration'
    except Exception:
        family, shape = SHAPES[key]
        cfg, src = AutoConfig.for_model(family, num_labels=num_labels, **shape), 'the built-in shape (model files not installed)'
    torch.manual_seed(0)
    return AutoModelForSequenceClassification.from_config(cfg), src

def synthetic_splits(n:int, length:int, vocab:int, num_labels:int=2):
    "Tokenized train and calib splits of random token ids at the full `length` (no datasets needed)."
    from datasets import Dataset, DatasetDict
    g = torch.Generator().manual_seed(0)
    def split():
        ids = torch.randint(5, vocab, (n, length), generator=g); ids[:, 0], ids[:, -1] = 0, 2
        return Dataset.from_dict(dict(input_ids=ids.tolist(), attention_mask=[[1] * length] * n, length=[length] * n,
                                      label=torch.randint(0, num_labels, (n,), generator=g).tolist(), text=[''] * n))
    return DatasetDict(train=split(), calib=split())

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--preset', default='paper', help='the preset to project (default paper; `full` checks the method against the committed run)')
    p.add_argument('--model', help="model to time (default: the preset's)"); p.add_argument('--dataset', default='mr_sentences')
    p.add_argument('--n', type=int, default=512, help='examples in each timed subset')
    p.add_argument('--precision', default='auto', choices=('fp32', 'bf16', 'auto'), help='fp32, bf16 autocast, or auto (bf16 where the hardware runs it fast)')
    p.add_argument('--no-bf16', action='store_true', help='the same as --precision fp32')
    p.add_argument('--random-init', action='store_true', help='random weights from the model configuration (no weights needed; synthetic tokens if the datasets are missing)')
    p.add_argument('--out', help='also write the timings and the projection as JSON')
    a = p.parse_args(argv)
    if a.no_bf16: a.precision = 'fp32'
    os.environ.setdefault('HF_HUB_OFFLINE', '1')
    if torch.cuda.is_available(): torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True  # float32 matmuls on tensor cores
    from datasets import DatasetDict
    from fusion_prune.experiment import PRESETS
    from fusion_prune.data import load_splits
    from fusion_prune.model import load_model, drop_layers, kept_layers
    from fusion_prune.train import train_epochs
    from fusion_prune.runtime import tokenize, process_state
    from fusion_prune.runtime import resolve_precision
    from fusion_prune.model import tiny_tokenizer
    from fusion_prune.evaluate import SplitEvaluator, fixed_batches
    from fusion_prune.signals import compute_signals
    from fusion_prune.distill import distill
    pre = PRESETS[a.preset].config; caps = pre.caps; a.model = a.model or pre.model
    ml = pre.train.max_length; dev = process_state().device; prec = resolve_precision(a.precision, dev)
    try: ds = load_splits(a.dataset, max_train=a.n, max_calib=a.n, max_test=a.n); data_src = f'{a.dataset} ({a.n} examples per split)'
    except Exception as e:
        if not a.random_init: raise
        ds, data_src = None, f'synthetic token ids at {ml} tokens (dataset unavailable: {type(e).__name__})'
    names = ds['train'].features['label'].names if ds is not None else ['a', 'b']
    if a.random_init:
        model, model_src = random_model(a.model, len(names))
        try: _, tok = load_model(a.model)
        except Exception: tok = tiny_tokenizer()
    else:
        model, tok = load_model(a.model, num_labels=len(names), id2label=dict(enumerate(names))); model_src = 'the fetched pretrained weights'
    print(f"model: {a.model} from {model_src}{' with RANDOM weights (timing only)' if a.random_init else ''}; data: {data_src}; precision {prec}")
    model.to(dev); L = L_paper = len(kept_layers(model))
    sync = torch.cuda.synchronize if dev.type == 'cuda' else (lambda: None)
    def timed(f):
        sync(); t0 = time.perf_counter(); r = f(); sync(); return time.perf_counter() - t0, r
    tds = tokenize(DatasetDict(train=ds['train'], calib=ds['calib']), tok, ml) if ds is not None else synthetic_splits(a.n, ml, model.config.vocab_size)
    n = len(tds['train'])
    cfg = replace(pre.train, epochs=1, max_length=ml, precision=prec)
    t_ft, (model, _) = timed(lambda: train_epochs(model, tok, tds['train'], None, cfg, progress=False))
    ev = SplitEvaluator(model, fixed_batches(tds['calib'], tok, 64), cache_gb=8, precision=prec)
    t_fwd, _ = timed(lambda: ev(tuple(range(L))))
    t_sig, _ = timed(lambda: compute_signals(model, tds['calib'], None, tok, max_length=ml, precision=prec))
    student = drop_layers(model, list(range(0, L, 2)))
    kd_data = ds if ds is not None else DatasetDict(train=tds['train'], calib=tds['calib'])
    t_kd, _ = timed(lambda: distill(model, student, tok, kd_data, replace(pre.distill, epochs=1, max_length=ml, patience=None, precision=prec), progress=False))
    unit = dict(finetune_per_example_epoch=t_ft / n, forward_per_example_layer=t_fwd / (len(tds['calib']) * L),
                signals_per_example_layer=t_sig / (len(tds['calib']) * L), distill_per_example_epoch=t_kd / n)
    D, S = len(pre.datasets), 2 * 2                          # datasets; students x (distilled + label-only)
    # state counts: the committed minilm-l6 study (L=6) computed signals for 32-35 distinct states per dataset and test
    # accuracy for 39-43 (about 1.0 L^2 and 1.1 L^2); scaled to L=12. Calib: the exhaustive oracle's trie evaluates
    # every state (2^L - 1 layer calls), which also covers every calib evaluation of the other strategies and the rows.
    sig_states, test_states, mean_layers = 1.0 * L_paper**2, 1.1 * L_paper**2, L_paper / 2
    work = dict(
        finetune=(D * pre.train.epochs * caps['max_train'], unit['finetune_per_example_epoch']),
        exhaustive_oracle=(D * (2**L_paper - 1) * caps['max_calib'], unit['forward_per_example_layer']),
        test_curves=(D * test_states * mean_layers * caps['max_test'], unit['forward_per_example_layer']),
        signals=(D * sig_states * mean_layers * caps['max_calib'], unit['signals_per_example_layer']),
        distillation=(D * S * pre.distill.epochs * caps['max_train'], unit['distill_per_example_epoch']))
    proj = {k: u * c for k, (u, c) in work.items()}
    out = dict(preset=a.preset, device=str(dev), gpu=torch.cuda.get_device_name() if dev.type == 'cuda' else None, model=a.model, layers=L,
               precision=prec, bf16=prec == 'bf16', random_init=a.random_init, model_source=model_src, data=data_src, n=n, measured_seconds=dict(finetune=t_ft, forward=t_fwd, signals=t_sig, distill=t_kd),
               unit_seconds=unit, projected_seconds=proj, projected_total_hours=sum(proj.values()) / 3600)
    print(f"device {out['device']} ({out['gpu'] or 'CPU'}), model {a.model} ({L} layers{', random weights' if a.random_init else ''}), precision {prec}")
    for k, v in proj.items(): print(f'  {k:>18}: {v / 60:8.1f} min  ({work[k][0]:.3g} units x {work[k][1]:.3g} s)')
    print(f"  projected {a.preset} study: {out['projected_total_hours']:.2f} h (an estimate from measured unit costs; see the script's docstring)")
    if a.out: open(a.out, 'w').write(json.dumps(out, indent=1))
    return 0

if __name__ == '__main__': sys.exit(main())
