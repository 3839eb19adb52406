"""Full-text search: ranking, snippets, diacritics, and user text that must never break it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, Article, ArticleId, Block, Figure
from newsviewer.library import Library
from newsviewer.library.query import All, Phrase, Term, compile_query, parse


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def add(
    library: Library,
    title: str,
    body: str = "Nothing much happened today.",
    *,
    summary: str = "",
    byline: str = "",
    caption: str = "",
) -> ArticleId:
    article = Article(
        format="text",
        title=title,
        summary=summary,
        byline=byline,
        blocks=tuple(Block("p", para) for para in body.split("\n\n")),
        figures=(Figure(caption=caption),) if caption else (),
    )
    status, article_id = library.add(article, source_path=title, original=title.encode())
    assert status == "imported"
    return article_id


def ids(library: Library, query: str) -> list[ArticleId]:
    return [hit.id for hit in library.search(query)]


def test_a_headline_hit_ranks_above_body_hits(library: Library) -> None:
    in_body = add(
        library,
        "Island news roundup",
        "Ferries were delayed. Farmers sold eggs.\n\n"
        "Scientists keep watching the volcano on the north of the island, "
        "and say the volcano has been quiet for a century.",
    )
    in_headline = add(library, "Volcano erupts on remote island", "Ash fell on three villages.")
    add(library, "Football results", "The home side won two nil.")

    hits = library.search("volcano")

    assert [h.id for h in hits] == [in_headline, in_body]
    assert hits[0].rank > hits[1].rank


def test_the_snippet_marks_the_word_found(library: Library) -> None:
    add(
        library,
        "Council meeting",
        "The council met on Tuesday. After a long debate the members approved "
        "the new harbour bridge with a large majority.",
    )

    (hit,) = library.search("harbour")

    assert f"{HIT_OPEN}harbour{HIT_CLOSE}" in hit.snippet
    assert "bridge" in hit.snippet


def test_all_words_must_match(library: Library) -> None:
    both = add(library, "Kerry visits Iraq", "Talks in Baghdad.")
    add(library, "Kerry visits Israel", "Talks in Jerusalem.")
    add(library, "Iraq elections", "Polls open.")

    assert ids(library, "kerry iraq") == [both]


def test_without_accents_finds_accented_words_and_back(library: Library) -> None:
    sao = add(library, "Floods in São Paulo", "Rain kept falling.")
    cafe = add(library, "Cafe owners protest", "Prices rose.")

    assert ids(library, "Sao Paulo") == [sao]
    assert ids(library, "SÃO PAULO") == [sao]
    assert ids(library, "café") == [cafe]


def test_a_trailing_star_searches_by_prefix(library: Library) -> None:
    found = add(library, "Volcanologists warn", "Ash clouds are possible.")

    assert ids(library, "volcano*") == [found]
    assert ids(library, "volcano") == []


def test_quoted_words_must_appear_as_a_phrase(library: Library) -> None:
    phrase = add(library, "Kerry speaks", "We are not putting boots on the ground, he said.")
    scattered = add(library, "Army kit", "The ground was wet and the boots were muddy.")

    assert ids(library, '"boots on the ground"') == [phrase]
    assert sorted(ids(library, "boots ground")) == sorted([phrase, scattered])


def test_standfirst_byline_and_captions_are_searched(library: Library) -> None:
    by_standfirst = add(library, "One", summary="A summit in Geneva.")
    by_byline = add(library, "Two", byline="By Christiane Amanpour")
    by_caption = add(library, "Three", caption="Protesters outside the Reichstag.")

    assert ids(library, "geneva") == [by_standfirst]
    assert ids(library, "amanpour") == [by_byline]
    assert ids(library, "reichstag") == [by_caption]


def test_operators_typed_by_the_user_are_plain_words(library: Library) -> None:
    with_not = add(library, "Why not now", "Ministers said not yet.")
    add(library, "Budget approved", "Ministers agreed.")

    # "NOT" is a word to look for, not FTS5's NOT operator.
    assert ids(library, "NOT") == [with_not]
    assert ids(library, "ministers NOT") == [with_not]
    # OR between two words is an operator: either will do.
    assert sorted(ids(library, "ministers OR budget")) == sorted([with_not, 2])


def test_limit_caps_the_hits(library: Library) -> None:
    for n in range(5):
        add(library, f"Storm report {n}")

    assert len(library.search("storm", limit=3)) == 3
    assert len(library.search("storm")) == 5


HOSTILE = [
    "",
    "   ",
    '"',
    '"""',
    'kerry "iraq',
    '"unbalanced quote',
    "NOT",
    "NOT kerry",
    "kerry NOT",
    "a OR",
    "OR",
    "AND AND",
    "NEAR(kerry iraq, 2)",
    "*",
    "**",
    "kerry*",
    "*kerry",
    "(",
    ")",
    "(kerry",
    "-",
    "-kerry",
    "kerry -iraq",
    "^kerry",
    "headline:kerry",
    "title : iraq",
    "{headline}: kerry",
    "+",
    "'",
    "kerry's",
    "\\",
    "\x00",
    "\x02kerry\x03",
    "🙂",
    'ISIL\'s "efforts" (to) gain* -a OR: foothold^',
    "x" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_anything_the_user_types_is_answered_without_error(library: Library, query: str) -> None:
    add(library, "Kerry rules out troops in Iraq", "We will stand with the government of Iraq.")

    hits = library.search(query)

    assert isinstance(hits, list)


def test_blank_query_finds_nothing(library: Library) -> None:
    add(library, "Anything")
    assert library.search("") == []
    assert library.search("  \t ") == []


def test_parse_builds_a_small_tree() -> None:
    assert parse("kerry") == Term("kerry")
    assert parse("volc*") == Term("volc", prefix=True)
    assert parse('kerry "boots on the ground" iraq*') == All(
        (Term("kerry"), Phrase(("boots", "on", "the", "ground")), Term("iraq", prefix=True))
    )
    # An unpaired quote is read as a space; punctuation-only words are dropped.
    assert parse('kerry "iraq') == All((Term("kerry"), Term("iraq")))
    assert parse("- * ( )") is None
    assert parse("") is None


def test_compiled_queries_quote_every_word() -> None:
    assert compile_query("NOT kerry") == '("NOT") AND ("kerry")'
    assert compile_query('say "boots on" gro*') == '("say") AND ("boots on") AND ("gro"*)'
    assert compile_query('he"llo wor"ld') == '("he") AND ("llo wor") AND ("ld")'
    assert compile_query("   ") is None
