#!/usr/bin/env bash
# Promote the finished five-seed rerun: results/minilm-l6-next -> results/minilm-l6, the three-seed study it replaces
# -> results/archive/minilm-l6-2026-12-02/. Files that are not the study's (the fine-tuning table, the recipe probes,
# the benchmarks, the analysis plan) stay in results/minilm-l6/. Refuses to run before the rerun has finished.
set -euo pipefail
cd "$(dirname "$0")/.."
old=results/minilm-l6; new=results/minilm-l6-next; arc=results/archive/minilm-l6-2026-12-02
keep=(PREREGISTERED.md finetune_vs_tfidf.csv recipe_probe.csv recipe_cost.csv bbc_news_256_check.json bench)
grep -q ' done in ' "$new/run.log" || { echo "$new/run.log has no 'done in' line: the rerun has not finished" >&2; exit 2; }
[ -z "$(git status --porcelain -- "$new" "$old")" ] || { echo "commit $new and $old first" >&2; exit 2; }
[ -e "$arc" ] && { echo "$arc exists already: nothing moved" >&2; exit 2; }
mkdir -p "$arc"
for f in "$old"/* "$old"/.[!.]*; do
  [ -e "$f" ] || continue
  name=$(basename "$f"); [[ " ${keep[*]} " == *" $name "* ]] && continue
  git mv "$f" "$arc/$name"
done
for f in "$new"/*; do [ "$(basename "$f")" = fusion_models ] && continue; git mv "$f" "$old/$(basename "$f")"; done
# the held-out fusion models are ignored by git: move them too, so that a resumed run finds them
[ -d "$new/fusion_models" ] && mv "$new/fusion_models" "$old/fusion_models"
rmdir "$new" 2>/dev/null || true
# the archived README: its status paragraph (which pointed at the rerun in progress) becomes an archive note
"${PY:-.venv/bin/python}" - "$arc/README.md" <<'PY'
import re, sys, datetime
from pathlib import Path
p = Path(sys.argv[1]); t = p.read_text()
note = (f"> **Archived on {datetime.date.today()}.** The three-seed study (three fine-tuning seeds on three datasets, "
        "one on the other six; signal definitions version 2; `random` as the mean of ten sampled orders; winners without "
        "a multiplicity adjustment). The five-seed rerun that replaced it, analysed by the plan in "
        "`results/minilm-l6/PREREGISTERED.md`, is in `results/minilm-l6/`; where the two disagree, the rerun's contrasts "
        "are the study's answer. Paths below that name `results/minilm-l6/` refer to this folder's files.")
t = re.sub(r"\*\*Status \(.*?\)\.\*\*.*?\n\n", note + "\n\n", t, count=1, flags=re.S)
t = t.replace('# Results: `minilm-l6` on the nine datasets', '# Results (archived): `minilm-l6` on the nine datasets, three seeds', 1)
p.write_text(t)
PY
"${PY:-.venv/bin/python}" -c "from fusion_prune.report import write_report; write_report('$old')"
# the pages written for the rerun's tables (branch rerun-pages, kept reachable from main): those files only
git checkout 6c9e206a62b5fa2f810697fe8b1414cda35d9d80 -- nbs/appendix/03_study.ipynb nbs/appendix/04_fusion.ipynb \
  nbs/appendix/05_distill.ipynb nbs/appendix/06_evidence.ipynb nbs/index.ipynb
echo "left by hand: the status and wall time in $old/README.md, TOTAL_TIME_AND_MACHINE in nbs/index.ipynb, the advice"
echo "of 'Prune your own model' against the contrasts; then execute nbs/index.ipynb, make readme, and commit"
echo "moved: the three-seed study to $arc, the rerun to $old; figures, summary.md and the README's findings redrawn"
