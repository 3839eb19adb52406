"""Repairs to a page's markup before it is parsed, for damage that would lose the page.

Each repair is a pattern seen in saved pages of many sites: a declaration the parser
refuses, a character reference the extractor's XML cannot hold, a <title> never
closed that takes the whole page into the window title.
"""

from __future__ import annotations

import re

# An XML declaration before the HTML, also one cut short ("<?xml ... encoding="x<html>"):
# lxml refuses a str that declares an encoding, and the rest of the page is HTML.
_XML_DECL = re.compile(r"^\s*<\?xml[^<>]*(?:\?>|>)?")
# Numeric references to characters XML forbids (&#3;, &#x0B;): the parser decodes them
# into the text and the extractor then gives up on the whole page. Tab, newline and
# carriage return (9, 10, 13) are allowed.
_CONTROL_REF = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01])(?!\d)|[xX]0*(?:[0-8]|[bBcCeEfF]|1[0-9a-fA-F])"
    r"(?![0-9a-fA-F]));?"
)
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.I)
# Where a title left open is taken to end: the first tag or line break after it.
_TITLE_END = re.compile(r"[<\n]")


def repair_markup(text: str) -> str:
    text = _XML_DECL.sub("", text, count=1)
    if "&#" in text:
        text = _CONTROL_REF.sub(" ", text)
    return _close_title(text)


def _close_title(text: str) -> str:
    """Close a <title> the page never closes.

    The parser reads a title's content as plain text up to "</title>"; without one,
    the rest of the page (its whole body) becomes the window title and no story is
    left. The title is closed where its first line or its first tag begins.
    """
    opened = _TITLE_OPEN.search(text)
    if opened is None or _TITLE_CLOSE.search(text, opened.end()) is not None:
        return text
    end = _TITLE_END.search(text, opened.end())
    cut = end.start() if end is not None else len(text)
    return text[:cut] + "</title>" + text[cut:]
