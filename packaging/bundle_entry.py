"""The bundle's program: ``newsviewer`` as PyInstaller freezes it.

A frozen program has no ``python -m``: where the app starts ``sys.executable -m MODULE``
(the parse processes of an import, newsviewer/parse_pool.py), ``sys.executable`` is this
program, so it runs such a module of its own package as Python would. Processes that
``multiprocessing`` starts are this program again too; ``freeze_support`` turns them into
what they were started for instead of a second window or command line.
"""

from __future__ import annotations

import multiprocessing
import runpy
import sys


def run_module_if_asked(argv: list[str]) -> bool:
    """Run ``-m newsviewer.MODULE ARGS...`` as ``python -m`` would; False for anything else."""
    if len(argv) < 3 or argv[1] != "-m" or not argv[2].startswith("newsviewer."):
        return False
    sys.argv = [argv[0], *argv[3:]]
    runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
    return True


if __name__ == "__main__":
    multiprocessing.freeze_support()
    if run_module_if_asked(sys.argv):
        sys.exit(0)
    from newsviewer.__main__ import main

    sys.exit(main())
