# fusion_prune: the two commands a newcomer runs are `make demo` and `make test`; each sets itself up.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
# extra pip arguments for torch, e.g. --index-url https://download.pytorch.org/whl/cpu where PyPI would give a CUDA build
TORCH_PIP_ARGS ?=
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install export demo test docs docs-check readme nbs clean-check sync-check lint nbtest lab clean

## install: .venv with CPU torch, the package in editable mode with its dev extras, and the offline assets (idempotent)
install: $(VENV)/.installed
	$(BIN)/fusion-prune fetch

$(VENV)/.installed: setup.py settings.ini constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q $(TORCH_PIP_ARGS) "torch==2.13.0"
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	touch $@

## demo: the main job: the `quick` study (two datasets, every strategy, fusion, oracles, distillation, tables and figures) into study-quick/
demo: install
	HF_HUB_OFFLINE=1 $(BIN)/fusion-prune reproduce --preset quick --out study-quick
	@echo "tables: study-quick/*.csv   figures: study-quick/figures/   summary: study-quick/summary.md   log: study-quick/run.log"

## test: notebooks clean, library in sync with the notebooks, no unused imports, then every notebook under nbdev_test
test: install clean-check sync-check lint nbtest

clean-check:
	$(BIN)/nbdev_clean
	git diff --exit-code --stat -- nbs || { echo "notebooks are not clean: run nbdev_clean and commit"; exit 1; }

## export: the library from the notebooks (plain nbdev_export: what anyone running it gets is what is committed)
export:
	$(BIN)/nbdev_export

sync-check:
	$(BIN)/nbdev_export
	git diff --exit-code --stat -- fusion_prune || { echo "fusion_prune/ is out of sync with nbs/: run make export and commit"; exit 1; }
	test -z "$$(git status --porcelain -- fusion_prune)" || { git status --porcelain -- fusion_prune; echo "untracked generated modules: run make export and commit"; exit 1; }

## lint: no unused imports, no line over 120 characters in the generated library (fix them in the notebooks, then
## make export), and every exported function or class tested right below its cell (tools/check_export_tests.py); the one exception is the first line of the `__all__` nbdev generates (it wraps the names at 120 and
## then puts `__all__ = ` in front, so that line can reach 130: nothing written by hand)
lint:
	$(BIN)/ruff check --select F401 --exclude fusion_prune/_modidx.py fusion_prune
	$(BIN)/python -c "import pathlib, sys; long = [f'{p}:{i}: {len(l)} characters' for p in sorted(pathlib.Path('fusion_prune').glob('*.py')) if p.name != '_modidx.py' for i, l in enumerate(p.read_text().splitlines(), 1) if len(l) > 120 and not l.startswith('__all__ = ')]; print(*long, sep='\\n'); sys.exit(bool(long))" \
	  || { echo "lines over 120 characters: fix them in the notebooks"; exit 1; }
	$(BIN)/python tools/check_export_tests.py

## nbtest: every notebook under nbdev_test; the longest one (LONG_NB) starts at once in a process of its own beside the
## others, so it does not wait for its turn (NBTEST_ARGS, e.g. --path nbs/07_strategies.ipynb: one run of those only)
LONG_NB := 12_experiment
nbtest:
	mkdir -p .tmp
	export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 IN_TEST=1; set +e; \
	if [ -n "$(NBTEST_ARGS)" ]; then \
	  $(BIN)/nbdev_test --n_workers 2 --do_print --timing $(NBTEST_ARGS) 2>&1 | tee .tmp/nbdev_test.log; status=$${PIPESTATUS[0]}; \
	else \
	  $(BIN)/nbdev_test --path nbs/$(LONG_NB).ipynb --do_print --timing > .tmp/nbdev_test_long.log 2>&1 & long=$$!; \
	  $(BIN)/nbdev_test --n_workers 2 --skip_file_re '^$(LONG_NB)' --do_print --timing 2>&1 | tee .tmp/nbdev_test.log; \
	  status=$${PIPESTATUS[0]}; wait $$long; long_status=$$?; cat .tmp/nbdev_test_long.log | tee -a .tmp/nbdev_test.log; \
	  [ $$long_status -eq 0 ] || status=$$long_status; \
	fi; set -e; $(BIN)/python tools/nbtest_summary.py .tmp/nbdev_test.log $$status

## docs: render the site into _docs/ (Quarto when installed, else nbdev's processed notebooks + smalldocs); nothing outside .venv is installed
docs: install
	if command -v quarto >/dev/null; then $(BIN)/nbdev_docs; else \
	  $(BIN)/nbdev_export && $(BIN)/python tools/proc_nbs.py && $(BIN)/smalldocs render _proc && rm -rf _docs && cp -r _proc/_docs _docs; fi
	test -f _docs/index.html && echo "docs: $$(pwd)/_docs/index.html"

## docs-check: render the site, open every page in headless Chromium, fail on tracebacks, error cells, missing images or tables wider than the page
docs-check: docs
	$(BIN)/python tools/check_docs.py _docs

lab: install
	$(BIN)/jupyter lab nbs

clean:
	rm -rf _docs _proc .tmp build *.egg-info

## readme: README.md from nbs/index.ipynb
readme: install
	$(BIN)/python tools/make_readme.py

## nbs: run every notebook top to bottom as a reader would (outputs saved for the docs), then clean them
nbs: install
	cd nbs && for nb in $$(ls *.ipynb appendix/*.ipynb); do echo "== $$nb"; \
	  ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=3600 $$nb || exit 1; done
	$(BIN)/nbdev_clean
