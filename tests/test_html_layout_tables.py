"""A story set in a layout table's cell reads as paragraphs and lists; a data table
stays a table."""

from __future__ import annotations

from pathlib import Path

from newsviewer.domain import Article
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

_STORY = "".join(
    f"<p>Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next.</p>"
    for i in range(1, 6)
)
_LIST = (
    "<ul><li>The wall is to be rebuilt in stone before the winter storms arrive</li>"
    "<li>The harbour stays open to fishing boats while the work goes on</li></ul>"
)


def parse(body: str) -> Article:
    html = (
        "<!DOCTYPE html><html><head><title>Harbour wall to be rebuilt</title></head>"
        f"<body>{body}</body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=html.encode()))


def texts(body: str) -> list[str]:
    return [b.text for b in parse(body).blocks]


def test_a_list_in_a_layout_tables_cell_is_read() -> None:
    menu = "<td><a href='/'>Home</a><br><a href='/news'>News</a></td>"
    page = f"<table><tr>{menu}<td>{_STORY}{_LIST}{_STORY}</td></tr></table>"
    lines = texts(page)
    assert "The harbour stays open to fishing boats while the work goes on" in lines
    # Each paragraph of the cell is a paragraph of the story, not one run-on line.
    assert "Paragraph 2 of the story" in lines[1]
    assert not any("|" in line for line in lines)


def test_a_data_table_keeps_its_rows() -> None:
    table = (
        "<table><tr><th>Ward</th><th>Votes</th></tr>"
        "<tr><td>Harbour</td><td>1,204</td></tr><tr><td>Old Town</td><td>987</td></tr></table>"
    )
    assert "Harbour | 1,204" in texts(f"<article>{_STORY}{table}{_STORY}</article>")


def test_a_table_of_short_values_keeps_its_rows() -> None:
    table = (
        "<table><tr><td><p>Harbour</p></td><td><p>1,204</p></td></tr>"
        "<tr><td><p>Old Town</p></td><td><p>987</p></td></tr></table>"
    )
    assert "Old Town | 987" in texts(f"<article>{_STORY}{table}{_STORY}</article>")
