"""Import throughput on the corpora: text files/s and HTML pages/s, one core vs all.

    python benchmarks/import_throughput.py ../shared/corpora [--limit N]

Each figure is a whole import (parse + store, one transaction per file) into a
fresh library, through the same service the window and the command line use.
The one-worker run is the baseline the parallel figure is compared with.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsviewer.domain import FAILED
from newsviewer.importing import import_paths
from newsviewer.library import Library


def text_files(corpus: Path, limit: int) -> list[Path]:
    return sorted((corpus / "bbc-txt").glob("*/*.txt"))[:limit]


def html_pages(corpus: Path, limit: int) -> list[Path]:
    pages = sorted((corpus / "readability" / "test-pages").glob("*/source.html"))
    pages += sorted((corpus / "mercury" / "pages").glob("*.html"))
    return pages[:limit]


def run(files: list[Path], workers: int) -> tuple[float, int]:
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
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    print(f"cores: {cores}")
    for label, files in (
        ("text files", text_files(args.corpus, args.limit)),
        ("HTML pages", html_pages(args.corpus, args.limit)),
    ):
        if not files:
            print(f"{label}: none found under {args.corpus}")
            continue
        one, _ = run(files, 1)
        many, failed = run(files, cores)
        print(
            f"{label}: {len(files)} files; 1 worker {len(files) / one:7.1f}/s; "
            f"{cores} workers {len(files) / many:7.1f}/s (x{one / many:.2f} vs 1 worker); "
            f"failed {failed}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
