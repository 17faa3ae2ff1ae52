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
"${PY:-.venv/bin/python}" -c "from fusion_prune.report import write_report; write_report('$old')"
echo "moved: the three-seed study to $arc, the rerun to $old; figures, summary.md and the README's findings redrawn"
