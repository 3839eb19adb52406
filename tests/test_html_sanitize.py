"""Nothing that runs code survives the cleaning of a saved page."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from newsviewer.domain import Article
from newsviewer.html.sanitize import strip_unsafe
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter


def test_event_handlers_in_any_letter_case_are_removed() -> None:
    root = lxml.html.document_fromstring(
        '<html><body><p OnClick="steal()" ONMOUSEOVER="x()" title="kept">Text</p>'
        '<svg onload="y()"></svg><script>z()</script></body></html>'
    )
    strip_unsafe(root)
    attributes = [name for el in root.iter() for name in el.attrib]
    assert attributes == ["title"]
    assert root.find(".//script") is None
    assert root.findtext(".//p") == "Text"


def test_a_plug_in_leaves_the_content_it_gives_readers_without_it() -> None:
    root = lxml.html.document_fromstring(
        '<html><body><object data="player.swf" type="application/x-shockwave-flash">'
        '<param name="movie" value="player.swf"><param name="autoplay" value="true">'
        '<object data="player.swf"><a href="video.mp4"><img src="still.jpg"></a>'
        "<p>The mayor opens the new bridge.</p></object></object>"
        "<applet code='Clock.class'><param name='tz' value='UTC'>A clock.</applet>"
        "<p>Story.</p></body></html>"
    )
    strip_unsafe(root)
    assert root.find(".//object") is None and root.find(".//applet") is None
    assert root.find(".//param") is None
    assert [p.text for p in root.iter("p")] == ["The mayor opens the new bridge.", "Story."]
    assert root.find(".//img").get("src") == "still.jpg"
    assert "A clock." in root.text_content()


def test_a_video_player_s_description_for_readers_without_the_plug_in_is_imported() -> None:
    # A Flash player above the story holds, for browsers that cannot play it, a still
    # and the video's description: what a reader of the page sees today.
    described = "The council leader explains why the harbour wall must be rebuilt this year."
    player = (
        '<object width="620" height="362" type="application/x-shockwave-flash" '
        'data="player.swf"><param name="movie" value="player.swf">'
        '<div class="player"><a href="clip.mp4"><img src="still.jpg"></a>'
        f'<p class="caption">{described}</p></div></object>'
    )
    article = _import(f"<article><h1>Harbour wall to be rebuilt</h1>{player}{_STORY}</article>")
    # The still is shown above the story with the description under it.
    assert [(f.caption, f.position) for f in article.figures] == [(described, 0)]
    assert article.blocks[0].text.startswith("Paragraph 1")
    # Without a still, the description is the story's first line.
    without_still = player.replace('<img src="still.jpg">', "Watch")
    article = _import(f"<article>{without_still}{_STORY}</article>")
    assert article.blocks[0].text == described


_STORY = "".join(
    f"<p>Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next.</p>"
    for i in range(1, 6)
)


def _import(body: str) -> Article:
    html = f"<html><head><title>Harbour wall to be rebuilt</title></head><body>{body}</body></html>"
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=html.encode()))
