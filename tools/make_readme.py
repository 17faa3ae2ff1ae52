"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does with Quarto, done with nbconvert).

Hidden cells (`#| hide`) are dropped, cells with `#| echo: false` give their markdown output only, `#|` directive
lines removed, and outputs kept as rendered by the notebook."""
import re, sys
from pathlib import Path
import nbformat
from nbconvert import MarkdownExporter

root = Path(__file__).resolve().parents[1]
nb = nbformat.read(root/'nbs'/'index.ipynb', as_version=4)
cells = []
for c in nb.cells:
    if c.cell_type == 'code':
        if re.search(r'^#\|\s*hide\b', c.source, flags=re.M): continue
        if re.search(r'^#\|\s*echo:\s*false\b', c.source, flags=re.M):   # its output only, as the docs site shows it
            md = [o['data']['text/markdown'] for o in c.get('outputs', []) if 'text/markdown' in o.get('data', {})]
            cells += [nbformat.v4.new_markdown_cell(m) for m in md]; continue
        c.source = '\n'.join(l for l in c.source.split('\n') if not l.startswith('#|')).strip()
    cells.append(c)
nb.cells = cells
nb.metadata['language_info'] = {'name': 'python'}  # nbdev_clean strips it; it gives the code fences their language
body, res = MarkdownExporter(exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(nb, resources={'output_files_dir': 'readme_files'})
img_dir = root/'readme_files'                           # figures of the notebook's outputs, referenced by the README
if img_dir.exists():
    for f in img_dir.iterdir(): f.unlink()
for name, data in res.get('outputs', {}).items():
    (root/name).parent.mkdir(parents=True, exist_ok=True); (root/name).write_bytes(data)
body = re.sub(r'\n{3,}', '\n\n', body)
header = '<!-- generated from nbs/index.ipynb by tools/make_readme.py (`make readme`): edit the notebook, not this file -->\n\n'
(root/'README.md').write_text(header + body)
print('wrote README.md', file=sys.stderr)
