"""Text the page hides from its reader does not reach the story; a story hidden for a
script to reveal is still read."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from newsviewer.domain import Article
from newsviewer.html.hidden import drop_hidden
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

_STORY = "".join(
    f"<p>Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next.</p>"
    for i in range(1, 7)
)
_SECRET = "Readers in the north can hear the whole debate on the local radio station tonight"


def parse(body: str) -> Article:
    html = (
        "<!DOCTYPE html><html><head><title>Harbour wall to be rebuilt</title></head>"
        f"<body>{body}</body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=html.encode()))


def story_text(body: str) -> str:
    return "\n".join(b.text for b in parse(body).blocks)


def test_each_way_of_hiding_keeps_text_out_of_the_story() -> None:
    for opening in (
        "<div hidden>",
        '<div style="display: none">',
        '<div style="color: red; VISIBILITY:hidden">',
        '<div aria-hidden="true">',
    ):
        text = story_text(
            f"<article>{_STORY[:300]}{opening}<p>{_SECRET}</p></div>{_STORY}</article>"
        )
        assert _SECRET not in text, opening
        assert "Paragraph 6 of the story" in text


def test_a_shown_element_with_a_style_is_kept() -> None:
    shown = f'<div style="display: block; color: gray"><p>{_SECRET}</p></div>'
    assert _SECRET in story_text(f"<article>{_STORY}{shown}{_STORY}</article>")


def test_a_story_hidden_until_a_script_reveals_it_is_read() -> None:
    text = story_text(f'<nav>Home News Sport</nav><article style="display:none">{_STORY}</article>')
    assert "Paragraph 1 of the story" in text
    assert "Paragraph 6 of the story" in text


def test_text_after_a_hidden_element_stays() -> None:
    root = lxml.html.fromstring(
        f"<html><body>{_STORY}<p>Before<span hidden>{_SECRET}</span> and after</p></body></html>"
    )
    drop_hidden(root)
    assert root.findall(".//p")[-1].text_content() == "Before and after"


def test_a_picture_hidden_from_screen_readers_stays() -> None:
    # A decoration for assistive technology, but the reader sees it.
    root = lxml.html.fromstring(
        f'<html><body><figure><img aria-hidden="true" src="a.jpg"></figure>{_STORY}</body></html>'
    )
    drop_hidden(root)
    assert root.find(".//img") is not None


def test_a_saved_web_application_keeps_what_its_panels_hide() -> None:
    # Dozens of hidden panels: which one shows is the script's choice, not the markup's.
    panels = "".join(f"<div hidden><span>Panel {i} menu</span></div>" for i in range(60))
    root = lxml.html.fromstring(
        f"<html><body>{panels}<div hidden><p>{_SECRET}</p></div>{_STORY}</body></html>"
    )
    drop_hidden(root)
    assert _SECRET in root.text_content()
