"""Wall time of a study from its run.log: each working segment (from a `start:` line to its last line), and each
stage's total over the segments (the `stage NAME: N files in S s` lines).

    python scripts/run_times.py results/minilm-l6/run.log [--markdown]

A segment ends where the next `start:` line begins (a stopped session, then a resumed run); the time between
segments is not counted. Stage totals add the stage's lines of every segment and fine-tuning seed; a stage that a
session's end stopped logs no stage line for that segment (its finished parts have their own `computed in` lines),
so the stage totals can fall short of the segments' sum.
"""
import argparse, re
from collections import defaultdict
from datetime import datetime
from pathlib import Path

LINE = re.compile(r'^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d+ (.*)$')
STAGE = re.compile(r'^stage (\S+)(?: \(seed (\d+)\))?: (\d+) files in ([\d.]+) s$')


def segments(lines):
    "[(start, end, n_lines)] of every segment of the log."
    out = []
    for when, msg in lines:
        if msg.startswith('start:') or not out: out.append([when, when, 0])
        out[-1][1] = when; out[-1][2] += 1
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('log'); p.add_argument('--markdown', action='store_true')
    a = p.parse_args()
    lines = [(datetime.strptime(m[1], '%Y-%m-%d %H:%M:%S'), m[2])
             for m in map(LINE.match, Path(a.log).read_text().splitlines()) if m]
    segs, stages = segments(lines), defaultdict(float)
    for _, msg in lines:
        if m := STAGE.match(msg): stages[m[1]] += float(m[4])
    total = sum((e - s).total_seconds() for s, e, _ in segs)
    hm = lambda s: f'{int(s // 3600)} h {int(s % 3600 // 60):02d} min'
    if a.markdown:
        print('| segment | from | to | wall time |\n|---|---|---|---|')
        for i, (s, e, _) in enumerate(segs, 1):
            print(f'| {i} | {s:%Y-%m-%d %H:%M} | {e:%H:%M} | {hm((e - s).total_seconds())} |')
        print(f'| all | | | **{hm(total)}** |\n\n| stage | seconds (all segments and seeds) |\n|---|---|')
        for k, v in stages.items(): print(f'| `{k}` | {v:,.0f} |')
    else:
        for i, (s, e, n) in enumerate(segs, 1):
            print(f'segment {i}: {s} to {e} ({hm((e - s).total_seconds())}, {n} lines)')
        print(f'total: {hm(total)}')
        for k, v in stages.items(): print(f'  {k:>22}: {v / 60:8.1f} min')


if __name__ == '__main__':
    main()
