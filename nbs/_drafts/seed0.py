import pandas as pd, glob
from fusion_prune.fusion import regret_table, spearman_table
from fusion_prune.stats import strategy_scores, score_wins, friedman_ranks
from fusion_prune.report import fusion_verdict
R = 'results/minilm-l6-next/parts/'
dec = pd.concat([pd.read_csv(f) for f in sorted(glob.glob(R + 'regret/*-ft0.csv'))], ignore_index=True)
reg = regret_table(dec); reg.to_csv('/tmp/preview/regret0.csv', index=False)
lodo = pd.read_csv(R + 'fusion/ft0/fusion_lodo.csv'); dom = pd.read_csv(R + 'fusion/ft0/fusion_lodo_domain.csv')
print(fusion_verdict(lodo, reg).T.to_string())
print('domain:'); print(fusion_verdict(dom, reg)[['fusion', 'spearman', 'baseline_spearman', 'gain', 'gain_ci_low', 'gain_ci_high']].to_string())
w = reg.pivot_table(index='strategy', columns='dataset', values='regret'); w['mean'] = w.mean(axis=1)
print(w.sort_values('mean').round(4).to_string())
preds = pd.concat([pd.read_parquet(f) for f in sorted(glob.glob(R + 'predictions/*-ft0.parquet'))], ignore_index=True)
sc = strategy_scores(preds, 6, ('auc', 'k=3')); sc.to_csv('/tmp/preview/scores0.csv', index=False)
for m in ('auc', 'k=3'):
    print(m); print(score_wins(sc, m).to_string())
    t, p = friedman_ranks(sc, m); print(t.head(8).to_string())
    s = sc[(sc.measure == m)]; print(s.pivot_table(index='strategy', columns='dataset', values='score').assign(mean=lambda d: d.mean(axis=1)).sort_values('mean', ascending=False).round(3).to_string())
