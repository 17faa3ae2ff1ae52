"""Cross-check of the package's zero-shot scorer against EleutherAI's lm-evaluation-harness on the same examples.

    pip install "lm-eval==0.4.13"     # not a dependency of the package: only this check needs it
    python scripts/lm_eval_crosscheck.py [--model smollm2-135m] [--task mr_sentences] [--n 128] [--out results/lm_eval_crosscheck]

The package scores a zero-shot task by the log-probabilities of each label word's first token after the prompt
(`lm.label_word_scores`), minus those after a content-free prompt (contextual calibration). The harness's
`multiple_choice` task scores each choice by the log-likelihood of its continuation after the prompt, with no
calibration. The two agree exactly in what they rank when every label word is one token and no calibration is
applied, so the check compares:

- `package_raw`: the package's prompts, batches and forward pass, argmax over the label words' logits, no calibration;
- `harness`: lm-evaluation-harness (`HFLM` on the same model object) on a local custom task whose documents are the
  same prompts, whose choices are the label words after a space;

per example (agreement of the predicted class) and in accuracy (they should agree within 0.01). The package's
calibrated accuracy (`package_calibrated`, what the decoder study reports) is printed beside them: it is a different
measure by design. The examples are the decoder study's: the task's test split shuffled with seed 0, the first `n`.
Writes `crosscheck.json` with the numbers, the versions and each example's predictions.
"""
import argparse, json, os, tempfile
from dataclasses import replace
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('HF_DATASETS_OFFLINE', '1')
import numpy as np, torch
from fusion_prune.assets import atomic_write_text
from fusion_prune.data import load_splits, DEFAULT_CAPS
from fusion_prune.lm import ZERO_SHOT_TASKS, zero_shot_batches
from fusion_prune.model import load_model
from fusion_prune.runtime import model_inputs

TASK_YAML = """task: {name}
dataset_path: json
dataset_kwargs:
  data_files:
    test: {data}
test_split: test
output_type: multiple_choice
doc_to_text: "{{{{prompt}}}}"
doc_to_target: label
doc_to_choice: {choices}
target_delimiter: " "
metric_list:
  - metric: acc
"""


@torch.no_grad()
def package_predictions(model, tok, task, split) -> tuple[np.ndarray, np.ndarray]:
    "Per example (in split order): the argmax label word without calibration, and with it (the package's measure)."
    ids = torch.tensor(task.label_ids(tok))
    batches, order = zero_shot_batches(task, tok, split, 8)
    raw, cal = [], []
    for b in batches:
        logp = model(**model_inputs(b), logits_to_keep=1).logits[:, -1].float()[:, ids].log_softmax(-1)
        raw += logp[:-1].argmax(-1).tolist(); cal += (logp[:-1] - logp[-1:]).argmax(-1).tolist()
    back = np.argsort(order)
    return np.array(raw)[back], np.array(cal)[back]


def harness_predictions(model, tok, task, prompts, labels) -> tuple[np.ndarray, dict]:
    "lm-evaluation-harness on a local task over `prompts`: each example's predicted choice, and the run's versions."
    import lm_eval
    from lm_eval.models.huggingface import HFLM
    from lm_eval.tasks import TaskManager
    d = Path(tempfile.mkdtemp())
    (d/'data.jsonl').write_text(''.join(json.dumps(dict(prompt=p, label=int(l), idx=i)) + '\n'
                                        for i, (p, l) in enumerate(zip(prompts, labels))))
    name = f'fusion_prune_{task.dataset}'
    (d/f'{name}.yaml').write_text(TASK_YAML.format(name=name, data=d/'data.jsonl', choices=json.dumps(list(task.words))))
    lm = HFLM(pretrained=model, tokenizer=tok, batch_size=8)
    res = lm_eval.simple_evaluate(model=lm, tasks=[name], task_manager=TaskManager(include_path=str(d)),
                                  log_samples=True, num_fewshot=0)
    samples = sorted(res['samples'][name], key=lambda s: s['doc']['idx'])
    pred = np.array([int(np.argmax([r[0] for r in s['filtered_resps']])) for s in samples])
    return pred, dict(lm_eval=lm_eval.__version__, acc=res['results'][name]['acc,none'])


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model', default='smollm2-135m'); p.add_argument('--task', default='mr_sentences')
    p.add_argument('--n', type=int, default=128); p.add_argument('--out', default='results/lm_eval_crosscheck')
    a = p.parse_args()
    model, tok = load_model(a.model); model.eval()
    if tok.pad_token_id is None: tok.pad_token = tok.eos_token
    task = replace(ZERO_SHOT_TASKS[a.task], max_text_tokens=48)   # the decoder study's setting
    split = load_splits(task.dataset, **DEFAULT_CAPS)['test'].shuffle(seed=0)
    split = split.select(range(min(a.n, len(split))))
    labels = np.array(split['label']); prompts = task.texts(tok, split['text'])
    raw, cal = package_predictions(model, tok, task, split)
    har, info = harness_predictions(model, tok, task, prompts, labels)
    out = dict(model=a.model, task=a.task, n=len(labels), label_words=list(task.words),
               package_raw_acc=float((raw == labels).mean()), harness_acc=float((har == labels).mean()),
               harness_reported_acc=info['acc'], package_calibrated_acc=float((cal == labels).mean()),
               agreement=float((raw == har).mean()), versions=dict(lm_eval=info['lm_eval'],
                                                                  torch=torch.__version__),
               predictions=dict(label=labels.tolist(), package_raw=raw.tolist(), harness=har.tolist(),
                                package_calibrated=cal.tolist()))
    out['within_0.01'] = abs(out['package_raw_acc'] - out['harness_acc']) <= 0.01
    Path(a.out).mkdir(parents=True, exist_ok=True)
    atomic_write_text(Path(a.out)/f'{a.model}-{a.task}.json', json.dumps(out, indent=1))
    print({k: v for k, v in out.items() if k != 'predictions'})


if __name__ == '__main__':
    main()
