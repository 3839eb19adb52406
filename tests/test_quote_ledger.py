"""The quote ledger through the command line: quotes, speakers, corrections."""

from __future__ import annotations

import gc
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsviewer.cli import main
from newsviewer.domain import Article, ArticleId, Block, Quote
from newsviewer.library import Library, ledger
from newsviewer.library.user_data import writing


def _story(n: int, site: str, lines: list[tuple[str, str, str | None]]) -> Article:
    """A story whose paragraphs are quotations: (words, speaker as written, role)."""
    blocks = tuple(Block("p", f"“{words}” {who} said.") for words, who, _ in lines)
    quotes = []
    start = 0
    for (words, who, role), block in zip(lines, blocks, strict=True):
        quotes.append(Quote(words, who, who, "said", start + 1, start + 1 + len(words), role))
        start += len(block.text) + 2
    return Article(
        format="text",
        title=f"Story {n}",
        site=site,
        url=f"https://example.invalid/{n}",
        published=datetime(2016, 11, 1, 12, tzinfo=UTC) + timedelta(days=n),
        blocks=blocks,
        quotes=tuple(quotes),
    )


STORIES = [
    _story(
        1,
        "NBC News",
        [("We will win big.", "Donald Trump", None), ("Believe me.", "Trump", None)],
    ),
    _story(2, "Reuters", [("A great day.", "President-elect Donald Trump", None)]),
    _story(
        3,
        "NBC News",
        [("Diplomacy works.", "John Kerry", "Secretary of State"), ("No troops.", "Kerry", None)],
    ),
    _story(4, "Reuters", [("My state needs roads.", "Bob Kerry", "Senator")]),
    _story(5, "Reuters", [("The tariffs stay.", "Trump", "President-elect")]),
]


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        for n, article in enumerate(STORIES, 1):
            library.add(article, source_path=f"/tmp/s{n}.txt", original=f"file {n}".encode())
    return path


def run(lib_path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--library", str(lib_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _json(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_speakers_merges_one_person_and_keeps_namesakes_apart(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(lib_path, "speakers", "--json", capsys=capsys)
    assert code == 0
    found = {s["name"]: s for s in _json(out)}
    assert set(found) == {"Donald Trump", "John Kerry", "Bob Kerry"}
    assert found["Donald Trump"] == {
        "name": "Donald Trump",
        "quotes": 4,
        "stories": 3,
        "roles": ["President-elect"],
    }
    assert found["John Kerry"]["quotes"] == 2
    assert found["Bob Kerry"] == {
        "name": "Bob Kerry",
        "quotes": 1,
        "stories": 1,
        "roles": ["Senator"],
    }


def test_quotes_prints_the_fixed_shape_and_filters(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(lib_path, "quotes", "--speaker", "Trump", "--json", capsys=capsys)
    rows = _json(out)
    assert code == 0
    assert [r["text"] for r in rows] == [
        "The tariffs stay.",
        "A great day.",
        "We will win big.",
        "Believe me.",
    ]
    assert set(rows[0]) == {
        "id", "article_id", "text", "speaker", "role", "mention", "cue", "title", "site",
        "published",
    }  # fmt: skip
    assert rows[3]["speaker"] == "Donald Trump" and rows[3]["mention"] == "Trump"
    assert rows[0]["published"] == "2016-11-06T12:00:00+00:00"
    out = run(lib_path, "quotes", "--speaker", "John Kerry", "--json", capsys=capsys)[1]
    assert [r["text"] for r in _json(out)] == ["Diplomacy works.", "No troops."]
    out = run(lib_path, "quotes", "win", "--json", capsys=capsys)[1]
    assert [r["text"] for r in _json(out)] == ["We will win big."]
    out = run(
        lib_path, "quotes", "--site", "reuters", "--after", "2016-11-04", "--json", capsys=capsys
    )[1]
    assert [r["title"] for r in _json(out)] == ["Story 5", "Story 4"]
    out = run(lib_path, "quotes", "--before", "2016-11-03", "--limit", "1", capsys=capsys)[1]
    assert out.startswith("#") and "“We will win big.” — Donald Trump" in out
    assert (
        run(lib_path, "quotes", "--speaker", "Nobody", capsys=capsys)[1] == "no quotations match\n"
    )


def test_a_bad_date_is_refused_with_its_reason(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--library", str(lib_path), "quotes", "--after", "yesterday"])
    assert "not a date" in capsys.readouterr().err


def _id_of(lib_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> int:
    rows = _json(run(lib_path, "quotes", "--json", "--limit", "100", capsys=capsys)[1])
    return int(str(next(r["id"] for r in rows if r["text"] == text)))


def test_corrections_change_the_speaker_and_drop_non_quotes(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qid = _id_of(lib_path, "No troops.", capsys)
    code, out, _ = run(lib_path, "quote", str(qid), "--speaker", "Bob Kerry", capsys=capsys)
    assert code == 0 and out == f"#{qid} said by Bob Kerry: “No troops.”\n"
    speakers = {
        s["name"]: s["quotes"] for s in _json(run(lib_path, "speakers", "--json", capsys=capsys)[1])
    }
    assert speakers["Bob Kerry"] == 2 and speakers["John Kerry"] == 1
    great = _id_of(lib_path, "A great day.", capsys)
    assert run(lib_path, "quote", str(great), "--not-quote", capsys=capsys)[0] == 0
    texts = [r["text"] for r in _json(run(lib_path, "quotes", "--json", capsys=capsys)[1])]
    assert "A great day." not in texts and len(texts) == 6
    code, _, err = run(lib_path, "quote", "999", "--not-quote", capsys=capsys)
    assert code == 2 and "no quotation #999" in err


def test_corrections_survive_re_extraction_and_re_import(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    qid = _id_of(lib_path, "No troops.", capsys)
    run(lib_path, "quote", str(qid), "--speaker", "Bob Kerry", capsys=capsys)
    run(
        lib_path,
        "quote",
        str(_id_of(lib_path, "A great day.", capsys)),
        "--not-quote",
        capsys=capsys,
    )
    with Library.open(lib_path) as library:
        # Extracted again: new quotation rows, other ids and offsets, the same words.
        with writing(library) as conn:
            conn.exec_driver_sql("DELETE FROM quotations WHERE article_id = 3")
            conn.exec_driver_sql(
                "INSERT INTO quotations (article_id, ordinal, text, speaker, mention, cue, role, "
                "start_offset, end_offset) VALUES (3, 0, 'No troops.', 'Kerry', 'Kerry', "
                "'said', NULL, 40, 50)"
            )
        # Imported again: the story deleted, its file stored anew under a new id.
        assert library.delete(ArticleId(2)) is not None
        library.add(STORIES[1], source_path="/tmp/s2.txt", original=b"file 2")
        found = {q.text: q for q in ledger.quotes(library, limit=None)}
    assert found["No troops."].speaker == "Bob Kerry"
    assert found["No troops."].id != qid
    assert "A great day." not in found


def test_merging_two_speakers_by_hand(lib_path: Path) -> None:
    with Library.open(lib_path) as library:
        ledger.merge_speakers(library, "Bob Kerry", "John Kerry")
        found = {s.name: s.quotes for s in ledger.speakers(library)}
    assert found == {"Donald Trump": 4, "John Kerry": 3}


def test_speakers_merge_and_split_from_the_command_line(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(lib_path, "speakers", "--merge", "Bob Kerry", "John Kerry", capsys=capsys)
    assert code == 0 and out.startswith("Bob Kerry merged into John Kerry\n")
    assert "3 quotes     2 stories  John Kerry  (Secretary of State; Senator)" in out
    out = run(lib_path, "speakers", "--forms", "Donald Trump", "--json", capsys=capsys)[1]
    assert _json(out) == [{"form": "Donald Trump", "quotes": 2}, {"form": "Trump", "quotes": 2}]
    code, out, _ = run(
        lib_path, "speakers", "--split", "Donald Trump", "Trump", "--json", capsys=capsys
    )
    assert code == 0
    assert _json(out) == [
        {"name": "Trump", "quotes": 2, "stories": 2, "roles": ["President-elect"]}
    ]
    found = {
        s["name"]: s["quotes"] for s in _json(run(lib_path, "speakers", "--json", capsys=capsys)[1])
    }
    assert found == {"Donald Trump": 2, "Trump": 2, "John Kerry": 3}
    # The fixed form still lists; a wrong name is refused with its reason.
    code, _, err = run(lib_path, "speakers", "--merge", "Nobody", "Trump", capsys=capsys)
    assert code == 2 and "no speaker named “Nobody”" in err


def test_a_surname_lists_everyone_bearing_it_newest_first_a_page_at_a_time(
    lib_path: Path,
) -> None:
    more = [
        _story(6, "NBC News", [("Roads again.", "Bob Kerry", None), ("Bridges.", "Kerry", None)]),
        _story(7, "Reuters", [("Talks resume.", "John Kerry", None)]),
    ]
    with Library.open(lib_path) as library:
        for n, article in enumerate(more, 6):
            library.add(article, source_path=f"/tmp/s{n}.txt", original=f"file {n}".encode())
        everyone = [
            (q.text, q.speaker) for q in ledger.quotes(library, speaker="Kerry", limit=None)
        ]
        assert everyone == [
            ("Talks resume.", "John Kerry"),
            ("Roads again.", "Bob Kerry"),
            ("Bridges.", "Bob Kerry"),
            ("My state needs roads.", "Bob Kerry"),
            ("Diplomacy works.", "John Kerry"),
            ("No troops.", "John Kerry"),
        ]
        # Each page is the head of that list, whichever Kerry each quotation is.
        for size in range(7):
            page = ledger.quotes(library, speaker="Kerry", limit=size)
            assert [(q.text, q.speaker) for q in page] == everyone[:size]
        found = ledger.quotes(library, "roads", speaker="Kerry", site="Reuters", limit=5)
        assert [q.text for q in found] == ["My state needs roads."]


def test_listing_speakers_leaves_the_cycle_collector_as_it_found_it(lib_path: Path) -> None:
    # The list pauses the collector while it builds tens of thousands of records; left
    # off, a long session would keep every reference cycle it ever made.
    with Library.open(lib_path) as library:
        assert gc.isenabled()
        assert ledger.speakers(library)[0].name == "Donald Trump"
        assert gc.isenabled()
        gc.disable()
        try:
            ledger.speakers(library)
            assert not gc.isenabled()
        finally:
            gc.enable()
