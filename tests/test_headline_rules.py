"""The headline a reader sees on pages that set it somewhere other than one plain h1."""

from __future__ import annotations

import lxml.html

from newsviewer.html.metadata import read_metadata
from newsviewer.html.titles import choose_title

_STORY = (
    "<p>The council voted on Tuesday to rebuild the harbour wall before winter, after the"
    " storms of last year left a gap of forty metres where the old stones used to stand."
    " Work is to begin in the spring and finish before the first gales of the autumn.</p>"
)


def headline(head: str, body: str) -> str:
    html = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return choose_title(read_metadata(lxml.html.document_fromstring(html)))


def test_h1_marked_as_alternative_headline_gives_way_to_the_marked_h2() -> None:
    title = headline(
        "<title>Harbour Wall Mistakes | Coast Home</title>"
        '<meta property="og:title" content="The 5 Biggest Harbour Wall Mistakes and How to'
        ' Avoid Them">',
        '<article><header><h1 itemprop="alternativeHeadline" class="post-alt-title">'
        'Harbour Wall Mistakes</h1><h2 itemprop="headline" class="post-title">The 5 Biggest'
        " Harbour Wall Mistakes and How to Avoid Them</h2></header>" + _STORY + "</article>",
    )
    assert title == "The 5 Biggest Harbour Wall Mistakes and How to Avoid Them"


def test_h2_in_the_article_header_wins_when_every_h1_is_the_logo() -> None:
    title = headline(
        "<title>As the Council Votes, the Harbour Wall Wins in a HUGE Way!</title>"
        '<meta property="og:title" content="As the Council Votes, the Harbour Wall Wins in a'
        ' HUGE Way!">',
        '<h1><a href="https://coast.example/"><img src="logo.png" alt="Coast Insider"></a></h1>'
        '<article><header class="article-header"><h2>Council Votes to Rebuild the Harbour'
        " Wall</h2></header>" + _STORY + "</article>",
    )
    assert title == "Council Votes to Rebuild the Harbour Wall"


def test_breadcrumb_h1_and_the_kicker_above_the_h2_are_not_the_headline() -> None:
    title = headline(
        '<title>Küste: Die Mauer am Hafen - Küstenblatt</title><meta property="og:title"'
        ' content="Küste: Das Geheimnis der alten Hafenmauer">',
        '<ol class="breadcrumbs"><li><a href="/kueste">Küste</a></li>'
        "<li><h1>Küste: Die Mauer am Hafen</h1></li></ol>"
        '<article><header><h2><span class="content__kicker">Küste</span>'
        '<span class="sr-only">: </span> <span class="content__title">Das Geheimnis der'
        " alten Hafenmauer</span></h2></header>" + _STORY + "</article>",
    )
    assert title == "Das Geheimnis der alten Hafenmauer"


def test_unmarked_h2_holding_the_whole_shortened_social_title_is_the_headline() -> None:
    title = headline(
        "<title>Coast Security Association</title>"
        '<meta property="og:title" content="Harbour Forum 2019「早期発見」の防災">',
        "<h1>イベント情報</h1>"
        "<div><h2>Harbour Forum 2019\n「早期発見」の防災\n～守りから攻めへ～</h2></div>" + _STORY,
    )
    assert title == "Harbour Forum 2019 「早期発見」の防災 ～守りから攻めへ～"


def test_blog_name_h1_before_the_post_title_in_the_window_title_is_left_out() -> None:
    title = headline(
        "<title>港町の日記 - "
        "防波堤の再建がようやく決まったが工期の見通しはまだ立っていない</title>",
        "<h1>港町の日記</h1>" + _STORY,
    )
    assert title == "防波堤の再建がようやく決まったが工期の見通しはまだ立っていない"


def test_h1_that_is_the_last_piece_of_the_social_title_is_the_headline() -> None:
    title = headline(
        "<title>The Harbour Singers – Sea Wall Lyrics | Lyric Site</title>"
        '<meta property="og:title" content="The Harbour Singers – Sea Wall">',
        '<div class="header"><h1 class="song-title">Sea Wall</h1></div>' + _STORY,
    )
    assert title == "Sea Wall"


def test_feature_display_title_beats_the_plain_h1_that_the_metadata_repeats() -> None:
    title = headline(
        "<title>How the Town Rebuilt Its Harbour Wall</title>"
        '<meta property="og:title" content="How the Town Rebuilt Its Harbour Wall">',
        '<section class="splash"><h1 class="lede-feature-title">Walls Against the Sea</h1>'
        "</section><p>By Ann Reporter</p>"
        '<article><header><h1 class="headline-primary">How the Town Rebuilt Its Harbour'
        " Wall</h1></header>" + _STORY + "</article>",
    )
    assert title == "Walls Against the Sea"


def test_heading_after_the_story_text_is_not_a_display_title() -> None:
    title = headline(
        "<title>How the Town Rebuilt Its Harbour Wall - Coast News</title>"
        '<meta property="og:title" content="How the Town Rebuilt Its Harbour Wall">',
        "<article><header><h1>How the Town Rebuilt Its Harbour Wall</h1></header>"
        + _STORY * 4
        + '<ul class="authors"><h1 class="authors__headline">Follow us on Twitter</h1></ul>'
        "</article>",
    )
    assert title == "How the Town Rebuilt Its Harbour Wall"


def test_logo_link_in_the_site_header_is_not_a_display_title() -> None:
    title = headline(
        "<title>Harbour wall to be rebuilt before winter</title>"
        '<meta property="og:title" content="Harbour wall to be rebuilt before winter">'
        '<meta property="og:site_name" content="CWN">',
        '<header><h1><a class="logo" href="/en-gb">cwn <span>back to cwn home</span></a>'
        ' <a href="/en-gb/news">news</a></h1></header>'
        '<header class="collection-headline"><h1 itemprop="headline">Harbour wall to be'
        " rebuilt before winter</h1></header>" + _STORY,
    )
    assert title == "Harbour wall to be rebuilt before winter"


def test_sole_h1_abbreviating_the_longer_metadata_title_is_the_headline() -> None:
    title = headline(
        "<title>Harbour row: Council rebuffs Port Authority, says settle North and South"
        " quays together | Local News - Coast Times</title>"
        '<meta property="og:site_name" content="The Coast Times">',
        "<div><h1>Council rebuffs Port Authority, says settle N&amp;S quays together</h1>"
        "</div>" + _STORY,
    )
    assert title == "Council rebuffs Port Authority, says settle N&S quays together"


def test_window_title_saying_more_than_the_h2_is_kept() -> None:
    title = headline(
        "<title>Walls of Salt - Chapter 1 - SeaWriter - Harbour Tales | Coast Fiction"
        " [Story Archive]</title>",
        '<h1><a href="/">Story Archive</a></h1>'
        '<div class="preface"><h2 class="title heading">Walls of Salt</h2></div>' + _STORY,
    )
    assert title.startswith("Walls of Salt - Chapter 1 - SeaWriter")


def test_empty_h1_placeholders_do_not_make_an_article_a_listing() -> None:
    title = headline(
        "<title>How the Town Rebuilt Its Harbour Wall</title>"
        '<meta property="og:title" content="How the Town Rebuilt Its Harbour Wall">',
        '<section class="splash"><h1 class="lede-feature-title">Walls Against the Sea</h1>'
        '</section><header><h1 class="headline-primary">How the Town Rebuilt Its Harbour'
        " Wall</h1></header>"
        + _STORY
        + '<div class="promo"><h1 class="promo-message"></h1></div>' * 9,
    )
    assert title == "Walls Against the Sea"
