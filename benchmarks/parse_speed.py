"""HTML parse speed per page, beside bare trafilatura.extract on the same bytes.

    python benchmarks/parse_speed.py ../shared/corpora [--limit N] [--corpus NAME ...]

Parsing only (no storing): HtmlImporter.parse over each page of the chosen corpora,
then trafilatura.extract in its standard mode over the same bytes, in one process.
Prints pages/s for each, the ratio, and the slowest pages with their size, so the
"any page under 2 MB parses in under 2 s" bound can be read off. Each figure is
given in wall-clock time and in this process's CPU time: on a machine busy with
other work the wall clock measures the load as much as the parser, the CPU time
does not. The import's throughput on two cores is about twice the one-process
figure (import_throughput.py measures it whole).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CORPORA = {
    "readability": "readability/test-pages/*/source.html",
    "mercury": "mercury/pages/*.html",
    "l3s-gn1": "l3s-gn1/pages/*.html",
    "cleanportaleval": "cleanportaleval/pages/*.html",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=100_000)
    parser.add_argument("--corpus-name", action="append", choices=sorted(CORPORA))
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args()

    import trafilatura

    from newsviewer.errors import ParseError
    from newsviewer.importers.base import SourceFile
    from newsviewer.importers.html import HtmlImporter

    names = args.corpus_name or ["readability", "mercury"]
    files = [p for n in names for p in sorted(args.corpus.glob(CORPORA[n]))][: args.limit]
    datas = [(p, p.read_bytes()) for p in files]
    importer = HtmlImporter()
    # What is loaded once per process (justext's word lists, which both sides share in
    # this process and the first to need them would pay for) is loaded before the clock.
    with contextlib.suppress(ImportError):
        from trafilatura.external import jt_stoplist_init

        jt_stoplist_init()
    timings: list[tuple[float, float, Path, int]] = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for path, data in datas:
        t0, c0 = time.perf_counter(), time.process_time()
        with contextlib.suppress(ParseError):
            importer.parse(SourceFile(path=path, data=data))
        timings.append((time.perf_counter() - t0, time.process_time() - c0, path, len(data)))
    ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    start, cpu_start = time.perf_counter(), time.process_time()
    for _path, data in datas:
        trafilatura.extract(data)
    theirs, theirs_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    n = len(datas)
    print(f"pages: {n} ({', '.join(names)}), one process")
    print(f"HtmlImporter.parse     {n / ours:7.1f} pages/s  {1000 * ours_cpu / n:6.1f} ms CPU/page")
    print(
        f"trafilatura.extract    {n / theirs:7.1f} pages/s  "
        f"{1000 * theirs_cpu / n:6.1f} ms CPU/page  (baseline)"
    )
    print(f"ours / baseline time   x{ours / theirs:.2f} (CPU x{ours_cpu / theirs_cpu:.2f})")
    for seconds, cpu, path, size in sorted(timings, key=lambda t: t[:2], reverse=True)[
        : args.slowest
    ]:
        print(
            f"  slowest {seconds:6.3f} s ({cpu:6.3f} s CPU)  {size / 1e6:5.2f} MB  "
            f"{path.relative_to(args.corpus)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
