# a render-test folder from the rerun's seed-0 parts (+ the smoke fixture's distillation and finetune tables); not a result
import pandas as pd, glob, shutil, json
from pathlib import Path
from fusion_prune.fusion import regret_table, spearman_table, fusion_ablation
from fusion_prune.experiment import table1, CURVE_COLUMNS, fusion_pool
from fusion_prune.stats import strategy_scores, friedman_ranks
R = Path('/work/main/results/minilm-l6-next'); P = R/'parts'; O = Path('/tmp/preview/study'); O.mkdir(parents=True, exist_ok=True)
cat = lambda pat: pd.concat([pd.read_parquet(f) if f.endswith('parquet') else pd.read_csv(f) for f in sorted(glob.glob(str(P/pat)))], ignore_index=True)
cur = pd.concat([cat('curves/*-ft0.csv'), cat('fusion_curves/*-ft0.csv')], ignore_index=True)[[*CURVE_COLUMNS, 'finetune_seed']]
cur.to_csv(O/'curves.csv', index=False); table1(cur).to_csv(O/'table1.csv', index=False)
regret_table(cat('regret/*-ft0.csv')).to_csv(O/'regret.csv', index=False)
sc = strategy_scores(cat('predictions/*-ft0.parquet'), 6, ('auc', 'k=3')); sc.to_csv(O/'strategy_scores.csv', index=False)
ranked = {m: friedman_ranks(sc, m) for m in ('auc', 'k=3')}
pd.concat([t for t, _ in ranked.values()]).to_csv(O/'ranks.csv', index=False)
pd.concat([p.rename_axis(index='strategy', columns='other').stack().rename('nemenyi_p').reset_index().assign(measure=m) for m, (_, p) in ranked.items()]).to_csv(O/'ranks_pairwise.csv', index=False)
shutil.copy(P/'fusion/ft0'/'fusion_importances.csv', O/'fusion_importances.csv')
spearman_table(pd.read_parquet(P/'fusion/ft0'/'fusion_scores.parquet')).to_csv(O/'fusion_lodo.csv', index=False)
spearman_table(pd.read_parquet(P/'fusion/ft0'/'fusion_scores_domain.parquet')).to_csv(O/'fusion_lodo_domain.csv', index=False)
rows = cat('rows/*-ft0.csv'); rows.to_parquet(O/'fusion_rows.parquet', index=False)
cat('signals/*-ft0.csv').to_csv(O/'signals.csv', index=False)
fx = Path('/work/main/nbs/_fixtures/smoke')
for f in ['kd.csv', 'kd_intervals.csv', 'finetune.csv', 'strategy_cost.csv', 'config.json']: shutil.copy(fx/f, O/f)
ab = fusion_ablation(rows, holdout='dataset', pool=fusion_pool(rows), progress=False)
ab.to_csv(O/'fusion_ablation.csv', index=False)
print(ab.groupby('predictor')[['spearman', 'regret']].mean().sort_values('regret').round(4).to_string())
