"""Turn the log of `nbdev_test --do_print --timing` into the closing line `N passed, M failed` (notebooks).

Usage: python tools/nbtest_summary.py LOG EXIT_STATUS. Exits non-zero when nbdev_test failed or ran no notebook."""
import re, sys
from pathlib import Path
log, status = open(sys.argv[1]).read(), int(sys.argv[2])
# not anchored at a line start: two workers' lines can run together ('…00_assets.ipynbStarting …01_data.ipynb')
started = {Path(f).name for f in re.findall(r'Starting (\S+?\.ipynb)', log)}
failed = set()
for tail in log.split('Tests Failed On The Following Notebooks:')[1:]:   # one section per nbdev_test process
    failed |= set(re.findall(r'^\t(\S+\.ipynb)', tail.split('\nStarting ')[0], flags=re.M))
n_failed = len({f for f in failed}) or (1 if status else 0)
n_passed = max(len(started) - n_failed, 0)
print(f"{n_passed} passed, {n_failed} failed")
if not started: print("no notebook ran", file=sys.stderr); sys.exit(1)
sys.exit(1 if status or n_failed else 0)
