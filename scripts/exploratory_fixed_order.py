"""Exploratory tables of the committed encoder study (not in its preregistered plan), from its committed files only.

Usage: python scripts/exploratory_fixed_order.py [results/minilm-l6]
Writes fixed_order_curves.csv, exploratory_contrasts.csv and signal_constancy.csv into the results folder, and ships
the fixed order learned on its lattice (fusion_prune/fusion_models/minilm-l6-fixed-order.json)."""
import sys
from pathlib import Path
import pandas as pd
from fusion_prune.assets import atomic_write_text
from fusion_prune.fusion import ship_fixed_order
from fusion_prune.report import fixed_order_curves, exploratory_contrasts, signal_constancy

out = Path(sys.argv[1] if len(sys.argv) > 1 else 'results/minilm-l6')
read = lambda f: pd.read_csv(out/f)
lattice, curves = read('lattice.csv'), read('curves.csv')
print('shipped', ship_fixed_order(lattice))
fixed = fixed_order_curves(lattice)
tables = {'fixed_order_curves.csv': fixed,
          'exploratory_contrasts.csv': exploratory_contrasts(fixed, curves, read('strategy_scores.csv')),
          'signal_constancy.csv': signal_constancy(curves, read('signals.csv'))}
for f, t in tables.items():
    atomic_write_text(out/f, t.to_csv(index=False)); print(f'{out/f}:\n{t.to_string(max_rows=20)}\n')
