"""Pages whose markup is damaged or unusual still import with their story."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsviewer.importers.html as html_importer
from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.html.body import Body
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import BY_FALLBACK, HtmlImporter

PARAGRAPHS = [
    "The harbour wall that collapsed in the January storms will be rebuilt by the end of "
    "next year, the council said on Tuesday, after engineers finished their survey.",
    "Work will start in the spring, when the weather allows boats to bring stone from the "
    "quarry across the bay, and the road along the front will stay closed until then.",
    "Fishermen who moor inside the wall said the winter had cost them dearly and asked for "
    "the moorings to be repaired first, before the tourist season begins in earnest.",
]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def parse(markup: str) -> Article:
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=markup.encode()))


def page(body: str, head: str = "<title>Harbour wall to be rebuilt</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def assert_story(article: Article) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text


def test_a_form_wrapping_the_whole_page_keeps_the_story() -> None:
    article = parse(
        page(
            '<form id="mainForm" action="page.aspx" method="post"><div class="main">'
            f"<h1>Harbour wall to be rebuilt</h1>{STORY}</div>"
            '<input type="hidden" name="state" value="x"></form>'
        )
    )
    assert_story(article)


def test_a_form_wrapping_only_the_story_column_keeps_the_story() -> None:
    menu = "".join(f"<li><a href='/s{i}'>Section {i} of the site</a></li>" for i in range(80))
    article = parse(
        page(
            f"<ul>{menu}</ul>"
            '<form action="comment.asp"><table><tr><td><input type="submit" value="Print">'
            f"<h1>Harbour wall to be rebuilt</h1>{STORY}{STORY}</td></tr></table></form>"
            f"<ul>{menu}</ul>"
        )
    )
    assert_story(article)


def test_a_search_form_beside_the_story_is_still_dropped() -> None:
    article = parse(
        page(
            "<form><label>Search the archive of every story we ever published</label>"
            '<input name="q"></form>'
            f"<article><h1>Harbour wall to be rebuilt</h1>{STORY}</article>"
        )
    )
    assert_story(article)
    assert "archive" not in article.text


def test_an_element_left_open_in_noscript_does_not_swallow_the_story() -> None:
    article = parse(
        page(
            '<noscript><div class="notice">Please enable JavaScript'
            f"<article><h1>Harbour wall to be rebuilt</h1>{STORY}</article>"
        )
    )
    assert_story(article)


def test_a_title_never_closed_does_not_take_the_page_into_the_window_title() -> None:
    article = parse(
        "<html><head><title>Harbour wall to be rebuilt\n<meta charset=utf-8></head>"
        f"<body><article><h1>Harbour wall to be rebuilt</h1>{STORY}</article></body></html>"
    )
    assert_story(article)
    assert article.title == "Harbour wall to be rebuilt"


def test_references_to_control_characters_do_not_fail_the_page() -> None:
    broken = STORY.replace("council said", "council&#11; said").replace("bay,", "bay&#x3;,")
    article = parse(page(f"<article><h1>Harbour wall</h1>{broken}&#039;</article>"))
    assert "council said" in " ".join(article.text.split())
    assert not any(ord(c) < 32 and c not in "\n\t" for c in article.text)


def test_an_xml_declaration_cut_short_does_not_fail_the_page() -> None:
    article = parse('<?xml version="1.0" encoding="utf-8' + page(f"<article>{STORY}</article>"))
    assert_story(article)


def test_a_story_the_extraction_misses_is_read_by_a_fallback_and_marked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The main extraction finding nothing, as it does on layouts it does not know.
    monkeypatch.setattr(html_importer, "extractor_body", lambda *a, **k: Body())
    article = parse(page(f"<div><h1>Harbour wall to be rebuilt</h1>{STORY}</div>"))
    assert_story(article)
    assert BY_FALLBACK in article.warnings


def test_a_page_without_text_is_refused() -> None:
    with pytest.raises(ParseError, match="no article text found"):
        parse(page("<div><img src='logo.png' alt=''></div><div> </div>"))


def test_text_set_after_a_paragraph_outside_any_paragraph_is_kept() -> None:
    first, second, third = PARAGRAPHS
    article = parse(
        page(
            f"<article><h1>Harbour wall to be rebuilt</h1><span><p>{first}</p>"
            f"<p>{second}</p> {third}</span></article>"
        )
    )
    assert [b.text for b in article.blocks] == PARAGRAPHS


def test_a_lede_set_in_bold_beside_the_paragraphs_is_kept() -> None:
    first, second, third = PARAGRAPHS
    article = parse(
        page(
            f"<div><h1>Harbour wall to be rebuilt</h1><!-- lede --><b>{first}</b>"
            f"<p>{second}<p>{third}</div>"
        )
    )
    assert [b.text for b in article.blocks] == PARAGRAPHS


def test_a_row_of_links_beside_the_paragraphs_is_not_made_a_paragraph() -> None:
    links = " ".join(f'<a href="/s{i}">Section number {i}</a>' for i in range(6))
    article = parse(page(f"<div>{links}<h1>Harbour wall</h1>{STORY}</div>"))
    assert "Section number" not in article.text


def test_a_story_after_a_second_html_tag_is_read_as_a_browser_shows_it() -> None:
    # The parser starts a second top-level element for what follows "</html><html>";
    # a browser shows it in the body, so the story there is not refused as empty.
    article = parse(
        "<html><head><title>Harbour wall to be rebuilt</title></head></html>"
        f"<html><head><title>Other</title></head><body><article>{STORY}</article></body></html>"
    )
    assert_story(article)
    assert article.title == "Harbour wall to be rebuilt"


def test_text_after_the_closing_html_tag_joins_the_end_of_the_story() -> None:
    first, last = STORY.rsplit("<p>", 1)
    article = parse(page(f"<div>{first}</div>") + f"<html><body><div><p>{last}</div></body></html>")
    assert_story(article)
    assert article.text.index(PARAGRAPHS[0]) < article.text.index(PARAGRAPHS[-1])
