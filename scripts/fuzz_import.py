"""The importers' fuzz run, longer than the test's: mutated files of every format.

    python scripts/fuzz_import.py [--cases 20000] [--seed N] [--workers 2] [--keep DIR]

Prints the files answered, stories read and files refused, then the defects: a file
with no answer, a refusal without a reason, an exception the parsers did not
expect, a file over the time budget; the slowest files by CPU time (and how many
took over 5 s below 2 MB); and any parse process left running afterwards. Exits 1
when there is a defect.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _orphans() -> list[int]:
    """Parse processes still running (Linux; none is the answer elsewhere)."""
    found: list[int] = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"newsviewer.parse_worker" in cmdline:
            found.append(int(entry.name))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per file")
    parser.add_argument("--keep", type=Path, help="write the cases here and keep them")
    args = parser.parse_args()
    from tests.fuzz_files import run

    before = set(_orphans())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "cases"
        report = run(folder, args.seed, args.cases, file_seconds=args.budget, workers=args.workers)
    print(
        f"{report.files} files in {report.seconds:.0f} s: {report.stories} stories read, "
        f"{report.refused} refused with a reason"
    )
    slow = [s for s in report.slowest or [] if s[0] > 5 and s[1] < 2 * 1024 * 1024]
    print(f"files over 5 s CPU below 2 MB: {len(slow)}")
    for seconds, size, name in (report.slowest or [])[:5]:
        print(f"  slowest: {seconds:6.2f} s CPU  {size:>8} bytes  {name}")
    orphans = sorted(set(_orphans()) - before)
    print(f"parse processes left running: {len(orphans)}")
    defects = report.defects()
    print(f"defects: {len(defects)}")
    for defect in defects[:50]:
        print(f"  {defect}")
    return 1 if defects or orphans or slow else 0


if __name__ == "__main__":
    sys.exit(main())
