"Numbers for results/mpnet-base/README.md: scores, wins, paired differences against position_only and random, regret."
import pandas as pd, sys
from pathlib import Path
from fusion_prune.report import load_results
from fusion_prune.stats import score_wins, strategy_scores
out = Path(sys.argv[1] if len(sys.argv) > 1 else 'results/mpnet-base'); res = load_results(out)
pd.set_option('display.width', 200); pd.set_option('display.max_columns', 30)
print(res['finetune'][['dataset', 'finetune_test_acc', 'tfidf_test_acc', 'margin', 'train_seconds']])
s = res['strategy_scores']
for m in dict.fromkeys(s.measure):
    print('\n##', m); print(s[s.measure == m].pivot_table(index='strategy', columns='dataset', values='score').round(3))
    print(s[(s.measure == m) & s.winner].groupby('dataset').strategy.apply(list))
    print(score_wins(s, m))
preds = pd.read_parquet(out/'predictions.parquet')
for other in ('position_only', 'random', 'top_drop'):
    p = strategy_scores(preds, 12, ('auc', 'k=6'), field=[other])
    p = p[p.strategy != other].assign(ahead=lambda x: -x.diff_to_best, lo=lambda x: -x.diff_ci_high, hi=lambda x: -x.diff_ci_low)
    print(f'\n## ahead of {other}'); print(p[['dataset', 'measure', 'strategy', 'ahead', 'lo', 'hi']].round(3).to_string())
r = res['regret']; print('\n## regret'); print(r.round(4).to_string())
print(r.groupby('strategy').regret.mean().sort_values().round(4))
if 'ranks' in res: print(res['ranks'].round(3).to_string())
