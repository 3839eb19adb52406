"""Sentences of news text: where they end, and bounded windows around a quotation.

A full stop after an abbreviated title ("Mr. Kamp said") or month ends no sentence. Every
read is bounded by ``WINDOW`` characters, so the analysis stays linear in the text's
length when a paragraph runs for megabytes without a full stop.
"""

from __future__ import annotations

import re

from newsviewer.text.lexicon import MONTH_ABBREVIATIONS, TITLE_ABBREVIATIONS, words

_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?=\s+[A-ZÀ-Þ“\"‘'„«»‹›])")
# Abbreviations whose full stop does not end a sentence ("Mr. Kamp said").
_ABBREVIATIONS = (
    TITLE_ABBREVIATIONS
    | MONTH_ABBREVIATIONS
    | words("mt no vs inc corp co ltd pres supt det insp cmdr ft")
)


def sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence-ending mark of ``text``."""
    ends = []
    for m in _SENTENCE_END.finditer(text):
        if (
            text[m.start()] == "."
            and _word_before(text, m.start()).lower().lstrip("(\"“‘'") in _ABBREVIATIONS
        ):
            continue
        ends.append(m.end())
    return ends


def _word_before(text: str, end: int) -> str:
    """The last whitespace-separated word of ``text[:end]``, "" if there is none.

    Read backwards from ``end``: slicing and splitting the whole text before every
    full stop made a long paragraph cost quadratic time (0.2 s for one page).
    """
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


def last_sentence(text: str) -> str:
    ends = sentence_ends(text)
    return text[ends[-1] :] if ends else text


# Context around a quotation is read within this many characters: a news sentence is far
# shorter, and a bound keeps the analysis linear in the text's length when a paragraph
# runs for megabytes without a full stop.
WINDOW = 1500


def sentence_before(text: str, end: int) -> str:
    """The sentence of ``text`` that runs up to ``end`` (at most ``WINDOW`` characters)."""
    return last_sentence(text[max(0, end - WINDOW) : max(0, end)])


def head(text: str, end: int) -> str:
    """The ``WINDOW`` characters of ``text`` before ``end``."""
    return text[max(0, end - WINDOW) : max(0, end)]


def tail(text: str, start: int) -> str:
    """The ``WINDOW`` characters of ``text`` from ``start``."""
    return text[start : start + WINDOW]
