"""Any text typed into the search is answered, with bounded work (issue 17, queries).

Hypothesis glues queries from the language's fragments and from what breaks
parsers (``tests/query_fuzzing.py``) and runs each through every library call
the window and the command line make. No exception may escape, and no query may
cost more SQLite steps than ``BUDGET``: one-letter prefixes, 700-word OR lists
and deep nesting each went far past it before they were bounded.
``scripts/fuzz_queries.py`` is the longer run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsviewer.cli import main
from newsviewer.domain import ArticleId
from newsviewer.library import Library
from newsviewer.library.query import MAX_WORDS, parse
from tests.query_fuzzing import FRAGMENTS, WORDS, Work, count_work, exercise, fill

STORIES = 120
# Thousands of SQLite steps one query may take for all the calls of ``exercise``
# at STORIES stories; the worst fuzzed query takes about a fifth of it.
BUDGET = 2_500


@pytest.fixture(scope="module")
def fuzzed(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Library, list[ArticleId], Work]]:
    library = Library.open(tmp_path_factory.mktemp("fuzz") / "library.sqlite3")
    ids = fill(library, STORIES)
    yield library, ids, count_work(library)
    library.close()


glued = st.lists(st.sampled_from(FRAGMENTS), max_size=14).flatmap(
    lambda parts: st.sampled_from(["", " ", "\t"]).map(lambda glue: glue.join(parts))
)
nested = st.tuples(
    st.sampled_from(["(", "-(", "(a OR -(", "title:(", "said:x (", "a (b ", "(site:x OR "]),
    st.integers(1, 80),
    st.sampled_from(WORDS),
).map(lambda t: t[0] * t[1] + t[2] + ")" * t[1])
listed = st.tuples(
    st.sampled_from([" OR ", " ", " -", " OR title:"]),
    st.lists(st.sampled_from(WORDS), max_size=700),
).map(lambda t: t[0].join(t[1]))
prefixes = st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=10).map(
    lambda letters: " ".join(f"{c}*" for c in letters)
)
queries = st.one_of(glued, nested, listed, prefixes, st.text(max_size=300))


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same queries in every run of CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(query=queries)
def test_any_text_is_answered_with_bounded_work(
    fuzzed: tuple[Library, list[ArticleId], Work], query: str
) -> None:
    library, ids, work = fuzzed
    work.reset()
    exercise(library, query, ids)
    assert work.thousands <= BUDGET, query


def test_the_inputs_that_broke_search_are_answered(
    fuzzed: tuple[Library, list[ArticleId], Work],
) -> None:
    library, ids, work = fuzzed
    for query in (
        "harbour\x00",
        '"kerry\x00 talks"',
        "-(" * 42 + "kerry" + ")" * 42,
        "(a OR -(" * 30 + "b",
        "t* a*",
        "s* t* a* i* e*",
        " OR ".join(WORDS * 30),
        "caf\udce9",  # a command-line argument that is not UTF-8
        "is:unread the",
    ):
        work.reset()
        exercise(library, query, ids)
        assert work.thousands <= BUDGET, query


def test_the_bounds_are_the_ones_the_help_gives() -> None:
    # A one-letter prefix is the word itself; two letters begin words.
    assert parse("t*") == parse("t")
    assert parse("th*") != parse("th")
    # The words after the first MAX_WORDS are left out.
    many = [f"w{n}" for n in range(MAX_WORDS + 10)]
    assert parse(" ".join(many)) == parse(" ".join(many[:MAX_WORDS]))
    # A NUL is a space.
    assert parse("kerry\x00iraq") == parse("kerry iraq")


def test_the_command_line_answers_hostile_queries(
    fuzzed: tuple[Library, list[ArticleId], Work], capsys: pytest.CaptureFixture[str]
) -> None:
    library = fuzzed[0]
    for query in ("kerry\x00", "-(" * 60 + "x", "caf\udce9", "x*"):
        assert main(["--library", str(Path(library.path)), "search", "--", query]) == 0
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
