"""Whose names a saved page's byline gives: markup bylines and the names in them."""

from __future__ import annotations

import lxml.html

from newsviewer.html.byline_markup import markup_bylines
from newsviewer.html.bylines import display_byline, person_names
from newsviewer.html.metadata import read_metadata

_STORY = "<p>The council voted on Tuesday to rebuild the harbour wall before winter.</p>"


def bylines(body: str) -> list[str]:
    html = f"<!DOCTYPE html><html><head><title>Harbour</title></head><body>{body}</body></html>"
    return markup_bylines(lxml.html.document_fromstring(html))


def test_author_links_in_a_menu_without_nav_tag_are_not_the_byline() -> None:
    found = bylines(
        '<div id="UH-1-TopNav"><ul class="nav-sub-links">'
        '<li><a href="/blogs/author/andy-serwer/">Andy Serwer</a></li></ul></div>'
        f'<article><div class="author"><a class="author-link" href="/u/bs">Ben Silverman</a>'
        f"</div>{_STORY}</article>"
    )
    assert found == ["Ben Silverman"]


def test_author_page_link_inside_a_sentence_is_a_mention() -> None:
    found = bylines(
        '<article><p><a href="/people/prince/">Prince</a> was married when he died and wanted'
        " all of his money to go to his wife, according to a court filing.</p>"
        '<div class="byline">Coast News Staff</div></article>'
    )
    assert found == ["Coast News Staff"]


def test_tag_list_of_people_is_not_the_byline() -> None:
    found = bylines(
        f'<article class="post tag-harbour">{_STORY}'
        '<section class="tag-cloud"><a href="/people/prince/">Prince</a></section>'
        '<p class="byline">By Maria Lopez</p></article>'
    )
    assert found == ["By Maria Lopez"]


def test_name_after_by_leaves_out_the_paper_and_date() -> None:
    found = bylines(
        '<div class="article_byline"><div>By <span>Joe Davidson</span></div>'
        "<div><div>Washington Post</div><time>Dec 13, 2016</time></div></div>"
    )
    assert found == ["Joe Davidson"]


def test_link_to_an_editors_page_is_a_byline() -> None:
    found = bylines(
        f'<div class="meta"><a href="/about/editors/jon-fingas/">Jon Fingas</a></div>{_STORY}'
    )
    assert found == ["Jon Fingas"]


def test_editor_credit_is_not_an_author() -> None:
    assert person_names(["Written by Rob Ewaschuk Edited by Betsy Beyer"]) == ("Rob Ewaschuk",)


def test_names_in_brackets_and_full_width_lists() -> None:
    assert person_names(["[ 田中宏昌， ITmedia]"], "ITmedia PC USER") == ("田中宏昌",)
    assert person_names(["《KT》"]) == ("KT",)


def test_agency_acronym_is_not_a_person_but_initials_are() -> None:
    assert person_names(["AFP"]) == ()
    assert person_names(["ASCII"]) == ()
    assert person_names(["KT"]) == ("KT",)
    assert person_names(["GILLIAN MOHNEY"]) == ("GILLIAN MOHNEY",)


def test_og_prefixed_article_author_is_read() -> None:
    html = (
        '<html><head><meta property="og:article:author" content="Harbour Desk"></head>'
        f"<body>{_STORY}</body></html>"
    )
    meta = read_metadata(lxml.html.document_fromstring(html))
    assert meta.author_candidates == [["Harbour Desk"]]


def test_display_byline_leaves_out_buttons_counts_and_addresses() -> None:
    assert display_byline(["Oli Coleman", "View author archive", "Get author RSS feed"]) == (
        "Oli Coleman"
    )
    assert display_byline(["Michael Larabel", "51 Comments"]) == "Michael Larabel"
    assert display_byline(["Lucas Nolan", "651"]) == "Lucas Nolan"
    assert display_byline(["Mike Cason | mcason@al.com"]) == "Mike Cason"
    assert display_byline(["Natasha Daly • 8 min read"]) == "Natasha Daly"


def test_display_byline_drops_a_date_run_on_after_the_name() -> None:
    assert display_byline(["By GILLIAN MOHNEY March 11, 2015 3:46 PM"]) == "GILLIAN MOHNEY"
    assert display_byline(["谢若含 2017-03-01 14:27:02"]) == "谢若含"


def test_inverted_names_with_initials_and_particles_are_people() -> None:
    names = person_names(["Kooman, F. and Jong, Michiel de"])
    assert names == ("F. Kooman", "Michiel de Jong")
    # The display keeps the page's bibliographic form.
    assert display_byline(["Kooman, F.", "Jong, Michiel de"]) == "Kooman, F. and Jong, Michiel de"


def test_degrees_urls_and_weekdays_are_not_names() -> None:
    assert person_names(["By Brenda Goodman, MA"]) == ("Brenda Goodman",)
    assert person_names(["Bradley M. Kuhn (http://ebb.org/bkuhn/)"]) == ("Bradley M. Kuhn",)
    assert person_names(["Joe Wee Monday; February 6, 2017"]) == ("Joe Wee",)
