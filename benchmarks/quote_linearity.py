"""Parse time against size: is a text story's analysis linear in its length?

    python benchmarks/quote_linearity.py [--max-mb 10] [--kinds prose,quoted,marks]

For each kind of text, a plain-text story of 10 KB, 100 KB, 1 MB and 10 MB is parsed the
way `newsviewer parse` reads a file (importer, then quotations and speakers), and the
time is printed with the time per KB and its ratio to the 10 KB baseline of the same
run: a linear analysis keeps the ratio near 1 (a quadratic one multiplies it by 10 at
each step).

- prose: paragraphs of narration without a quotation mark,
- quoted: paragraphs of news prose, each with two attributed quotations,
- marks: mark-heavy text (lone ``'a`` and ``"a``, apostrophes, primes, nested marks).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsviewer.importers.pipeline import parse_bytes

# Paragraphs are numbered: the text importer drops a paragraph repeated word for word as
# page furniture, so each one must differ.
_PROSE = (
    "The council met on day {n} to discuss the budget for the coming year, and members "
    "agreed that the library would stay open on Sundays after a long campaign by residents.\n\n"
)
_QUOTED = (
    '"We will keep library {n} open," said Jane Porter, the council leader. '
    "Members agreed after a long debate, and Mr Porter's deputy, Sam Lee, added: "
    '"Residents asked for this, and we listened to them."\n\n'
)
_MARKS = (
    "'a \"a it's 'quoted' 5' 9\" rock 'n' roll '90s “nested ‘inner’ {n} marks” « a » „b“ ‹c›\n\n"
)

KINDS: dict[str, str] = {"prose": _PROSE, "quoted": _QUOTED, "marks": _MARKS}


def story(unit: str, size: int) -> bytes:
    parts: list[str] = []
    length = 0
    while length < size:
        parts.append(unit.format(n=len(parts)))
        length += len(parts[-1])
    return ("A headline for the story\n\n" + "".join(parts)).encode()


def seconds(call: Callable[[], object]) -> float:
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-mb", type=float, default=10.0)
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    sizes = [s for s in (10_000, 100_000, 1_000_000, 10_000_000) if s <= args.max_mb * 1e6]
    path = Path("story.txt")
    parse_bytes(path, story(_QUOTED, 10_000))  # imports and compiled patterns first
    print(f"{'kind':8} {'size':>10} {'seconds':>9} {'us/KB':>9} {'vs 10 KB':>9}")
    for kind in args.kinds.split(","):
        base = 0.0
        for size in sizes:
            data = story(KINDS[kind], size)
            took = seconds(lambda data=data: parse_bytes(path, data))  # type: ignore[misc]
            per_kb = took / (size / 1000) * 1e6
            base = base or per_kb
            print(f"{kind:8} {size:>10,} {took:9.3f} {per_kb:9.0f} {per_kb / base:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
