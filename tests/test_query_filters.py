"""The search language's filter chips and marked words, as the window uses them."""

from __future__ import annotations

import random
import re

from newsviewer.library.query import (
    SITE,
    SPEAKER,
    Filter,
    active_filters,
    add_filter,
    highlight_terms,
    remove_filter,
)

# What the facet bar matched before query.py owned the chips.
_OLD_FILTER = re.compile(r'(?<!\S)(site|said|speaker):"([^"]*)"', re.IGNORECASE)


def old_filters(query: str) -> list[Filter]:
    return [
        Filter(SITE if m.group(1).lower() == SITE else SPEAKER, m.group(2), m.span())
        for m in _OLD_FILTER.finditer(query)
    ]


def test_a_chip_adds_a_quoted_filter_and_its_cross_takes_it_out() -> None:
    query = add_filter("harbour", SITE, "BBC News")
    assert query == 'harbour site:"BBC News"'
    query = add_filter(query, SPEAKER, 'Jo "JR" Reyes')
    assert query == 'harbour site:"BBC News" said:"Jo JR Reyes"'

    site, speaker = active_filters(query)
    assert site == Filter(SITE, "BBC News", (8, 23))
    assert speaker == Filter(SPEAKER, "Jo JR Reyes", (24, 42))
    assert remove_filter(query, site) == 'harbour said:"Jo JR Reyes"'
    assert remove_filter(query, speaker) == 'harbour site:"BBC News"'
    assert add_filter("", SITE, "Le Monde") == 'site:"Le Monde"'


def test_filters_the_user_typed_count_too_whatever_their_case() -> None:
    query = 'SITE:"le monde" kerry Speaker:"John Kerry"'
    assert [(f.field, f.value) for f in active_filters(query)] == [
        (SITE, "le monde"),
        (SPEAKER, "John Kerry"),
    ]
    assert remove_filter(query, active_filters(query)[1]) == 'SITE:"le monde" kerry'


def test_only_filters_that_narrow_the_whole_query_are_chips() -> None:
    assert active_filters('iraq -site:"bbc"') == []  # an exclusion
    assert active_filters('(iraq site:"bbc" ) x') == []  # inside a group
    assert active_filters('"quoted site:"bbc"') == []  # inside a phrase
    assert active_filters("site:bbc") == []  # unquoted: not written by a chip
    assert active_filters('site:"bbc') == []  # an unpaired quote is a space
    assert active_filters('x(site:"bbc")') == []


def test_chips_read_every_query_the_chips_write_as_the_facet_bar_did() -> None:
    rng = random.Random(5)
    words = ["harbour", "kerry", "OR", "-war", "title:iraq", '"peace talks"', "fight*", "a"]
    values = ["BBC News", "Le Monde", "Jo Reyes", "São Paulo", "x", ""]
    for _ in range(500):
        query = " ".join(rng.sample(words, rng.randint(0, 4)))
        for _ in range(rng.randint(0, 3)):
            query = add_filter(query, rng.choice([SITE, SPEAKER]), rng.choice(values))
            if rng.random() < 0.3:
                query += " " + rng.choice(words)
        found = active_filters(query)
        assert found == old_filters(query), query
        for chosen in found:
            shorter = remove_filter(query, chosen)
            assert len(active_filters(shorter)) == len(found) - 1


def test_the_words_to_mark_leave_out_exclusions_sites_and_dates() -> None:
    query = '"peace talks" fight* -war site:bbc said:kerry after:2014 iraq OR syria'
    terms = highlight_terms(query)
    assert terms == ["peace talks", "fight*", "kerry", "syria", "iraq"]
    assert highlight_terms("") == []
    assert highlight_terms("-war") == []
