"""Import throughput on the corpora: text files/s and HTML pages/s, one core vs all.

    python benchmarks/import_throughput.py ../shared/corpora [--limit N] [--only html|text]

Each figure is a whole import (parse + store, each file whole or not at all) into
a fresh library, through the same service the window and the command line use.
The baseline parses in the storing thread (0 workers); then one parse process,
then the default (one per core) beside the storing thread.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The newsviewer imports live in the functions: a spawned parse process runs this
# file again, and should load what the command line's parse processes load, no more.


def text_files(corpus: Path, limit: int) -> list[Path]:
    return sorted((corpus / "bbc-txt").glob("*/*.txt"))[:limit]


def html_pages(corpus: Path, limit: int) -> list[Path]:
    pages = sorted((corpus / "readability" / "test-pages").glob("*/source.html"))
    pages += sorted((corpus / "mercury" / "pages").glob("*.html"))
    return pages[:limit]


def run(files: list[Path], workers: int) -> tuple[float, int]:
    from newsviewer.domain import FAILED
    from newsviewer.importing import import_paths
    from newsviewer.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "bench.sqlite3")
        try:
            start = time.perf_counter()
            report = import_paths(library, files, workers=workers)
            elapsed = time.perf_counter() - start
        finally:
            library.close()
    return elapsed, report.count(FAILED)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument(
        "--only", choices=("html", "text"), help="one kind of file (the other takes a minute)"
    )
    args = parser.parse_args()
    from newsviewer.importing import default_workers

    cores = os.cpu_count() or 1
    print(f"cores: {cores}")
    kinds = []
    if args.only != "html":
        kinds.append(("text files", text_files(args.corpus, args.limit)))
    if args.only != "text":
        kinds.append(("HTML pages", html_pages(args.corpus, args.limit)))
    for label, files in kinds:
        if not files:
            print(f"{label}: none found under {args.corpus}")
            continue
        base, _ = run(files, 0)
        single, _ = run(files, 1)
        default, failed = run(files, default_workers())
        n = len(files)
        print(
            f"{label}: {n} files; in-process {n / base:7.1f}/s; "
            f"1 parse process {n / single:7.1f}/s (x{base / single:.2f}); "
            f"default ({default_workers()} parse processes) {n / default:7.1f}/s "
            f"(x{base / default:.2f}); failed {failed}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
