"""HTML parse speed per page, beside bare trafilatura.extract on the same bytes.

    python benchmarks/parse_speed.py ../shared/corpora [--limit N] [--corpus NAME ...]

Parsing only (no storing): HtmlImporter.parse over each page of the chosen corpora,
then trafilatura.extract in its standard mode over the same bytes, in one process.
Prints pages/s for each, the ratio, and the slowest pages with their size, so the
"any page under 2 MB parses in under 2 s" bound can be read off. The import's
throughput on two cores is about twice the one-process figure (import_throughput.py
measures it whole).
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
    timings: list[tuple[float, Path, int]] = []
    start = time.perf_counter()
    for path, data in datas:
        t0 = time.perf_counter()
        with contextlib.suppress(ParseError):
            importer.parse(SourceFile(path=path, data=data))
        timings.append((time.perf_counter() - t0, path, len(data)))
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for _path, data in datas:
        trafilatura.extract(data)
    theirs = time.perf_counter() - start
    n = len(datas)
    print(f"pages: {n} ({', '.join(names)}), one process")
    print(f"HtmlImporter.parse     {n / ours:7.1f} pages/s")
    print(f"trafilatura.extract    {n / theirs:7.1f} pages/s  (baseline)")
    print(f"ours / baseline time   x{ours / theirs:.2f}")
    for seconds, path, size in sorted(timings, reverse=True)[: args.slowest]:
        print(f"  slowest {seconds:6.3f} s  {size / 1e6:5.2f} MB  {path.relative_to(args.corpus)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
