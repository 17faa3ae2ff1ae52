"""`nbdev_export`, with the generated `__all__` kept within the library's 120 columns.

nbdev wraps the list of exported names at 120 characters and then writes `__all__ = ` in front of its first line, so
that line can reach 130 and fail the line limit of `make lint`. This runs the same export with the list wrapped 10
characters narrower. `make export` runs it; `make test` checks that the committed library equals its output.

Usage: .venv/bin/python tools/export.py
"""
import textwrap
import nbdev.maker
from nbdev.doclinks import nbdev_export

class _AllWrapper(textwrap.TextWrapper):
    "nbdev's wrapper for `__all__`, narrowed by the width of the `__all__ = ` it puts in front."
    def __init__(self, width:int=120, **kwargs): super().__init__(width=width - len('__all__ = '), **kwargs)

if __name__ == '__main__':
    nbdev.maker.TextWrapper = _AllWrapper
    nbdev_export.__wrapped__()
