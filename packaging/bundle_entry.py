"""The bundle's program: ``newsviewer`` as PyInstaller freezes it.

An import of many files parses them in processes started with "spawn"; in a frozen
program such a process is this executable again, and ``freeze_support`` is what turns
it into a parse process instead of a second window or command line.
"""

from __future__ import annotations

import multiprocessing
import sys

from newsviewer.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
