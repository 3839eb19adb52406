"""The same queries find the same stories on SQLite and on PostgreSQL.

One small library is stored in both engines, story for story (so the ids agree),
and every part of the query language (``query.py``) is asked of both: the
stories found, the split between exact hits and stories that only share stems,
the newest-first order, and the facets. Snippets and hit words are checked to
mark what matched.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, Article, ArticleId, Block, Figure, Quote
from newsviewer.library import Library, highlights, ledger, marks, tags

# (headline, body, standfirst, byline, caption, site, published, quotes)
STORIES: list[tuple[str, str, str, str, str, str, datetime | None, tuple[tuple[str, str], ...]]] = [
    (
        "Ferry service returns to the harbour",
        "The ferry runs again after the storm. Traders in the harbour welcomed it.",
        "A lifeline restored",
        "By Jane Smith",
        "The quay at dawn",
        "NBC News",
        datetime(2020, 5, 1, 9, 0, tzinfo=UTC),
        (("We are fighting for this island", "Ann Lee"),),
    ),
    (
        "Volcano erupts on remote island",
        "Ash fell on three villages. Lava reached the sea by night.",
        "",
        "By Tom Brown",
        "Ash cloud over the crater",
        "The Times",
        datetime(2021, 3, 14, tzinfo=UTC),
        (("The ash will settle within days", "Dr Rosa Diaz"),),
    ),
    (
        "New York bridge closes for repairs",
        "Engineers in New York found cracks. The bridge will close for a year.",
        "Commuters face delays",
        "By Jane Smith",
        "",
        "NBC News",
        datetime(2019, 6, 2, tzinfo=UTC),
        (("This is a fight we must win", "John Kerry"),),
    ),
    (
        "Kerry pledges support to Iraq",
        "Secretary of State John Kerry said the United States would stand with Iraq. "
        "The fighting in Fallujah continued.",
        "No troops on the ground",
        "By Andrea Mitchell",
        "Gunmen patrol in Fallujah",
        "NBC News",
        datetime(2014, 1, 5, tzinfo=UTC),
        (("We will stand with the government of Iraq", "John Kerry"),),
    ),
    (
        "São Paulo café culture",
        "In São Paulo the cafés are full. A café owner says business fights back.",
        "",
        "By Luís Costa",
        "A café in São Paulo",
        "Folha",
        datetime(2022, 8, 9, tzinfo=UTC),
        (),
    ),
    (
        "Governments debate e-mail privacy",
        "Several governments want access to e-mail. The U.S.A. proposal costs 3.5 billion.",
        "A fight over privacy",
        "By Tom Brown",
        "",
        "The Times",
        None,
        (("Privacy is not negotiable", "Ann Lee"),),
    ),
    (
        "Covid-19 cases fall in 2020 wave",
        "Cases of covid-19 fell. Hospitals said the wave of 2020 was over; "
        "they don't expect another.",
        "",
        "",
        "",
        "Health Daily",
        datetime(2020, 11, 30, tzinfo=UTC),
        (("The worst is behind us", "Health officials"),),
    ),
    (
        "Harbour festival draws crowds",
        "Boats, music and a ferry parade filled the harbour. Fights broke out late.",
        "",
        "By Jane Smith",
        "Boats in the harbour",
        "Local Herald",
        datetime(2023, 7, 4, tzinfo=UTC),
        (),
    ),
    (
        "Mountain rescue",
        "A climber was rescued after a night on the mountain. Governing bodies praised the team.",
        "The team fought the weather",
        "By Rosa Diaz",
        "",
        "The Times",
        datetime(2018, 12, 24, tzinfo=UTC),
        (("We never give up a fight", "Team leader"),),
    ),
    (
        "Election night in New Zealand",
        "Voters in New Zealand chose a new government. The count went on past midnight.",
        "",
        "By Ann Lee",
        "Counting the votes",
        "Radio NZ",
        datetime(2020, 10, 17, tzinfo=UTC),
        (("It is a new york of votes", "Pundit"),),
    ),
    # The quote ledger's speakers (``ledger_cases``): a bare surname no story links,
    # a namesake, a role merged into a person, a mayor split off, corrections.
    (
        "Kerry lands in Baghdad",
        "The visit was not announced.",
        "",
        "",
        "",
        "Reuters",
        datetime(2014, 2, 1, tzinfo=UTC),
        (("Iraq will stand on its own", "Kerry"),),
    ),
    (
        "Senator asks for roads",
        "The bill reached the floor.",
        "",
        "",
        "",
        "Reuters",
        datetime(2015, 4, 1, tzinfo=UTC),
        (("Roads matter to the state", "Senator Bob Kerry"),),
    ),
    (
        "Talks on the border resume",
        "Envoys met at the border.",
        "",
        "",
        "",
        "NBC News",
        datetime(2014, 3, 1, tzinfo=UTC),
        (("The talks will go on", "the Secretary of State"),),
    ),
    (
        "Mayor opens the bridge",
        "The bridge opened at noon.",
        "",
        "",
        "",
        "Local Herald",
        datetime(2021, 5, 1, tzinfo=UTC),
        (("The bridge is safe", "Mayor Ann Lee"),),
    ),
    (
        "Mayor Lee on dredging",
        "The channel will be dredged.",
        "",
        "",
        "",
        "Local Herald",
        datetime(2021, 6, 1, tzinfo=UTC),
        (("We will dredge the harbour", "Mayor Lee"),),
    ),
    (
        "Ransom demand refused",
        "The government refused the demand.",
        "",
        "",
        "",
        "The Times",
        datetime(2016, 1, 1, tzinfo=UTC),
        (("We will not pay the ransom", "Ann Lee"), ("No deal", "Tom Brown")),
    ),
    (
        "Club night review",
        "The club was full.",
        "",
        "",
        "",
        "Local Herald",
        datetime(2017, 1, 1, tzinfo=UTC),
        (("Fight club rules apply", "Tom Brown"),),
    ),
]

QUERIES = [
    # words, phrases, prefixes
    "ferry",
    "ferry harbour",
    "the",
    '"new york"',
    '"the ferry"',
    # across two columns (headline and byline, standfirst and body): never a phrase
    '"harbour by"',
    '"restored the"',
    "volc*",
    "fer*",
    "gov*",
    "harbour*",
    # OR, NOT, groups
    "ferry OR volcano",
    "(ferry OR bridge) harbour",
    "ferry -harbour",
    "-ferry harbour",
    "volcano -(ash OR lava)",
    "-site:nbc ferry",
    "ferry OR -harbour",
    # fields
    "title:ferry",
    "title:harbour",
    "by:smith",
    "by:(brown OR lee)",
    "caption:quay",
    "caption:café",
    "title:(ferry OR bridge)",
    'title:"new york"',
    "headline:kerry -by:mitchell",
    # quotations
    "said:kerry",
    'said:"ann lee"',
    "speaker:lee",
    "quote:fight",
    "quote:fighting",
    "quote:(ash OR privacy)",
    "quote:stand said:kerry",
    # ... and the quote ledger's speakers, after the merge, split and corrections of ``fill``
    'said:"john kerry"',
    'said:"John Kerry"',
    'said:"bob kerry"',
    "said:secretary",
    'said:"the secretary of state"',
    "said:ker*",
    "said:(kerry OR brown)",
    "said:lee",
    'said:"Lee"',
    "said:mayor",
    "said:obama",
    'said:"barack obama"',
    "said:brown",
    "said:brown -quote:deal",
    "quote:club",
    "quote:ransom",
    "quote:talks said:kerry",
    "quote:talks said:secretary",
    "quote:stand said:john",
    "quote:(bridge OR harbour) said:lee",
    "quote:harbour said:lee",
    "quote:ransom said:lee",
    "quote:ransom said:obama",
    "quote:stand quote:iraq said:kerry",
    "said:kerry said:lee",
    "said:kerry OR quote:club",
    "-said:kerry is:unread",
    "said:kerry after:2014-02",
    # sites
    "site:nbc",
    "site:times ferry",
    'site:"the times"',
    "site:nbc OR site:folha",
    # dates
    "after:2020",
    "before:2019-06",
    "year:2021",
    "published:2019..2020",
    "published:2020-05",
    "published:..2015",
    "saved:2020",
    "ferry after:2020 site:nbc",
    # stems
    "fighting",
    "fights",
    "fight -fighting",
    "governments",
    "governing",
    "fought",
    # accents
    "sao paulo",
    "São",
    "cafe",
    "CAFÉ culture",
    # odd words
    "new-york",
    "covid-19",
    "e-mail",
    "2020",
    "3.5",
    "don't",
    "U.S.A.",
    "u.s*",
    # what the reader added
    "is:unread",
    "is:read",
    "is:starred",
    "is:archived ferry",
    "tag:weather",
    "tag:weather -ferry",
    "has:highlight",
    "has:note",
    "note:check",
    # mixed
    "fight OR site:times",
    "(title:ferry OR said:lee) after:2019",
    "kerry iraq fallujah",
    "nothing-matches-this",
]


def fill(library: Library) -> None:
    for n, (title, body, summary, byline, caption, site, published, quotes) in enumerate(STORIES):
        article = Article(
            format="text",
            title=title,
            summary=summary,
            byline=byline,
            site=site,
            published=published,
            blocks=(Block("p", body),),
            figures=(Figure(caption=caption),) if caption else (),
            quotes=tuple(
                Quote(text=t, speaker=who, mention=None, cue=None, start=0, end=len(t))
                for t, who in quotes
            ),
        )
        status, _ = library.add(article, source_path=f"/s/{n}.txt", original=f"{n}".encode())
        assert status == "imported"
    ids = library.ids()
    marks.set_read(library, ids[:4])
    marks.set_starred(library, ids[1:3])
    marks.set_archived(library, ids[::3])
    tags.add_tags(library, ids[2:6], ["Weather"])
    highlights.add_highlight_text(library, ArticleId(1), "ferry runs", note="check times")
    highlights.add_highlight_text(library, ArticleId(2), "Ash fell")
    ledger_cases(library)


def ledger_cases(library: Library) -> None:
    """The reader's merge, split and corrections, the same on both engines."""
    ledger.merge_speakers(library, "the Secretary of State", "John Kerry")
    # Story 15's "Mayor Lee" is Ann Lee by her role in story 14 (rule 3): not so.
    ledger.split_speaker(library, "Ann Lee", "Lee")
    quoted = {q.text: q.id for q in ledger.quotes(library, limit=None)}
    ledger.correct(library, quoted["We will not pay the ransom"], speaker="Barack Obama")
    ledger.correct(library, quoted["Fight club rules apply"], not_quote=True)


@pytest.fixture(scope="module")
def engines(
    pg_server: object, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Library, Library]]:
    from tests.pg_server import Server

    assert isinstance(pg_server, Server)
    url = pg_server.create()
    sqlite = Library.open(tmp_path_factory.mktemp("cross") / "library.sqlite3")
    postgres = Library.open(url)
    for library in (sqlite, postgres):
        fill(library)
    yield sqlite, postgres
    sqlite.close()
    postgres.close()
    pg_server.drop(url)


def tiers(library: Library, query: str) -> tuple[set[int], set[int], set[int]]:
    """Exact hits (rank above 0), stories sharing only stems (below 0), unranked (0)."""
    hits = library.search_page(query, limit=None, exact=True, snippets=False).hits
    return (
        {h.id for h in hits if h.rank > 0},
        {h.id for h in hits if h.rank < 0},
        {h.id for h in hits if h.rank == 0},
    )


@pytest.mark.parametrize("query", QUERIES)
def test_both_engines_find_the_same_stories(engines: tuple[Library, Library], query: str) -> None:
    sqlite, postgres = engines
    assert tiers(postgres, query) == tiers(sqlite, query)
    by_date = [
        [h.id for h in lib.search_page(query, limit=None, sort="date", snippets=False).hits]
        for lib in engines
    ]
    assert by_date[1] == by_date[0]
    pages = [lib.search_page(query, limit=3, offset=1) for lib in engines]
    assert pages[1].total == pages[0].total


def test_the_query_list_reaches_every_story_and_both_tiers(
    engines: tuple[Library, Library],
) -> None:
    sqlite, _ = engines
    found: set[int] = set()
    stems = unranked = 0
    for query in QUERIES:
        exact, stemmed, listed = tiers(sqlite, query)
        found |= exact | stemmed | listed
        stems += bool(stemmed)
        unranked += bool(listed)
    assert found == set(sqlite.ids())
    assert stems >= 3
    assert unranked >= 10


# Stories found after ``ledger_cases``, by their number in STORIES (from 1).
LEDGER_FOUND = {
    # John Kerry (3, 4) with the Secretary of State merged into him (13); Bob Kerry
    # (12) and the bare "Kerry" no story names in full (11) are other people.
    'said:"john kerry"': {3, 4, 13},
    "said:secretary": {3, 4, 13},
    'said:"bob kerry"': {12},
    "said:kerry": {3, 4, 11, 12, 13},
    "quote:talks said:kerry": {13},
    "quote:stand said:john": {4},
    "quote:stand said:kerry": {4, 11},
    # The "Mayor Lee" of 15 split off Ann Lee (1, 6, 14); 16's quotation is Obama's now.
    'said:"ann lee"': {1, 6, 14},
    'said:"Lee"': {1, 6, 14, 15},
    "quote:(bridge OR harbour) said:lee": {14, 15},
    'quote:harbour said:"ann lee"': set(),
    "quote:ransom said:lee": set(),
    "quote:ransom said:obama": {16},
    'said:"barack obama"': {16},
    # 17's "quotation" is not one.
    "said:brown": {16},
    "quote:club": set(),
    "quote:fight": {1, 3, 9},
    "said:kerry said:lee": set(),
    "said:kerry OR quote:club": {3, 4, 11, 12, 13},
}


@pytest.mark.parametrize("query", sorted(LEDGER_FOUND))
def test_said_and_quote_find_the_quote_ledgers_speakers_on_both_engines(
    engines: tuple[Library, Library], query: str
) -> None:
    ids = [sorted(h.id for h in lib.search(query, limit=100)) for lib in engines]
    assert ids[0] == sorted(LEDGER_FOUND[query])
    assert ids[1] == ids[0]


@pytest.mark.parametrize("query", ["ferry", "said:lee", "fight", "site:times", "is:starred"])
def test_both_engines_give_the_same_facets(engines: tuple[Library, Library], query: str) -> None:
    sqlite, postgres = engines
    assert postgres.facets(query) == sqlite.facets(query)


def test_a_headline_hit_ranks_above_body_hits_on_postgresql(
    engines: tuple[Library, Library],
) -> None:
    _, postgres = engines
    hits = postgres.search("harbour")
    assert [h.id for h in hits][:2] == [8, 1]  # both headlines; the festival's says it twice
    assert hits[0].rank > 0
    assert postgres.search("volcano")[0].id == 2


def test_snippets_and_hit_words_mark_what_matched_on_postgresql(
    engines: tuple[Library, Library],
) -> None:
    _, postgres = engines
    [hit] = postgres.search("volcano")
    assert f"{HIT_OPEN}" in hit.snippet and f"{HIT_CLOSE}" in hit.snippet
    [stemmed] = postgres.search("fallujah fights")
    assert f"{HIT_OPEN}fighting{HIT_CLOSE}" in stemmed.snippet
    assert postgres.hit_terms(ArticleId(5), "sao paulo cafe") == [
        "São Paulo",
        "cafés",
        "café",
    ] or set(postgres.hit_terms(ArticleId(5), "sao paulo cafe")) >= {"São Paulo", "café"}
    snippet = postgres.snippets('"new york" bridge', [ArticleId(3)])[ArticleId(3)]
    assert f"{HIT_OPEN}New York{HIT_CLOSE}" in snippet


def test_a_query_a_user_types_by_mistake_answers_on_postgresql(
    engines: tuple[Library, Library], tmp_path: Path
) -> None:
    _, postgres = engines
    for text in ['"', "(((", "OR", "-", "title:", "a*", "' OR 1=1 --", "\\", "%_", "::"]:
        postgres.search_page(text)
        postgres.facets(text)


def test_a_query_too_broad_to_rank_lists_the_newest_matches_until_asked_exactly(
    engines: tuple[Library, Library], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsviewer.library import pg_search

    _, postgres = engines
    monkeypatch.setattr(pg_search, "RANK_LIMIT", 3)
    broad = postgres.search_page("the", limit=4)
    assert broad.approximate and broad.total is None
    newest = postgres.search_page("the", limit=4, sort="date")
    assert [h.id for h in broad.hits] == [h.id for h in newest.hits]
    ranked = postgres.search_page("the", limit=None, exact=True)
    assert not ranked.approximate and ranked.total == len(STORIES)
    assert all(h.rank > 0 for h in ranked.hits)


@pytest.mark.parametrize(
    ("query", "rank_limit", "ranked"),
    [
        # The words are in few stories: the phrase or field is ranked at once.
        ('"new york"', 3, True),
        ("title:harbour", 3, True),
        # "the" is in nearly every story, "title:the" in three headlines: counted exactly.
        ("title:the", 3, True),
        ("title:the", 2, False),
        ('"the harbour" OR title:the', 2, False),
        # A NOT is never counted loosely.
        ("title:the -ferry", 2, True),
    ],
)
def test_a_phrase_or_field_is_ranked_exactly_when_its_matches_are_few_enough(
    engines: tuple[Library, Library],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    rank_limit: int,
    ranked: bool,
) -> None:
    from newsviewer.library import pg_search

    _, postgres = engines
    monkeypatch.setattr(pg_search, "RANK_LIMIT", rank_limit)
    page = postgres.search_page(query, limit=2)
    assert page.approximate is not ranked
    everything = postgres.search_page(query, limit=None, exact=True)
    if ranked:
        assert page.hits == everything.hits[:2]
        assert page.total == everything.total
    else:
        assert everything.total is not None and everything.total > rank_limit
