"""An italic note linking a translated story's original opens the story; a bare link
just before the first paragraph does not."""

from __future__ import annotations

from pathlib import Path

from newsviewer.domain import Article
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

_STORY = (
    "<p>The browser team is testing a mode that keeps every page fast by limiting how "
    "much script, style and image data a page may load before it is shown.</p>"
    "<p>The mode blocks large scripts, sets a budget for each kind of resource and "
    "turns off features that hold up the main thread while a page is loading.</p>"
    "<p>Developers can try the prototype by starting the browser with a flag, and the "
    "team asks for feedback on the limits before any of them are made final.</p>"
    "<p>It is not yet known when, or whether, the mode will ship to all users.</p>"
)


def _article(before: str) -> Article:
    html = (
        "<!DOCTYPE html><html><head><title>A never-slow mode</title></head><body>"
        f"<h1>A never-slow mode</h1><div class='article'>{before}{_STORY}</div>"
        "</body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=Path("news.html"), data=html.encode()))


def test_italic_link_to_the_original_opens_the_story() -> None:
    article = _article(
        "<p><a href='https://example.org/news/2019/02/never-slow'>"
        "<em>Link to the original (posted 2019/02/16)</em></a></p>"
    )
    assert article.blocks[0].text == "Link to the original (posted 2019/02/16)"
    assert article.blocks[1].text.startswith("The browser team is testing")


def test_bare_link_before_the_story_is_not_its_opening() -> None:
    article = _article("<p><a href='/related'>Related: browsers compared</a></p>")
    assert article.blocks[0].text.startswith("The browser team is testing")
