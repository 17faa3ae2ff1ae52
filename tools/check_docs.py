"""Open every page of the rendered docs site in headless Chromium and fail on any page that shows a Python
traceback, an error cell, an image that does not load, or a table wider than the page that does not scroll; and fail
on a results page (the home page and the appendix, whose notebooks are committed with their outputs) where a cell that
draws or tabulates shows nothing.

Usage: python tools/check_docs.py [_docs]   (exit 0: every page clean; 1: problems, listed; 2: no Chromium or no site)
"""
import ast, functools, http.server, json, re, shutil, subprocess, sys, threading, urllib.error, urllib.parse, urllib.request
from pathlib import Path

BROWSERS = ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome')
ERROR_PATTERNS = [(re.compile(r'Traceback \(most recent call last\)'), 'a Python traceback'),
                  (re.compile(r'class="[^"]*cell-output-error'), 'an error cell'),
                  (re.compile(r'\b(?:[A-Z][a-zA-Z]*Error|Exception): .{0,80}\n?.*?(?:File "|line \d+)', re.S), 'an exception message'),
                  (re.compile(r'ansi-red-fg[^>]*>\s*-{20,}'), 'an IPython error banner')]

def browser() -> str | None:
    return next((b for b in map(shutil.which, BROWSERS) if b), None)

# Run in the page after layout, at the window width below: every table whose right edge passes the page's and that no
# scrolling ancestor (overflow-x auto or scroll, itself within the page) contains is named in a body attribute.
LAYOUT_CHECK = b"""<script>window.addEventListener('load', () => {
  const W = document.documentElement.clientWidth, bad = [];
  document.querySelectorAll('table').forEach((t, i) => {
    if (t.getBoundingClientRect().right <= W + 1) return;
    for (let e = t.parentElement; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if ((o === 'auto' || o === 'scroll') && e.getBoundingClientRect().right <= W + 1) return;
    }
    bad.push('table ' + (i + 1) + ' (' + Math.round(t.getBoundingClientRect().width) + ' px)');
  });
  document.body.setAttribute('data-wide-tables', bad.length ? bad.join(', ') : 'none');
});</script>"""
WINDOW = '1280,900'

def serve(root: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
        def send_head(self):                                  # HTML pages get the layout check before </body>
            path = Path(self.translate_path(self.path))
            if path.suffix != '.html' or not path.is_file(): return super().send_head()
            body = path.read_bytes().replace(b'</body>', LAYOUT_CHECK + b'</body>', 1)
            self.send_response(200); self.send_header('Content-Type', 'text/html; charset=utf-8')
            self.send_header('Content-Length', str(len(body))); self.end_headers()
            import io; return io.BytesIO(body)
    handler = functools.partial(Quiet, directory=str(root))
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'

def rendered_dom(chrome: str, url: str) -> str:
    cmd = [chrome, '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', f'--window-size={WINDOW}',
           '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--virtual-time-budget=5000', '--dump-dom', url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout

def image_problems(dom: str, url: str) -> list[str]:
    out = []
    for src in re.findall(r'<img[^>]+src="([^"]+)"', dom):
        if src.startswith('data:'):
            if len(src) < 100: out.append(f'empty inline image {src[:40]}')
            continue
        full = urllib.parse.urljoin(url, src)
        if not full.startswith('http://127.0.0.1'): continue           # external images are not ours to check offline
        try: urllib.request.urlopen(full, timeout=10).read(1)
        except urllib.error.URLError as e: out.append(f'missing image {src} ({e})')
    return out

RESULT_PAGES = ('nbs/index.ipynb', 'nbs/appendix/*.ipynb')   # pages that show committed results: outputs kept

def _displays(src: str) -> bool:
    "Whether a code cell draws or tabulates: its last statement is an expression (a value, a figure, a table)."
    if any(l.startswith('#|') and ('hide' in l or 'export' in l) for l in src.splitlines()): return False
    code = '\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('%', '!')))
    try: body = ast.parse(code).body
    except SyntaxError: return False
    return bool(body) and isinstance(body[-1], ast.Expr)

def empty_output_problems(project: Path) -> dict[str, list[str]]:
    "Per results notebook, its cells that draw or tabulate but were committed without output."
    out = {}
    for nb_path in sorted(p for pat in RESULT_PAGES for p in project.glob(pat)):
        cells = [c for c in json.loads(nb_path.read_text())['cells'] if c['cell_type'] == 'code']
        empty = [i for i, c in enumerate(cells) if _displays(''.join(c['source'])) and not c.get('outputs')]
        if empty: out[str(nb_path.relative_to(project))] = [f'code cell {i + 1} of {len(cells)} draws or tabulates but '
                                                             'shows no output (run `make nbs`, then commit)'
                                                             for i in empty]
    return out

def main(root='_docs') -> int:
    root = Path(root); chrome = browser()
    if chrome is None: print(f'check_docs: no Chromium found (tried {", ".join(BROWSERS)})', file=sys.stderr); return 2
    pages = sorted(p for p in root.rglob('*.html') if '/site_libs/' not in str(p))
    if not pages: print(f'check_docs: no HTML pages under {root}; run `make docs` first', file=sys.stderr); return 2
    srv, base = serve(root); problems = {}
    try:
        for p in pages:
            url = base + urllib.parse.quote(str(p.relative_to(root)))
            dom = rendered_dom(chrome, url); found = []
            if len(dom) < 200: found.append('the page did not render')
            found += [what for rx, what in ERROR_PATTERNS if rx.search(dom)]
            found += image_problems(dom, url)
            wide = re.search(r'data-wide-tables="([^"]*)"', dom)
            if wide is None: found.append('the layout check did not run')
            elif wide.group(1) != 'none': found.append(f'wider than the page and not scrollable: {wide.group(1)}')
            if found: problems[str(p.relative_to(root))] = found
            print(f"{'FAIL' if found else 'ok  '} {p.relative_to(root)}" + (f": {'; '.join(found)}" if found else ''))
    finally: srv.shutdown()
    for nb, found in empty_output_problems(Path(__file__).resolve().parent.parent).items():
        problems.setdefault(nb, []).extend(found); print(f"FAIL {nb}: {'; '.join(found)}")
    print(f'check_docs: {len(pages)} pages, {len(problems)} with problems')
    return 1 if problems else 0

if __name__ == '__main__': sys.exit(main(*sys.argv[1:]))
