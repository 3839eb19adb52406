"""The edges of an imported page's story: text outside any paragraph, a page of a few
short lines, code with line breaks, and link lists below the story."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from newsviewer.domain import PARAGRAPH, PREFORMATTED, Article, Block
from newsviewer.errors import ParseError
from newsviewer.html.body import body_from_xml
from newsviewer.html.tail import story_start
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

_STORY = "".join(
    f"<p>Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next.</p>"
    for i in range(1, 6)
)


def parse(body: str, title: str = "Harbour wall to be rebuilt") -> Article:
    html = f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=html.encode()))


def test_text_straight_in_the_extracted_body_is_a_paragraph() -> None:
    # The extractor's fallbacks hand back a page with bare text as the body's own text.
    root = etree.fromstring("<body>Bare text of the page<p>A paragraph</p>and after it</body>")
    texts = [b.text for b in body_from_xml(root).blocks]
    assert texts == ["Bare text of the page", "A paragraph", "and after it"]


def test_separator_between_paragraphs_is_not_a_paragraph() -> None:
    root = etree.fromstring("<body><p>One</p> | <p>Two</p></body>")
    assert [b.text for b in body_from_xml(root).blocks] == ["One", "Two"]


def test_a_page_of_one_word_is_imported() -> None:
    assert [b.text for b in parse("Test", title="").blocks] == ["Test"]


def test_a_page_of_short_lines_keeps_them_all() -> None:
    # Short lines above a story are labels; with no story below they are the page.
    article = parse('<a href="#"><p>abc</p><p>def</p>ghi</a>', title="Letters")
    assert [b.text for b in article.blocks] == ["abc", "def", "ghi"]


def test_labels_above_a_story_are_still_dropped() -> None:
    article = parse(f"<article><p>Opinion</p><p>Local</p>{_STORY}</article>")
    assert article.blocks[0].text.startswith("Paragraph 1")


def test_code_keeps_its_line_breaks() -> None:
    code = "<pre><code><span>int</span> add(int x)<br>{<br>  return x;<br>}</code></pre>"
    article = parse(f"<article>{_STORY}{code}{_STORY}</article>")
    pre = [b.text for b in article.blocks if b.kind == PREFORMATTED]
    assert pre == ["int add(int x)\n{\n  return x;\n}"]


def test_related_links_below_the_story_are_left_out() -> None:
    related = (
        '<p><a href="/a">Council approves new budget for the harbour</a></p>'
        '<p><a href="/b">Storm damage closes the coastal road</a></p>'
        '<p><a href="/c">More local news</a></p>'
    )
    article = parse(f"<article>{_STORY}{related}</article>")
    assert article.blocks[-1].text.startswith("Paragraph 5")


def test_a_last_paragraph_with_a_link_in_it_is_kept() -> None:
    last = (
        '<p>The full report is <a href="/r">on the council site</a> and the vote is '
        "expected in the spring, the clerk said on Tuesday.</p>"
    )
    article = parse(f"<article>{_STORY}{last}</article>")
    assert article.blocks[-1].text.startswith("The full report is on the council site")


def test_a_heading_inside_a_list_item_does_not_run_into_its_text() -> None:
    root = etree.fromstring(
        "<body><list><item><head>WebIDE</head><p>Develop apps</p></item></list></body>"
    )
    assert [b.text for b in body_from_xml(root).blocks] == ["WebIDE Develop apps"]


def test_a_page_of_nothing_but_a_menu_link_is_refused() -> None:
    with pytest.raises(ParseError, match="no article text found"):
        parse('<nav><a href="/">Home page</a></nav><form><input name="user"></form>')


def test_a_section_menu_and_a_date_line_above_the_story_are_left_out() -> None:
    root = lxml.html.document_fromstring(
        '<body><a href="/">Home</a> | <a href="/uk">UK</a> | <a href="/biz">Business</a>'
        "<p>The council voted to rebuild the wall, which <a href='/w'>fell</a> in May.</p></body>"
    )
    blocks = [
        Block(kind=PARAGRAPH, text="Home | UK | Business"),
        Block(kind=PARAGRAPH, text="Posted : Wed, 02 Jan 2008 11:54:05 GMT"),
        Block(kind=PARAGRAPH, text="The council voted to rebuild the wall, which fell in May."),
    ]
    assert story_start(blocks, root) == 2


def test_a_first_sentence_that_names_a_day_is_kept() -> None:
    root = lxml.html.document_fromstring("<body><p>Text</p></body>")
    blocks = [
        Block(kind=PARAGRAPH, text="On January 2, 2008 the council voted to rebuild the wall."),
        Block(kind=PARAGRAPH, text="Work starts in the spring."),
    ]
    assert story_start(blocks, root) == 0


def test_a_long_opening_made_of_links_is_kept() -> None:
    lines = [f"Line {i} of the song that the site annotates with a note" for i in range(6)]
    root = lxml.html.document_fromstring(
        "<body><p>"
        + " ".join(f'<a href="/n{i}">{t}</a>' for i, t in enumerate(lines))
        + "</p></body>"
    )
    blocks = [Block(kind=PARAGRAPH, text=" ".join(lines)), Block(kind=PARAGRAPH, text="About")]
    assert story_start(blocks, root) == 0


_REFRAIN = (
    "We shall not give up the harbour wall, we shall rebuild it stone by stone, "
    "said every speaker at the meeting."
)


def test_a_paragraph_the_page_prints_twice_is_kept_twice() -> None:
    # The extractor drops a block repeating the one before it; the page shows both.
    article = parse(f"<article>{_STORY}<p>{_REFRAIN}</p><p>{_REFRAIN}</p>{_STORY}</article>")
    texts = [b.text for b in article.blocks]
    assert texts.count(_REFRAIN) == 2
    at = texts.index(_REFRAIN)
    assert texts[at + 1] == _REFRAIN


def test_repeats_as_text_divs_with_a_widget_between_are_all_kept() -> None:
    widget = '<div class="share-buttons"><span>Like</span><span>Share</span></div>'
    repeats = f"<div>{_REFRAIN}</div>" * 2 + widget + f"<div>{_REFRAIN}</div>"
    article = parse(f"<article>{_STORY}{repeats}</article>")
    assert [b.text for b in article.blocks].count(_REFRAIN) == 3


def test_a_pull_quote_repeating_a_paragraph_is_not_doubled() -> None:
    # Printed twice in the page (once in the story, once set apart): kept twice at most.
    pull = f'<p class="pull">{_REFRAIN}</p>'
    article = parse(f"<article>{pull}{_STORY}<p>{_REFRAIN}</p>{_STORY}</article>")
    assert [b.text for b in article.blocks].count(_REFRAIN) <= 2
