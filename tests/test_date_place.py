"""Which day a saved page was published: the one its story's header prints.

Each page is synthetic and made to show one general pattern of news pages.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from newsviewer.domain import Article
from newsviewer.html.dates import date_in_text
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

HEADLINE = "Harbour wall to be rebuilt after the storm"
STORY = "".join(
    f"<p>Paragraph {i}: the council said the harbour wall will be rebuilt before the winter "
    "storms, and the fishermen welcomed the news at a meeting in the town hall.</p>"
    for i in range(5)
)


def parse(body: str, head: str = "", title: str = HEADLINE) -> Article:
    page = f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=page.encode()))


def day_of(article: Article) -> date | None:
    return None if article.published is None else article.published.date()


def test_the_day_under_the_headline_wins_over_the_mastheads_day() -> None:
    article = parse(
        '<div id="header"><span class="logo">The Coast Gazette</span>'
        '<p class="date">Tuesday, January 15, 2008</p><ul><li>News</li><li>Sport</li></ul></div>'
        f'<div class="story"><h1>{HEADLINE}</h1>'
        '<div class="byline">By Ann Lee <span>January 8, 2008</span></div>'
        f"{STORY}</div>"
    )
    assert day_of(article) == date(2008, 1, 8)


def test_a_dateline_wins_over_a_day_in_the_photo_caption_above_it() -> None:
    article = parse(
        f"<h1>{HEADLINE}</h1>"
        "<p class='caption'>Waves break over the old harbour wall during the storm on Tuesday, "
        "Jan. 8, 2008, as the town looked on. The wall was last rebuilt in the fifties. "
        "(Photo: Ann Lee)</p>"
        "<div>By Ann Lee</div><div>Published: 2008-01-09 02:55</div>"
        f"{STORY}"
    )
    assert day_of(article) == date(2008, 1, 9)


@pytest.mark.parametrize(
    "written",
    ["1. März 2009", "1 de marzo de 2009", "1 marzo 2009", "1 maart 2009", "01.03.2009"],
)
def test_a_day_in_its_own_element_is_read_whatever_the_language(written: str) -> None:
    # The day's element follows the headline's text with no space between them.
    article = parse(f"<h1>{HEADLINE}</h1><span>{written}</span><div>{STORY}</div>")
    assert day_of(article) == date(2009, 3, 1)


def test_a_day_set_right_after_a_name_is_read() -> None:
    article = parse(
        f'<div class="byline">Ann Lee<span>March 1, 2009</span></div><h2>Other</h2>{STORY}'
    )
    assert day_of(article) == date(2009, 3, 1)


def test_an_abbr_titled_with_an_iso_date_gives_the_day() -> None:
    article = parse(
        f'<h1>{HEADLINE}</h1><abbr title="2009-03-01T23:30:00-05:00">Sunday night</abbr>{STORY}'
    )
    assert day_of(article) == date(2009, 3, 1)


def test_a_blogs_published_abbr_gives_the_moment_with_its_zone() -> None:
    article = parse(
        f'<h1>{HEADLINE}</h1><abbr class="published" title="2009-03-01T23:30:00-05:00">'
        f"Sunday night</abbr>{STORY}"
    )
    assert article.published == datetime.fromisoformat("2009-03-01T23:30:00-05:00")
    assert day_of(article) == date(2009, 3, 1)
    assert not article.published_inferred


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2009-03-01T23:30:00-05:00">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "'
        + HEADLINE
        + '", "datePublished": "2009-03-01T23:30:00-05:00"}</script>',
    ],
)
def test_a_timestamp_with_its_zone_keeps_the_local_day(head: str) -> None:
    article = parse(f"<h1>{HEADLINE}</h1>{STORY}", head)
    assert article.published is not None
    assert article.published.date() == date(2009, 3, 1)
    assert article.published.utcoffset() is not None


def test_a_utc_timestamp_takes_the_day_the_page_prints_under_its_headline() -> None:
    article = parse(
        f'<h1>{HEADLINE}</h1><p class="date">March 1, 2009</p>{STORY}',
        '<meta property="article:published_time" content="2009-03-02T04:30:00Z">',
    )
    assert article.published is not None
    assert article.published.date() == date(2009, 3, 1)
    # The same instant: the story keeps its place among the others.
    assert article.published == datetime.fromisoformat("2009-03-02T04:30:00+00:00")


def test_a_utc_timestamp_without_a_printed_day_is_kept_as_declared() -> None:
    article = parse(
        f"<h1>{HEADLINE}</h1>{STORY}",
        '<meta property="article:published_time" content="2009-03-02T04:30:00Z">',
    )
    assert article.published == datetime.fromisoformat("2009-03-02T04:30:00+00:00")


@pytest.mark.parametrize(
    "stamp",
    [
        '<div class="date">10:52</div>',
        '<span class="time">Updated 10:52 GMT</span>',
        '<span class="posted">Today, 10:52</span>',
        '<span class="time">5 minutes ago</span>',
    ],
)
def test_a_page_printing_only_a_time_has_no_day(stamp: str) -> None:
    article = parse(f"<article><h1>{HEADLINE}</h1>{stamp}{STORY}</article>")
    assert article.published is None


def test_an_undated_page_is_never_given_the_import_day() -> None:
    article = parse(f"<article><h1>{HEADLINE}</h1>{STORY}</article>")
    assert article.published is None


def test_a_day_written_with_slashes_is_read_only_when_it_says_which_number_is_the_month() -> None:
    assert date_in_text("Last Updated: 1:19am GMT 14/01/2008") == datetime(2008, 1, 14)
    assert date_in_text("Posted 12/25/2007 at noon") == datetime(2007, 12, 25)
    # 1 August or 8 January: the page's country would say; the day is left unread.
    assert date_in_text("REVISED 1/8/2008") is None


def test_the_headline_is_found_when_the_title_carries_site_and_section_names() -> None:
    article = parse(
        '<div id="top"><p class="date">Tuesday, January 15, 2008</p></div>'
        f'<div class="headline">{HEADLINE}</div><div>Monday, January 14, 2008</div>{STORY}',
        head="",
        title=f"Coast Gazette - Sport - {HEADLINE}",
    )
    assert day_of(article) == date(2008, 1, 14)


def test_a_day_inside_a_sentence_of_the_story_is_not_its_publication_day() -> None:
    article = parse(
        f"<article><h1>{HEADLINE}</h1>{STORY}<p>The wall has not been repaired since the great "
        "storm of March 15, 2003, when the sea broke through at the old quay.</p></article>"
    )
    assert article.published is None
