"""Process the notebooks for the docs site as `nbdev_proc_nbs` does, without its Quarto check.

With no `quarto` on the PATH, `nbdev_proc_nbs` "installs" Quarto: it calls `sudo` and then `pip install -e .[dev]` with
whatever `pip` the PATH gives, which on a fresh machine reinstalls the whole stack into the system interpreter. The
site here is rendered by smalldocs, which needs no Quarto, so this runs the same steps (the `_quarto.yml` refresh, the
module index, the sidebar, the processed notebooks in `_proc/`) and touches nothing outside the project and `.venv`.

Usage: .venv/bin/python tools/proc_nbs.py
"""
import nbdev.doclinks
from nbdev.config import get_config
from nbdev.quarto import refresh_quarto_yml, nbdev_sidebar
from nbdev.serve import proc_nbs

def main():
    path = get_config().nbs_path
    refresh_quarto_yml()
    nbdev.doclinks._build_modidx()
    nbdev_sidebar.__wrapped__(path=path)
    proc_nbs(path)

if __name__ == '__main__': main()
