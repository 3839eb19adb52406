"""Walks over a whole parsed page in C, where an XPath query's per-element test is slow."""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement


def iter_document(root: HtmlElement, *tags: str) -> Iterator[HtmlElement]:
    """The elements so tagged in ``root``'s whole document, in document order, as
    ``//tag`` selects them: a broken page can leave elements beside its root element
    (a second ``<html>``), and ``//`` starts from the document, not from ``root``."""
    tops = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    for top in tops:
        if isinstance(top.tag, str):
            yield from top.iter(*tags)
