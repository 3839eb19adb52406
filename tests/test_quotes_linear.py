"""Quotation analysis does work in proportion to the text's length, whatever the text.

Hostile input once made it super-linear: a paragraph of lone ``'a`` marks scanned every
later mark for each one (10 KB took seconds, 10 MB never ended), and every quotation of a
long paragraph re-read the whole paragraph before it. Time is not asserted here (it
swings with the machine); the characters and marks the analysis reads are counted
instead, and doubling the input must no more than double them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from newsviewer.domain import Block
from newsviewer.text import clauses, marks, quotes
from newsviewer.text.quotes import find_quotes


class Meter:
    """Counts what the analysis reads: string lengths handed to the clause readers, marks
    examined, and characters searched by the feet-and-inches pattern."""

    def __init__(self) -> None:
        self.work = 0

    def strings(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.work += sum(len(a) for a in args if isinstance(a, str)) + 1
            return fn(*args, **kwargs)

        return counted

    def calls(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.work += 1
            return fn(*args, **kwargs)

        return counted


class _CountingPattern:
    def __init__(self, pattern: re.Pattern[str], meter: Meter) -> None:
        self._pattern = pattern
        self._meter = meter

    def search(self, text: str, pos: int = 0, endpos: int = 2**31) -> re.Match[str] | None:
        self._meter.work += max(0, min(endpos, len(text)) - pos)
        return self._pattern.search(text, pos, endpos)


@pytest.fixture
def meter(monkeypatch: pytest.MonkeyPatch) -> Iterator[Meter]:
    m = Meter()
    for name in ("_flanks", "_apostrophe", "_prime"):
        monkeypatch.setattr(marks, name, m.calls(getattr(marks, name)))
    monkeypatch.setattr(marks, "_FEET_INCHES", _CountingPattern(marks._FEET_INCHES, m))
    for name in ("sentence_ends", "tokens"):
        monkeypatch.setattr(clauses, name, m.strings(getattr(clauses, name)))
    for name in ("sentence_ends", "read_after", "read_before", "read_sentence_tail"):
        monkeypatch.setattr(quotes, name, m.strings(getattr(quotes, name)))
    yield m


def work(meter: Meter, blocks: list[Block]) -> int:
    meter.work = 0
    find_quotes(blocks)
    return meter.work


SPEECH = 'He said "we will win this, and soon," adding that "nothing stops us." '

INPUTS: dict[str, Callable[[int], list[Block]]] = {
    "lone single marks": lambda n: [Block("p", "'a " * (n // 3))],
    "lone double marks": lambda n: [Block("p", '"a ' * (n // 3))],
    "single marks and apostrophes": lambda n: [Block("p", "it's 'a' 5' 9 '90s " * (n // 19))],
    "quoted paragraphs": lambda n: [Block("p", SPEECH * 3)] * (n // (3 * len(SPEECH))),
    "one long quoted paragraph": lambda n: [Block("p", SPEECH * (n // len(SPEECH)))],
    "quotations without a full stop": lambda n: [
        Block("p", 'and "we go on" said Ann ' * (n // 24))
    ],
}


@pytest.mark.parametrize("kind", sorted(INPUTS))
def test_doubling_the_text_no_more_than_doubles_the_work(meter: Meter, kind: str) -> None:
    make = INPUTS[kind]
    small = work(meter, make(20_000))
    large = work(meter, make(40_000))
    assert small > 0
    assert large <= 2.2 * small, f"{kind}: {small} -> {large}"


def test_a_long_paragraph_of_lone_marks_still_finds_nothing_to_quote() -> None:
    assert find_quotes([Block("p", "'a " * 30_000)]) == ()
