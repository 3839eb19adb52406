"""The same story saved twice is found: by its address, or by nearly the same words."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.cli import main
from newsviewer.domain import Article, Block
from newsviewer.library import Library
from newsviewer.library.dedupe import canonical_url, find_similar, resemblance, sketch

WORDS = (
    "The council voted on Tuesday to close the old harbour bridge to lorries after engineers "
    "found cracks in two of its steel supports. Repairs will take most of the winter, the "
    "mayor said, and buses will be sent the long way round through the industrial estate. "
    "Shop owners on the far bank warned that the closure would cost them customers in the "
    "busiest weeks of the year, and asked for a temporary footbridge to be built at once."
) + "".join(
    # A story's length: one changed word or an added line is a small part of it.
    f" Resident {n} told the meeting that route {n * 7} would add {n + 3} minutes."
    for n in range(30)
)


def article(text: str, url: str = "", title: str = "Bridge closed") -> Article:
    return Article(format="text", title=title, url=url, blocks=(Block("p", text),))


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def test_canonical_addresses_ignore_what_varies_between_copies() -> None:
    same = {
        canonical_url("https://www.example.com/news/bridge/"),
        canonical_url("http://example.com/news/bridge?utm_source=feed&utm_medium=rss"),
        canonical_url("https://m.example.com/news/bridge#comments"),
        canonical_url("https://example.com/news/bridge/amp"),
    }
    assert len(same) == 1
    assert canonical_url("https://example.com/news/bridge?id=2") != canonical_url(
        "https://example.com/news/bridge?id=3"
    )
    assert canonical_url("") == ""


def test_sketches_tell_a_lightly_edited_copy_from_another_story() -> None:
    edited = WORDS.replace("Tuesday", "Wednesday") + " Updated at 10:40."
    other = " ".join(reversed(WORDS.split()))
    assert resemblance(sketch(WORDS), sketch(edited)) >= 0.75
    assert resemblance(sketch(WORDS), sketch(other)) < 0.2
    assert sketch("Too short to judge.") == ()


def test_a_story_saved_again_is_found_already_in_the_library(library: Library) -> None:
    _, first = library.add(
        article(WORDS, "https://www.example.com/a"), source_path="a", original=b"a"
    )
    _, by_url = library.add(
        article("Entirely different words about the same page.", "http://example.com/a/"),
        source_path="b",
        original=b"b",
    )
    edited = dataclasses.replace(
        article(WORDS + " Footer: subscribe to our newsletter."), title="Bridge shut"
    )
    _, by_text = library.add(edited, source_path="c", original=b"c")
    _, unrelated = library.add(
        article(" ".join(reversed(WORDS.split()))), source_path="d", original=b"d"
    )
    assert [(s.article_id, s.reason) for s in find_similar(library, by_url)] == [
        (first, "same address")
    ]
    assert [(s.article_id, s.reason) for s in find_similar(library, by_text)] == [
        (first, "same text")
    ]
    assert find_similar(library, unrelated) == []
    library.delete(first)
    assert find_similar(library, by_text) == []


def test_import_says_which_story_was_already_there(tmp_path: Path) -> None:
    one = tmp_path / "one.md"
    two = tmp_path / "two.md"
    one.write_text(f"# Bridge closed\n\n{WORDS}\n", encoding="utf-8")
    two.write_text(f"# Bridge closed (updated)\n\n{WORDS} Updated later.\n", encoding="utf-8")
    lib = tmp_path / "l.sqlite3"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--library", str(lib), "import", str(one)]) == 0
        assert main(["--library", str(lib), "import", str(two), "--json"]) == 0
    record = json.loads(out.getvalue().splitlines()[-1])
    assert record["status"] == "imported" and record["similar"] == [{"id": 1, "why": "same text"}]
