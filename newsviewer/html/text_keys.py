"""How the page passes compare and measure short lines of text."""

from __future__ import annotations

import re

_NOT_ALNUM = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")


def letters_key(text: str) -> str:
    """Letters and digits only, case-folded: the same words however punctuated or spaced."""
    return _NOT_ALNUM.sub("", text.casefold())


def display_width(text: str) -> int:
    """Length with a CJK character counted as a word's worth of Latin letters.

    CJK text has no spaces between words, so a bound on a label's length in
    characters would let a Japanese sentence pass for a label.
    """
    return len(text) + 2 * len(_CJK.findall(text))
