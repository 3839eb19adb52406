"""Full-text search: ranking, snippets, diacritics, and user text that must never break it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer.domain import HIT_CLOSE, HIT_OPEN, Article, ArticleId, Block, Figure, Quote
from newsviewer.library import Library, search
from newsviewer.library.query import All, Phrase, Term, fts_expression, parse
from newsviewer.library.search import FacetCount
from tests.migration_helpers import downgrade


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
    site: str = "",
    published: datetime | None = None,
    quotes: tuple[tuple[str, str], ...] = (),
) -> ArticleId:
    article = Article(
        format="text",
        title=title,
        summary=summary,
        byline=byline,
        site=site,
        published=published,
        blocks=tuple(Block("p", para) for para in body.split("\n\n")),
        figures=(Figure(caption=caption),) if caption else (),
        quotes=tuple(
            Quote(text=t, speaker=who, mention=None, cue=None, start=0, end=len(t))
            for t, who in quotes
        ),
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
    "title:",
    "said:",
    "site:",
    "year:20141",
    "after:2014-02-30",
    "before:0000",
    "-(",
    "((((",
    "OR OR OR",
    "-site:bbc -said:x -year:2014",
    'quote:(-x) title:(site:y) said:"',
    "site:%_\\",
    "(a OR site:b) -(c OR year:2001)",
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


def compile_query(text: str) -> str | None:
    """FTS5 ``MATCH`` expression for a query of words only, else None."""
    node = parse(text)
    return None if node is None else fts_expression(node)


def test_compiled_queries_quote_every_word() -> None:
    assert compile_query("NOT kerry") == '("NOT") AND ("kerry")'
    assert compile_query('say "boots on" gro*') == '("say") AND ("boots on") AND ("gro"*)'
    assert compile_query('he"llo wor"ld') == '("he") AND ("llo wor") AND ("ld")'
    assert compile_query("   ") is None


def test_fields_search_one_place(library: Library) -> None:
    in_title = add(library, "Kerry in Iraq", "Talks went on.", byline="By Anne Gearan")
    in_body = add(library, "Talks", "Kerry arrived late.", caption="Kerry at the airport")

    assert ids(library, "title:kerry") == [in_title]
    assert ids(library, "by:gearan") == [in_title]
    assert ids(library, "caption:airport") == [in_body]
    assert sorted(ids(library, "kerry")) == sorted([in_title, in_body])
    assert ids(library, "kerry -title:kerry") == [in_body]


def test_or_exclusion_and_groups(library: Library) -> None:
    iraq = add(library, "Iraq talks", "Kerry spoke.")
    syria = add(library, "Syria talks", "Kerry spoke.")
    add(library, "Iran talks", "Kerry spoke.")

    assert sorted(ids(library, "iraq OR syria")) == sorted([iraq, syria])
    assert ids(library, "kerry -syria -iran") == [iraq]
    assert sorted(ids(library, "kerry (iraq OR syria)")) == sorted([iraq, syria])


def test_site_and_dates(library: Library) -> None:
    old = add(
        library, "Storm one", site="BBC News", published=datetime(2013, 12, 31, 23, tzinfo=UTC)
    )
    mid = add(library, "Storm two", site="Le Monde", published=datetime(2014, 6, 1, tzinfo=UTC))
    new = add(library, "Storm three", site="BBC News", published=datetime(2015, 1, 1, tzinfo=UTC))

    assert sorted(ids(library, "storm site:bbc")) == sorted([old, new])
    assert ids(library, 'site:"le monde"') == [mid]
    assert ids(library, "storm year:2014") == [mid]
    assert ids(library, "storm after:2014-01-01 before:2015") == [mid]
    assert ids(library, "before:2014") == [old]
    assert ids(library, "after:2015") == [new]
    assert ids(library, "storm -site:bbc") == [mid]


def test_sort_by_date_lists_newest_first(library: Library) -> None:
    old = add(library, "Flood warning", "Flood flood flood.", published=datetime(2001, 1, 1))
    new = add(library, "Rain", "A flood is possible.", published=datetime(2020, 1, 1))

    assert ids(library, "flood") == [old, new]  # relevance: three floods and a headline
    assert [h.id for h in library.search("flood", sort="date")] == [new, old]


def test_stemmed_matches_come_after_exact_ones(library: Library) -> None:
    stemmed = add(library, "Fighting in the north", "Soldiers were fighting all day.")
    exact = add(library, "Talks", "A fight broke out in the parliament.")

    hits = library.search("fight")

    assert [h.id for h in hits] == [exact, stemmed]
    assert hits[0].rank > 0 > hits[1].rank
    assert f"{HIT_OPEN}Fighting{HIT_CLOSE}" in hits[1].snippet
    assert sorted(ids(library, "fights")) == sorted([exact, stemmed])


def test_quotations_by_words_and_by_speaker(library: Library) -> None:
    kerry = add(
        library,
        "Kerry in Baghdad",
        quotes=(("We will not send troops", "John Kerry"),),
    )
    other = add(
        library,
        "Troops debate",
        "Troops were mentioned outside any quotation.",
        quotes=(("Peace is near", "Nouri al-Maliki"),),
    )

    assert ids(library, "quote:troops") == [kerry]
    assert ids(library, "said:kerry") == [kerry]
    assert ids(library, 'speaker:"john kerry" baghdad') == [kerry]
    assert ids(library, "said:maliki") == [other]
    # The words of a quotation are searched by quote:, the story's text by plain words.
    assert ids(library, "troops") == [other]


def test_facets_count_sites_and_speakers_of_the_matches(library: Library) -> None:
    add(library, "Vote today", site="BBC News", quotes=(("Go vote", "Anna Adams"),))
    add(library, "Vote count", site="BBC News", quotes=(("Too close", "Ben Baker"),))
    add(library, "Vote fraud", site="Reuters", quotes=(("No fraud", "Anna Adams"),))
    add(library, "Weather", site="Reuters", quotes=(("Rain", "Ben Baker"),))

    facets = library.facets("vote")

    assert facets.sites == (FacetCount("BBC News", 2), FacetCount("Reuters", 1))
    assert facets.speakers == (FacetCount("Anna Adams", 2), FacetCount("Ben Baker", 1))
    assert (facets.matches, facets.complete) == (3, True)
    assert library.facets("said:ben").sites == (FacetCount("BBC News", 1), FacetCount("Reuters", 1))
    assert library.facets("").matches == 0


def test_hit_terms_are_the_words_as_the_story_writes_them(library: Library) -> None:
    story = add(library, "Fighting in São Paulo", "The fights went on. Peace talks failed.")

    assert library.hit_terms(story, "fight sao -war") == ["Fighting", "fights", "São"]
    assert library.hit_terms(story, '"peace talks"') == ["Peace talks"]
    assert library.hit_terms(story, "site:bbc") == []


def test_a_page_of_a_broad_query_comes_newest_first_then_ranked_on_request(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five matches stand for a word found in nearly every story of a big library.
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    days = [datetime(2020, 1, d) for d in (5, 1, 3, 2, 4)]
    made = [add(library, f"Report {n}", "News " * (n + 1), published=d) for n, d in enumerate(days)]

    quick = library.search_page("news", 0, 2, snippets=False)
    ranked = library.search_page("news", 0, 2, exact=True)

    assert quick.approximate and quick.total is None
    assert [h.id for h in quick.hits] == [made[0], made[4]]  # newest two
    assert all(h.snippet == "" for h in quick.hits)
    assert not ranked.approximate
    assert [h.id for h in ranked.hits] == [made[4], made[3]]  # most "news" first
    assert library.snippets("news", [made[1]])[made[1]].startswith(f"{HIT_OPEN}News")


def test_a_query_the_newest_stories_show_to_be_broad_is_listed_without_counting(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The newest two of six stories both match: about six matches, over 1.5 x 3.
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    monkeypatch.setattr(search, "SAMPLE", 2)
    days = [datetime(2020, 1, d) for d in (5, 1, 3, 2, 4)]
    made = [add(library, f"Report {n}", "News.", published=d) for n, d in enumerate(days)]
    made.append(add(library, "Latest", "News.", published=datetime(2019, 1, 1)))

    def no_count(*_args: object) -> int:
        raise AssertionError("counted")

    monkeypatch.setattr(search, "_count", no_count)
    page = library.search_page("news", 0, 2, snippets=False)

    assert page.approximate and page.total is None
    assert [h.id for h in page.hits] == [made[0], made[4]]


def test_a_broad_prefix_query_comes_newest_first(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_LIMIT", 3)
    days = [datetime(2020, 1, d) for d in (5, 1, 3, 2, 4)]
    made = [add(library, f"Newsroom {n}", published=d) for n, d in enumerate(days)]

    short = library.search_page("new*", 0, 2, snippets=False)  # an indexed beginning
    long = library.search_page("newsro*", 0, 10, snippets=False)  # merged, read in index order

    assert short.approximate and [h.id for h in short.hits] == [made[0], made[4]]
    assert long.approximate and sorted(h.id for h in long.hits) == sorted(made)


def test_a_filter_on_a_broad_word_lists_the_newest_filtered_matches(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five stories with the word stand for too many to rank; four pass the filter.
    monkeypatch.setattr(search, "RANK_LIMIT", 4)
    days = [datetime(2020, 1, d) for d in (5, 1, 3, 2, 4)]
    made = [add(library, f"Harbour {n}", published=d) for n, d in enumerate(days)]
    plural = add(library, "Harbours", published=datetime(2020, 1, 6))

    page = library.search_page("harbour after:2020-01-03", 0, 3, snippets=False)

    assert page.approximate and page.total == 4  # the 3rd to the 6th, "Harbours" too
    assert [h.id for h in page.hits] == [plural, made[0], made[4]]


def test_pages_of_a_speaker_come_newest_first_with_their_total(library: Library) -> None:
    days = [datetime(2020, 1, d) for d in (2, 3, 1)]
    made = [
        add(library, f"Talks {n}", published=d, quotes=(("We will go on", "Kofi Annan"),))
        for n, d in enumerate(days)
    ]
    add(library, "Other", quotes=(("No", "Anna Costa"),))

    first = library.search_page("said:kofi", 0, 2)
    beyond = library.search_page("said:kofi", 3, 2)

    assert [h.id for h in first.hits] == [made[1], made[0]] and first.total == 3
    assert beyond.hits == () and beyond.total == 3


def test_a_speaker_quoted_in_most_stories_lists_the_latest_imports_first(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    monkeypatch.setattr(search, "SAMPLE", 2)
    days = [datetime(2020, 1, d) for d in (2, 3, 1, 5, 4)]
    made = [
        add(library, f"Talks {n}", published=d, quotes=(("We go on", "Kofi Annan"),))
        for n, d in enumerate(days)
    ]

    quick = library.search_page("said:kofi", 0, 2)
    ranked = library.search_page("said:kofi", 0, 2, exact=True)

    assert quick.approximate and quick.total is None
    assert [h.id for h in quick.hits] == [made[4], made[3]]  # imported last
    assert not ranked.approximate and ranked.total == 5
    assert [h.id for h in ranked.hits] == [made[3], made[4]]  # published last


def test_pages_and_totals(library: Library) -> None:
    made = [add(library, f"Harbour {n}") for n in range(5)]
    made.append(add(library, "Harbours", "Boats."))

    first = library.search_page("harbour", 0, 4)
    rest = library.search_page("harbour", 4, 4)

    assert first.total == rest.total == 6
    assert [h.id for h in first.hits + rest.hits][-1] == made[-1]  # the stemmed hit last
    assert len({h.id for h in first.hits + rest.hits}) == 6
    # A page that starts after every exact hit holds only the stemmed one.
    past = library.search_page("harbour", 5, 4)
    assert [h.id for h in past.hits] == [made[-1]] and past.total == 6


def test_totals_of_exclusions_and_prefixes(library: Library) -> None:
    fighting = add(library, "Harbour fighting")
    fights = add(library, "Harbour fights")
    fight = add(library, "Harbour fight")
    government = add(library, "Government")

    # Without "fighting" exactly; the stems of all three are "fight".
    excluded = library.search_page("harbour -fighting", 0, 10)
    # "governm" begins the word but not its stem "govern".
    prefix = library.search_page("governm*", 0, 10)
    phrase = library.search_page('"harbour fight"', 0, 1)

    assert sorted(h.id for h in excluded.hits) == sorted([fights, fight])
    assert excluded.total == 2
    assert [h.id for h in prefix.hits] == [government] and prefix.total == 1
    assert [h.id for h in phrase.hits] == [fight] and phrase.total == 3
    assert fighting not in [h.id for h in excluded.hits]


def test_an_older_library_gets_the_new_indexes_filled(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with Library.open(path) as library:
        story = add(library, "Fighting", "Quoted.", quotes=(("Stop now", "Kofi Annan"),))
    downgrade(path, "0005")  # the reader's tables of 0006 by their own downgrade
    with sqlite3.connect(path) as conn:
        # Back to revision 0001: the stemmed and quotation indexes did not exist.
        for table in ("quotations_fts", "articles_stem"):
            for suffix in ("insert", "delete", "update"):
                conn.execute(f"DROP TRIGGER {table}_{suffix}")
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX ix_articles_keys")
        conn.execute("DROP INDEX ix_quotations_speakers")
        # 0001's word index, without the prefix indexes of 0004.
        conn.execute("DROP TABLE articles_fts")
        conn.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(headline, standfirst, byline, "
            "body_text, captions, content='articles', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        # 0005's story count.
        conn.execute("DROP TRIGGER story_count_ai")
        conn.execute("DROP TRIGGER story_count_ad")
        conn.execute("DROP TABLE story_count")
        conn.execute("UPDATE alembic_version SET version_num = '0001'")

    with Library.open(path) as library:
        assert ids(library, "fight") == [story]
        assert ids(library, "said:annan") == [story]
        assert ids(library, "fi*") == ids(library, "fig*") == [story]
        # The rebuilt indexes are still kept in step with the stories.
        later = add(library, "Figures", "Counted.")
        assert sorted(ids(library, "fig*")) == sorted([story, later])
        assert library.count() == 2  # counted when migrated, then kept by the triggers
        library.delete(story)
        assert ids(library, "fi*") == [later]
        assert library.count() == 1
    with sqlite3.connect(path) as conn:
        definitions = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name IN ('articles_fts', 'articles_stem')"
        ).fetchall()
    # A short beginning is one lookup in a prefix index, not a merge of every word.
    assert len(definitions) == 2 and all("prefix='2 3 4'" in d for (d,) in definitions)


def test_deleting_a_story_removes_it_from_every_index(library: Library) -> None:
    story = add(library, "Fighting", "Quoted.", quotes=(("Stop now", "Kofi Annan"),))
    library.delete(story)

    assert library.search("fight") == []
    assert library.search("said:annan") == []


def test_a_word_the_sample_finds_rare_is_ranked_at_once_with_its_total(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [add(library, f"Harbour {n}", "Harbour harbour." if n == 3 else "") for n in range(6)]
    plural = add(library, "Harbours", "Boats.")
    for n in range(12):
        add(library, f"Unrelated {n}", "Nothing here.")
    counted = library.search_page("harbour", 0, None)  # a small library is counted first
    # A sample of the 2 newest stories stands for a big library: "harbour" is not in
    # them, so it looks rare and is ranked without a count.
    monkeypatch.setattr(search, "SAMPLE", 2)

    full = library.search_page("harbour", 0, 4)
    short = library.search_page("harbour", 4, 4)
    past = library.search_page("harbour", 6, 4)
    everything = library.search_page("harbour", 0, None)

    assert everything.hits == counted.hits and everything.total == counted.total == 7
    assert {h.id for h in everything.hits} == {*made, plural}
    # A full page of exact hits leaves the stemmed ones (and the total) for later pages.
    assert full.hits == counted.hits[:4] and full.total is None and not full.approximate
    assert short.hits == counted.hits[4:] and short.hits[-1].id == plural and short.total == 7
    assert [h.id for h in past.hits] == [plural] and past.total == 7
