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


def test_import_offers_a_story_saved_again_as_already_there_and_keeps_both_on_request(
    tmp_path: Path,
) -> None:
    one = tmp_path / "one.md"
    two = tmp_path / "two.md"
    same_page = tmp_path / "three.md"
    one.write_text(
        f"---\nurl: https://www.example.com/bridge\n---\n# Bridge closed\n\n{WORDS}\n",
        encoding="utf-8",
    )
    two.write_text(f"# Bridge closed (updated)\n\n{WORDS} Updated later.\n", encoding="utf-8")
    same_page.write_text(
        "---\nurl: http://example.com/bridge/?utm_source=feed\n---\n# Bridge: the vote\n\n"
        "Councillors voted by nine to four; the lorries will go round by the ring road.\n",
        encoding="utf-8",
    )
    lib = tmp_path / "l.sqlite3"

    def run(*args: str) -> list[str]:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--library", str(lib), "import", *args]) == 0
        return out.getvalue().splitlines()

    run(str(one))
    records = [json.loads(line) for line in run(str(two), str(same_page), "--json")]
    assert [(r["status"], r["id"], r["similar"]) for r in records] == [
        ("duplicate", 1, [{"id": 1, "why": "same text"}]),
        ("duplicate", 1, [{"id": 1, "why": "same address"}]),
    ]
    assert records[0]["reason"] == "same text as #1 “Bridge closed”"
    lines = run(str(two))
    assert "already in the library: same text as #1 “Bridge closed”" in lines[0]
    assert "--keep-duplicates" in lines[-1]
    with Library.open(lib) as library:
        assert len(library.ids()) == 1  # nothing was stored twice

    # The user keeps both: stored, and still said to repeat the first.
    record = json.loads(run(str(two), "--keep-duplicates", "--json")[-1])
    assert record["status"] == "imported" and record["similar"] == [{"id": 1, "why": "same text"}]
    # The same file again is a plain duplicate, whatever the flag.
    record = json.loads(run(str(two), "--keep-duplicates", "--json")[-1])
    assert record["status"] == "duplicate" and record["similar"] == []
    with Library.open(lib) as library:
        assert len(library.ids()) == 2
