"""The byline found in a page's markup when no metadata names the author."""

from __future__ import annotations

import lxml.html

from newsviewer.html.author_search import markup_author


def author(body: str) -> str | None:
    return markup_author(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))


def test_author_class_names_the_writer() -> None:
    assert author('<p>Intro</p><span class="author-name">Jane Doe</span>') == "Jane Doe"


def test_specific_markup_wins_over_a_generic_byline_earlier_in_the_page() -> None:
    found = author('<div class="byline">Staff Desk</div><a rel="author">Ana Silva</a>')
    assert found == "Ana Silva"


def test_a_writer_in_the_comments_or_sidebar_is_not_the_author() -> None:
    found = author(
        '<div class="sidebar"><span class="author">Other Writer</span></div>'
        '<div id="comments"><span class="author">Commenter Name</span></div>'
        '<div class="byline">Tom Reed</div>'
    )
    assert found == "Tom Reed"


def test_a_date_inside_the_byline_is_left_out() -> None:
    found = author('<div class="author">Maria Lopez <time>March 5, 2024</time></div>')
    assert found == "Maria Lopez"


def test_a_paragraph_marked_author_is_too_long_to_be_a_byline() -> None:
    bio = "Maria Lopez has covered the harbour, the council and the port for years. " * 3
    assert author(f'<div class="author">{bio}</div><span class="writer">Tom Reed</span>') == (
        "Tom Reed"
    )


def test_page_without_byline_markup_has_no_author() -> None:
    assert author('<div class="story"><p>Text of the story.</p></div>') is None
