"""Import throughput on the corpora: text files/s and HTML pages/s, one core vs all.

    python benchmarks/import_throughput.py ../shared/corpora [--limit N] [--only html|text]
        [--html-corpus NAME ...]

Each figure is a whole import (parse + store, each file whole or not at all) into
a fresh library, through the same service the window and the command line use.
The baseline parses in the storing thread (0 workers); then one parse process,
then the default (one per core) beside the storing thread.

Each import is also given in CPU time: this process's (storing, and parsing when
it helps) plus its parse processes' (counted once they have exited). On a machine
busy with other work the wall clock measures the load; the CPU time does not, and
files / (CPU seconds / cores) is what the import would reach on that many idle
cores, if the work spreads over them (the storing thread is one of them).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The newsviewer imports live in the functions: a spawned parse process runs this
# file again, and should load what the command line's parse processes load, no more.


def text_files(corpus: Path, limit: int) -> list[Path]:
    return sorted((corpus / "bbc-txt").glob("*/*.txt"))[:limit]


HTML_CORPORA = {
    "readability": "readability/test-pages/*/source.html",
    "mercury": "mercury/pages/*.html",
    "l3s-gn1": "l3s-gn1/pages/*.html",
    "cleanportaleval": "cleanportaleval/pages/*.html",
}


def html_pages(corpus: Path, limit: int, names: list[str]) -> list[Path]:
    return [p for name in names for p in sorted(corpus.glob(HTML_CORPORA[name]))][:limit]


def _cpu() -> float:
    """CPU seconds of this process and of its exited children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(files: list[Path], workers: int) -> tuple[float, float, int]:
    from newsviewer.domain import FAILED
    from newsviewer.importing import import_paths
    from newsviewer.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "bench.sqlite3")
        try:
            start, cpu_start = time.perf_counter(), _cpu()
            report = import_paths(library, files, workers=workers)
            elapsed, cpu = time.perf_counter() - start, _cpu() - cpu_start
        finally:
            library.close()
    return elapsed, cpu, report.count(FAILED)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument(
        "--only", choices=("html", "text"), help="one kind of file (the other takes a minute)"
    )
    parser.add_argument(
        "--html-corpus",
        action="append",
        choices=sorted(HTML_CORPORA),
        help="HTML corpora to import (default: all of them)",
    )
    args = parser.parse_args()
    from newsviewer.importing import default_workers

    cores = os.cpu_count() or 1
    print(f"cores: {cores}")
    kinds = []
    if args.only != "html":
        kinds.append(("text files", text_files(args.corpus, args.limit)))
    if args.only != "text":
        names = args.html_corpus or list(HTML_CORPORA)
        kinds.append(("HTML pages", html_pages(args.corpus, args.limit, names)))
    for label, files in kinds:
        if not files:
            print(f"{label}: none found under {args.corpus}")
            continue
        base, base_cpu, _ = run(files, 0)
        single, single_cpu, _ = run(files, 1)
        default, default_cpu, failed = run(files, default_workers())
        n = len(files)
        print(
            f"{label}: {n} files; in-process {n / base:7.1f}/s; "
            f"1 parse process {n / single:7.1f}/s (x{base / single:.2f}); "
            f"default ({default_workers()} parse processes) {n / default:7.1f}/s "
            f"(x{base / default:.2f}); failed {failed}"
        )
        print(
            f"  CPU time: in-process {base_cpu:6.1f} s ({1000 * base_cpu / n:5.1f} ms/file); "
            f"1 parse process {single_cpu:6.1f} s; default {default_cpu:6.1f} s "
            f"({1000 * default_cpu / n:5.1f} ms/file): on {cores} idle cores "
            f"{n * cores / default_cpu:7.1f}/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
