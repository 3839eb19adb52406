"""The search box's query language: every construct, and text that is not valid syntax."""

from __future__ import annotations

import random

import pytest

from newsviewer.library.query import (
    All,
    Any,
    Dates,
    Field,
    Not,
    Phrase,
    Site,
    Term,
    fts_expression,
    highlight_terms,
    parse,
)


def test_words_phrases_and_prefixes() -> None:
    assert parse("kerry iraq") == All((Term("kerry"), Term("iraq")))
    assert parse('"boots on the ground"') == Phrase(("boots", "on", "the", "ground"))
    assert parse("volc*") == Term("volc", prefix=True)


def test_or_and_exclusion_and_groups() -> None:
    assert parse("kerry OR obama") == Any((Term("kerry"), Term("obama")))
    assert parse("iraq -syria") == All((Term("iraq"), Not(Term("syria"))))
    assert parse("(kerry OR obama) iraq") == All(
        (Any((Term("kerry"), Term("obama"))), Term("iraq"))
    )
    # Lower-case "or" is a word; OR binds looser than the implicit AND.
    assert parse("war or peace") == All((Term("war"), Term("or"), Term("peace")))
    assert parse("a b OR c") == Any((All((Term("a"), Term("b"))), Term("c")))


def test_fields() -> None:
    assert parse("title:iraq") == Field("title", Term("iraq"))
    assert parse("headline:iraq") == Field("title", Term("iraq"))
    assert parse("by:amanpour") == Field("by", Term("amanpour"))
    assert parse("caption:reichstag") == Field("caption", Term("reichstag"))
    assert parse('quote:"boots on"') == Field("quote", Phrase(("boots", "on")))
    assert parse("said:kerry") == Field("said", Term("kerry"))
    assert parse("speaker:kerry") == Field("said", Term("kerry"))
    assert parse('site:"le monde"') == Site("le monde")
    assert parse("title:(iraq OR syria)") == Field("title", Any((Term("iraq"), Term("syria"))))
    assert parse("-site:bbc") == Not(Site("bbc"))


def test_dates() -> None:
    assert parse("after:2014-01-01") == Dates("2014-01-01", None)
    assert parse("before:2015") == Dates(None, "2015-01-01")
    assert parse("year:2014") == Dates("2014-01-01", "2015-01-01")
    assert parse("after:2014-12") == Dates("2014-12-01", None)
    assert parse("after:2014/3/5") == Dates("2014-03-05", None)


def test_what_is_not_valid_syntax_is_searched_as_words() -> None:
    assert parse("year:soon") == All((Term("year"), Term("soon")))
    assert parse("after:2014-13") == All((Term("after"), Term("2014-13")))
    assert parse("colour:red") == Term("colour:red")  # not a field: a word of FTS5 tokens
    assert parse('kerry "iraq') == All((Term("kerry"), Term("iraq")))
    assert parse("(kerry iraq") == All((Term("kerry"), Term("iraq")))
    assert parse("kerry) iraq") == All((Term("kerry"), Term("iraq")))
    assert parse("kerry OR") == Term("kerry")
    assert parse("kerry -") == Term("kerry")
    assert parse("title:") == Term("title:")
    assert parse("- * ( ) OR") == Term("OR")
    assert parse("") is None


def test_expressions_quote_every_word() -> None:
    node = parse('title:(iraq OR "Kerry\'s plan") -syria vol*')
    assert node is not None
    assert fts_expression(node) == (
        '({headline} : (("iraq") OR ("Kerry\'s plan"))) AND ("vol"*) NOT ("syria")'
    )
    # Sites, dates and quotations are not FTS5 over articles; only exclusions neither.
    for text in ("site:bbc", "year:2014", "said:kerry", "-iraq"):
        node = parse(text)
        assert node is not None and fts_expression(node) is None


def test_highlight_terms_leave_out_excluded_words_and_filters() -> None:
    assert highlight_terms('kerry "boots on the ground" -syria site:bbc year:2014 iraq*') == [
        "boots on the ground",
        "kerry",
        "iraq*",
    ]
    assert highlight_terms("said:(John Kerry)") == ["Kerry", "John"]


ALPHABET = 'ab "()-*:OR title: said: year:2014 site: \\\x00é🙂\t{}^+NEAR'


@pytest.mark.parametrize("seed", range(5))
def test_random_text_never_raises(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        node = parse(text)
        if node is not None:
            fts_expression(node)
        highlight_terms(text)


def test_deep_nesting_does_not_raise() -> None:
    assert parse("(" * 5000 + "kerry" + ")" * 5000) is not None
    assert parse("-" * 5000 + "kerry") is not None


def test_filters_written_by_chips_are_found_and_removed_again() -> None:
    from newsviewer.library.query import SITE, SPEAKER, active_filters, add_filter, remove_filter

    query = add_filter("harbour", SITE, 'The "Coastal" Courier')
    query = add_filter(query, SPEAKER, "Anna Holm")
    assert query == 'harbour site:"The Coastal Courier" said:"Anna Holm"'
    site, speaker = active_filters(query)
    assert (site.field, site.value) == (SITE, "The Coastal Courier")
    assert (speaker.field, speaker.value) == (SPEAKER, "Anna Holm")
    assert remove_filter(query, site) == 'harbour said:"Anna Holm"'
    assert active_filters('speaker:"Ana Silva" boats')[0].field == SPEAKER
    assert active_filters("site:bbc") == []  # only quoted values, as the chips write them
