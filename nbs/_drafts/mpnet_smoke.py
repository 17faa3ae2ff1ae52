# does the whole mpnet pipeline run? tiny caps, one epoch; numbers meaningless
import time, pandas as pd
from fusion_prune.train import finetune, TrainConfig
from fusion_prune.data import load_splits
from fusion_prune.prune import make_context, prune_curve
from fusion_prune.fusion import regret_decisions
from fusion_prune.strategies import STRATEGIES
t = time.time()
caps = dict(max_train=48, max_calib=24, max_test=24)
r = finetune('election_tweets', 'mpnet-base', TrainConfig(epochs=1, max_length=32), progress=False, **caps)
print('finetune', round(time.time() - t), 's', r['test_acc'], flush=True)
ctx = make_context(r['path'], load_splits('election_tweets', **caps), name='election_tweets', max_length=32)
names = [n for n in STRATEGIES if n not in ('exhaustive_oracle',)]
cur = prune_curve(None, None, names, seeds=2, ctx=ctx)
print('curves', round(time.time() - t), 's', cur.shape, cur.groupby('strategy').k.max().to_dict(), flush=True)
print(cur[cur.seed == 0].pivot_table(index='k', columns='strategy', values='test_acc').round(2).to_string())
reg = regret_decisions(ctx, cur)
print('regret', round(time.time() - t), 's'); print(reg.groupby('strategy').regret.mean().round(4).to_string())
