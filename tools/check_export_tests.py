"""Every exported function or class has its test right below it: a notebook check (`make lint`).

For each `#| export` cell of `nbs/*.ipynb` that defines a public function or class (or a method added with `@patch`),
the code cells between it and the next export cell must hold a test: an assertion (`test_eq`, `test_close`,
`test_fail`, ..., or `assert`), in cells that use at least one of the cell's definitions (a `show_doc` is no use). Cells that only import or set
constants need none. Also refused: a test cell that imports and runs other code (the docs build executes every cell
with an import, out of its context: keep imports in cells of their own). Prints the count and every cell that fails,
and exits 1 when one does.

    python tools/check_export_tests.py            # the check
    python tools/check_export_tests.py --names    # also list each exported name no test below its cell mentions
"""
import ast, json, re, sys
from pathlib import Path

EXPORT = re.compile(r'^\s*#\s*\|\s*export', re.M)
ASSERTS = re.compile(r'\b(test_\w+|assert)\b')

def definitions(src:str) -> list[str]:
    "Public functions and classes a cell defines, and the methods it patches on."
    try: tree = ast.parse(re.sub(r'^\s*[%!].*$', '', src, flags=re.M))
    except SyntaxError: return []
    out = []
    for n in tree.body:
        if not isinstance(n, (ast.FunctionDef, ast.ClassDef)): continue
        patched = any(getattr(d, 'id', None) == 'patch' for d in getattr(n, 'decorator_list', []))
        if not n.name.startswith("_"): out.append(n.name)
    return out

def mixes_imports(src:str) -> bool:
    "Whether a cell holds an import beside other statements (what `nbdev`'s docs build runs out of context)."
    if re.match(r'\s*#\s*\|\s*(hide|echo)', src) or 'nbdev_export()' in src: return False
    try: tree = ast.parse(re.sub(r'^\s*[%!].*$', '', src, flags=re.M))
    except SyntaxError: return False
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    return bool(imports) and any(not isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body)

def check(nbs:Path) -> tuple[int, list[str], list[str]]:
    "(export cells checked, failures, names untested) over every notebook of `nbs`."
    checked, failures, untested = 0, [], []
    for nb in sorted(nbs.glob('*.ipynb')):
        cells = [''.join(c['source']) for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'code']
        failures += [f'{nb.name}: code cell {i} imports and runs other code' for i, src in enumerate(cells)
                     if not EXPORT.match(src) and mixes_imports(src) and nb.name != 'index.ipynb']   # the front
        # page runs whole for the docs
        for i, src in enumerate(cells):
            if not EXPORT.match(src) or not (names := definitions(src)): continue
            checked += 1; below = []
            for s in cells[i + 1:]:
                if EXPORT.match(s): break
                below.append(s)
            uses = re.sub(r'^show_doc\(.*$', '', '\n'.join(below), flags=re.M)
            named = [n for n in names if re.search(rf'\b{n}\b', uses)] if ASSERTS.search(uses) else []
            if not named: failures.append(f'{nb.name}: code cell {i} ({", ".join(names)}): no test below it names it')
            untested += [f'{nb.name}: {n}' for n in names if n not in named]
    return checked, failures, untested

if __name__ == '__main__':
    checked, failures, untested = check(Path(__file__).resolve().parents[1]/'nbs')
    print(f'{checked} export cells define functions or classes; {checked - len(failures)} have a test right below '
          f'them; {len(untested)} exported names are not named by those tests')
    if '--names' in sys.argv: print(*untested, sep='\n')
    if failures: print('cells that fail the check:', *failures, sep='\n  ')
    sys.exit(bool(failures))
