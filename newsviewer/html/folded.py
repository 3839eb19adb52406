"""Case-insensitive tests of class names, ids and links, cheap for ASCII text.

The page passes test the class and id of nearly every element against a pattern.
A case-insensitive alternation cannot skip ahead to its first letters and costs
about four times a case-sensitive one; nearly every class name is ASCII, where
lowering the text gives exactly what ``re.IGNORECASE`` compares. Other text (a
Turkish dotted İ, a long ſ) keeps the full case-insensitive rules.
"""

from __future__ import annotations

import re


class FoldedPattern:
    """``re.compile(pattern, re.I)`` for yes/no tests; ``pattern`` is written in lower case."""

    __slots__ = ("_any_case", "_folded")

    def __init__(self, pattern: str) -> None:
        # Upper-case escapes (\S, \W, \B) or letters would change meaning once the
        # text is lowered; this class is for lower-case patterns only.
        if pattern != pattern.lower():
            raise ValueError(f"pattern must be lower case: {pattern!r}")
        self._folded = re.compile(pattern)
        self._any_case = re.compile(pattern, re.I)

    def search(self, text: str) -> bool:
        if text.isascii():
            return self._folded.search(text.lower()) is not None
        return self._any_case.search(text) is not None

    def match(self, text: str) -> bool:
        if text.isascii():
            return self._folded.match(text.lower()) is not None
        return self._any_case.match(text) is not None
