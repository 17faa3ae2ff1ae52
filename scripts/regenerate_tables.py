"""Regenerate a finished study folder's tables from its committed parts (no model is run) and show what changed.

    python scripts/regenerate_tables.py results/smollm2-135m            # report only (into a copy)
    python scripts/regenerate_tables.py results/smollm2-135m --write    # and replace the folder's derived tables

A copy of the folder loses the tables that are computed from parts (not those a model or a clock made: `recovery.csv`
trains, `strategy_cost.csv` times), the study is run again on the copy (every part is read, every removed table is
computed from them), and each table is compared with the committed one: identical bytes, or which rows and columns
differ. Used to show that a change of code that was not meant to move results moves none (issue 41).
"""
import argparse, json, shutil, sys, tempfile
from pathlib import Path
import pandas as pd

# tables derived from parts only, per kind of study (the decoder study's `fits` refit its held-out models from the
# greedy rows: deterministic given the rows)
DERIVED = {'decoder': ('curves.csv', 'contrasts.csv', 'fusion_fits.csv', 'signal_directions.csv', 'zero_shot_floor.csv')}

def compare(old:Path, new:Path, f:str) -> str:
    "One line per table: identical, or the rows, added and removed columns, and the columns whose values differ."
    if old.read_bytes() == new.read_bytes(): return f'{f}: identical'
    x, y = pd.read_csv(old), pd.read_csv(new)
    added, removed = [c for c in y if c not in x], [c for c in x if c not in y]
    diff = [c for c in x if c in y and not x[c].equals(y[c])]
    return (f'{f}: {len(x)} rows then, {len(y)} now; columns added {added}, removed {removed}; '
            f'existing columns that differ {diff}; existing columns in their order: '
            f'{list(x.columns) == [c for c in y.columns if c in x.columns]}')

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('folder', type=Path); p.add_argument('--write', action='store_true')
    a = p.parse_args()
    cfg = json.loads((a.folder/'config.json').read_text())
    from fusion_prune.decoder_study import run_decoder_study, DECODER_PRESETS
    if cfg['preset'] not in DECODER_PRESETS: sys.exit(f"{a.folder}: only decoder study folders are handled here")
    work = Path(tempfile.mkdtemp())/a.folder.name; shutil.copytree(a.folder, work)
    shutil.rmtree(work/'fusion', ignore_errors=True)   # the held-out models are refitted from the rows
    for f in DERIVED['decoder']:
        for q in (work/f, work/(f + '.sha256')): q.unlink(missing_ok=True)
    changes = {k: cfg[k] for k in ('model', 'sources', 'zero_shot', 'strategies')}
    res = run_decoder_study(cfg['preset'], work, cfg['precision'], progress=False, **changes)
    computed = res['study'].computed
    print(f'recomputed from the parts: {", ".join(computed)}')
    for f in DERIVED['decoder']: print(compare(a.folder/f, work/f, f))
    if a.write:
        for f in DERIVED['decoder']:
            for name in (f, f + '.sha256'): shutil.copy(work/name, a.folder/name)
        shutil.rmtree(a.folder/'fusion', ignore_errors=True); shutil.copytree(work/'fusion', a.folder/'fusion')
        print(f'written into {a.folder}')

if __name__ == '__main__': main()
