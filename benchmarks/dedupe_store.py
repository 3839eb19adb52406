"""What looking for a story already in the library costs the storing of an import.

    python benchmarks/dedupe_store.py ../shared/corpora [--limit N]

The text files of the corpus are parsed once; then they are stored (in groups, as an
import stores them) into a fresh library three ways: keeping every story as it comes
(the baseline: no look for a copy), looking for a copy of each (the default), and
again into a library that holds them already under other files, where every story
is found and its storing undone (the worst case).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    from newsviewer.importing import GROUP_FILES, store_group
    from newsviewer.library import Library
    from newsviewer.parse_worker import parse_path

    files = sorted((args.corpus / "bbc-txt").glob("*/*.txt"))[: args.limit]
    parsed = [p for f in files for p in parse_path(f) if p.article is not None]
    if not parsed:
        print(f"no text files under {args.corpus}")
        return 1
    groups = [parsed[i : i + GROUP_FILES] for i in range(0, len(parsed), GROUP_FILES)]

    def store(library: Library, keep: bool) -> tuple[float, int]:
        start = time.perf_counter()
        stored = 0
        for group in groups:
            outcomes = store_group(library, group, keep_duplicates=keep)
            stored += sum(1 for o in outcomes if o.status == "imported")
        return time.perf_counter() - start, stored

    n = len(parsed)
    with tempfile.TemporaryDirectory() as tmp:
        with Library.open(Path(tmp) / "a.sqlite3") as library:
            base, stored_base = store(library, True)
        with Library.open(Path(tmp) / "b.sqlite3") as library:
            checked, stored_checked = store(library, False)
            # The same stories again under other files (other originals): all copies.
            groups = [
                [dataclasses.replace(p, original=p.original + b" again") for p in g] for g in groups
            ]
            worst, stored_worst = store(library, False)
    print(f"{n} text stories, stored in groups of {GROUP_FILES}")
    print(f"baseline, no look for copies: {n / base:7.1f}/s ({stored_base} stored)")
    print(
        f"looking for copies:           {n / checked:7.1f}/s (time x{checked / base:.2f}; "
        f"{stored_checked} stored, {n - stored_checked} found already there)"
    )
    print(
        f"every story a copy:           {n / worst:7.1f}/s (time x{worst / base:.2f}; "
        f"{stored_worst} stored)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
