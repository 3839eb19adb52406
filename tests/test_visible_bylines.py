"""Bylines a page writes only as text under its headline, and what is not a byline.

Each page is synthetic and shows one general pattern of news pages and blogs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsviewer.domain import Article
from newsviewer.html.bylines import display_byline
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

HEADLINE = "Harbour wall to be rebuilt after the storm"
STORY = "".join(
    f"<p>Paragraph {i}: the council said the harbour wall will be rebuilt before the winter "
    "storms, and the fishermen welcomed the news at a meeting in the town hall.</p>"
    for i in range(5)
)


def parse(body: str, head: str = "", lang: str = "en") -> Article:
    page = (
        f"<html lang='{lang}'><head><title>{HEADLINE}</title>{head}</head>"
        f"<body>{body}</body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=page.encode()))


@pytest.mark.parametrize(
    ("line", "byline", "lang"),
    [
        ("<p>By Ann Lee</p>", "Ann Lee", "en"),
        ("<div>By TERENCE HUNT<br>AP White House Correspondent</div>", "TERENCE HUNT", "en"),
        ("<p>Von Anna Müller</p>", "Anna Müller", "de"),
        ("<div>Autor: Anna Müller</div>", "Anna Müller", "de"),
        ("<p>Par Sébastien Martin</p>", "Sébastien Martin", "fr"),
        ("<p>Posted by Ann Lee on March 1, 2009</p>", "Ann Lee", "en"),
        ("<p>By Ann Lee, March 1, 2009</p>", "Ann Lee", "en"),
        ("<div><b>By</b></div><div>Ann Lee</div>", "Ann Lee", "en"),
    ],
)
def test_a_byline_written_under_the_headline_is_read(line: str, byline: str, lang: str) -> None:
    article = parse(f"<h1>{HEADLINE}</h1>{line}{STORY}", lang=lang)
    assert article.byline == byline
    assert article.authors == (byline,)
    # The byline line is not the story's first paragraph.
    assert article.blocks[0].text.startswith("Paragraph 0")


def test_a_name_beside_the_date_in_a_blog_header_is_the_byline() -> None:
    article = parse(
        f'<div class="post"><h2>{HEADLINE}</h2>'
        f'<div class="post-meta">March 1, 2009 | Ann Lee</div>{STORY}</div>'
    )
    assert article.byline == "Ann Lee"


def test_two_names_keep_the_word_the_page_joins_them_with() -> None:
    article = parse(
        f"<h1>{HEADLINE}</h1><p>Von Anna Müller und Peter Schmidt</p>{STORY}", lang="de"
    )
    assert article.byline == "Anna Müller und Peter Schmidt"
    assert article.authors == ("Anna Müller", "Peter Schmidt")
    # Names declared apart are joined in the page's language, not in English.
    assert display_byline(["Anna Müller", "Peter Schmidt"], "de-DE") == (
        "Anna Müller und Peter Schmidt"
    )
    assert display_byline(["Ann Lee", "Tom Reed"], "") == "Ann Lee and Tom Reed"


@pytest.mark.parametrize(
    "line",
    [
        "<p>The wall was first built by Thomas Telford in 1820 for the herring fleet.</p>",
        "<p class='caption'>Photo by Ann Lee</p>",
        "<p>Tuesday, January 15, 2008 | Weather: 7°C</p>",
        "<p>Last Edited: Wednesday, 09 Jan 2008, 7:51 PM CST</p>",
    ],
)
def test_by_in_a_sentence_a_credit_or_a_masthead_is_not_a_byline(line: str) -> None:
    article = parse(f"<h1>{HEADLINE}</h1>{line}{STORY}")
    assert article.byline == ""
    assert article.authors == ()


@pytest.mark.parametrize("label", ["Posted", "Follow", "Name", "Share", "Author:"])
def test_a_label_where_the_byline_goes_is_not_a_byline(label: str) -> None:
    article = parse(f'<h1>{HEADLINE}</h1><div class="byline">{label}</div>{STORY}')
    assert article.byline == ""
    assert article.authors == ()


def test_the_sites_own_name_in_a_byline_box_is_not_a_byline() -> None:
    article = parse(
        f'<h1>{HEADLINE}</h1><div class="author">Coast Gazette</div>{STORY}',
        '<meta property="og:site_name" content="Coast Gazette">',
    )
    assert article.byline == ""


def test_a_tag_list_naming_people_is_not_a_byline() -> None:
    article = parse(
        f"<h1>{HEADLINE}</h1>{STORY}<div class='tags'>Tags: <a href='/tag/ann-lee'>Ann Lee</a>, "
        "<a href='/tag/harbour'>Harbour</a></div>"
    )
    assert article.byline == ""
