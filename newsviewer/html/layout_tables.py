"""Tables that lay a page out rather than hold data, turned into plain containers.

Older pages (and newsletters, forums, personal sites) set their columns with a
<table>: the story sits in a cell, beside a cell of links or a second column of
text. The extractor reads a table as data: a row's cells run into one line, and a
list or a paragraph block inside a cell is lost. A browser shows such a cell as a
column of paragraphs, which is what the story becomes here.

A table is read as layout when nothing marks it as data (a caption, header cells, a
header row group) and it holds another table, or is declared presentational, or one
of its own cells holds a paragraph, a list, a heading or a quotation of a sentence's
length: data tables hold values and short labels.
"""

from __future__ import annotations

from lxml.html import HtmlElement

# Parts of a table that make it a data table.
_DATA_PARTS = frozenset({"caption", "th", "thead", "tfoot", "colgroup", "col"})
# Block elements a data cell does not hold at a sentence's length.
_TEXT_BLOCKS = ("p", "ul", "ol", "dl", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre")
# A sentence: shorter blocks in cells are labels and values.
_SENTENCE_CHARS = 80
# The table's own structure, renamed to plain containers.
_STRUCTURE = frozenset({"table", "tbody", "tr", "td"})


def unwrap_layout_tables(root: HtmlElement) -> None:
    """Turn, in place, each layout table and its own rows and cells into <div>s."""
    # Outer tables first (document order): an inner table is judged on its own after.
    for table in list(root.iter("table")):
        own = _own_parts(table)
        if _is_layout(table, own):
            for el in (table, *own):
                if el.tag in _STRUCTURE:
                    el.tag = "div"


def _own_parts(table: HtmlElement) -> list[HtmlElement]:
    """The table's elements that are not inside a table nested in it."""
    parts: list[HtmlElement] = []
    stack = list(table)
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        parts.append(el)
        if el.tag != "table":
            stack.extend(el)
    return parts


def _is_layout(table: HtmlElement, own: list[HtmlElement]) -> bool:
    if any(el.tag in _DATA_PARTS for el in own):
        return False
    if table.get("role") == "presentation" or any(el.tag == "table" for el in own):
        return True
    for cell in own:
        if cell.tag != "td":
            continue
        for block in cell.iterdescendants(*_TEXT_BLOCKS):
            if len(block.text_content().strip()) >= _SENTENCE_CHARS:
                return True
    return False
