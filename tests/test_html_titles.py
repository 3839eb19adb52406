"""Which headline a saved page gets: its marked h1, its metadata, or its <title>."""

from __future__ import annotations

import lxml.html

from newsviewer.html.metadata import read_metadata
from newsviewer.html.titles import choose_title

_BODY = "<p>The council voted on Tuesday to rebuild the harbour wall before winter.</p>"


def headline(head: str, body: str) -> str:
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}{_BODY}</body></html>"
    return choose_title(read_metadata(lxml.html.document_fromstring(html)))


def test_headline_marked_h1_beats_a_reworded_social_title() -> None:
    title = headline(
        "<title>Harbour wall plan approved | Coast News</title>"
        '<meta property="og:title" content="Harbour wall plan approved">',
        '<article><header><h1 class="article-headline">Council approves £4m plan to rebuild'
        " the storm-hit harbour wall</h1></header></article>",
    )
    assert title == "Council approves £4m plan to rebuild the storm-hit harbour wall"


def test_json_ld_headline_repeated_in_the_window_title_beats_the_h1() -> None:
    title = headline(
        "<title>Harbour wall hands-on: the rebuild begins - Coast News</title>"
        '<meta property="og:title" content="The harbour wall rebuild begins">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Harbour wall hands-on: the rebuild begins"}</script>',
        '<h1 class="headline">Work starts at last on the harbour wall</h1>',
    )
    assert title == "Harbour wall hands-on: the rebuild begins"


def test_logo_h1_linking_to_the_front_page_is_not_the_headline() -> None:
    title = headline(
        '<title>Harbour wall plan approved</title><meta property="og:title"'
        ' content="Harbour wall plan approved">',
        '<header class="site"><h1 class="site-title"><a href="/">Harbour Town Weekly'
        " Gazette</a></h1></header>",
    )
    assert title == "Harbour wall plan approved"


def test_marked_h1_sharing_no_words_with_the_story_is_a_widget() -> None:
    title = headline(
        '<title>Harbour wall plan approved</title><meta property="og:title"'
        ' content="Harbour wall plan approved">',
        '<div class="popup"><h1 class="title">Original text</h1></div>',
    )
    assert title == "Harbour wall plan approved"


def test_h1_that_is_part_of_the_social_title_keeps_the_fuller_title() -> None:
    title = headline(
        "<title>Lust for Youth: Lust for Youth Album Review | Pitch</title>"
        '<meta property="og:title"'
        ' content="Lust for Youth: Lust for Youth">',
        '<header><h1 class="hed"><em>Lust for Youth</em></h1></header>',
    )
    assert title == "Lust for Youth: Lust for Youth"


def test_h1_with_the_same_words_keeps_the_page_punctuation() -> None:
    title = headline(
        "<title>‘Fantastic Beasts’: A Nice Place to Visit | The Review</title>"
        '<meta property="og:title"'
        ' content="‘Fantastic Beasts’: A Nice Place to Visit">',
        '<nav><h1 class="visuallyHidden">The Review</h1></nav>'
        '<h1 class="article-headline">Fantastic Beasts: A Nice Place to Visit</h1>',
    )
    assert title == "Fantastic Beasts: A Nice Place to Visit"


def test_two_different_marked_h1s_leave_the_choice_to_the_metadata() -> None:
    title = headline(
        '<title>Harbour wall plan approved</title><meta property="og:title"'
        ' content="Harbour wall plan approved">',
        '<h1 class="feature-title">Walls against the sea</h1>'
        '<h1 class="headline">How the harbour wall plan was approved</h1>',
    )
    assert title == "Harbour wall plan approved"


def test_unmarked_h1_does_not_override_declared_metadata() -> None:
    title = headline(
        '<title>Title Element</title><meta property="og:title" content="Open Graph title">',
        "<article><h1>Test document title</h1></article>",
    )
    assert title == "Open Graph title"


def test_title_running_the_h1_on_without_a_separator_is_kept_whole() -> None:
    title = headline(
        "<title>Harbour wall to be rebuilt （Coast Wire） - Daily Portal</title>"
        '<meta property="og:site_name" content="Daily Portal">',
        '<div class="hd"><h1>Harbour wall to be rebuilt</h1></div>',
    )
    assert title == "Harbour wall to be rebuilt （Coast Wire）"


def test_full_width_colon_sets_off_the_site_name() -> None:
    title = headline(
        "<title>港の防波堤を再建へ：海岸新聞デジタル</title>",
        "<div><h1>港の防波堤を再建へ</h1></div>",
    )
    assert title == "港の防波堤を再建へ"
