"""A page's interface kept above the story (search tips, a video player's labels, a
menu of editions) is left out; a story that opens with its own data is not cut."""

from __future__ import annotations

import lxml.html

from newsviewer.domain import LIST_ITEM, PARAGRAPH, Block
from newsviewer.html.page_chrome import chrome_before_story

_STORY = [
    f"Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next."
    for i in range(1, 5)
]
_STORY_HTML = "<div class='story'>" + "".join(f"<p>{t}</p>" for t in _STORY) + "</div>"
_TIPS = ["Type ? for help", "Up next", "Live", "Upcoming", "You're signed out", "Got it"]


def start(lines: list[Block], page_top: str, description: str = "") -> int:
    root = lxml.html.document_fromstring(f"<html><body>{page_top}{_STORY_HTML}</body></html>")
    blocks = [*lines, *(Block(kind=PARAGRAPH, text=t) for t in _STORY)]
    return chrome_before_story(blocks, root, description)


def test_interface_lines_above_the_main_text_are_left_out() -> None:
    lines = [Block(kind=PARAGRAPH, text=t) for t in _TIPS]
    top = "<div>" + "".join(f"<span>{t}</span>" for t in _TIPS) + "</div>"
    assert start(lines, top) == len(_TIPS)


def test_a_menu_of_links_above_the_main_text_is_left_out() -> None:
    editions = ["Japan Edition", "Australia", "Asia", "China", "France", "Germany"]
    lines = [Block(kind=LIST_ITEM, text=t) for t in editions]
    top = "<ul>" + "".join(f"<li><a href='/{t}'>{t}</a></li>" for t in editions) + "</ul>"
    assert start(lines, top) == len(editions)


def test_a_video_page_starts_at_its_description() -> None:
    lines = [Block(kind=PARAGRAPH, text=t) for t in _TIPS]
    description = Block(kind=PARAGRAPH, text="Keynote by José Valim … more")
    root = lxml.html.document_fromstring(
        "<html><body><div>Up next</div><div>Keynote by José Valim</div></body></html>"
    )
    blocks = [*lines, description, Block(kind=PARAGRAPH, text="Find out why")]
    assert chrome_before_story(blocks, root, "Keynote by José Valim") == len(_TIPS)


def test_a_list_of_things_needed_above_the_steps_is_kept() -> None:
    things = ["Glass cloche", "Planter saucer", "Floral foam", "Ruler", "Spoon", "Moss"]
    lines = [Block(kind=LIST_ITEM, text=t) for t in things]
    top = "<ul>" + "".join(f"<li>{t}</li>" for t in things) + "</ul>"
    assert start(lines, top) == 0


def test_an_infobox_above_the_text_is_kept() -> None:
    rows = ["Industry | Software", "Founded | 1998", "Founder | Netscape", "Website | x.org"]
    lines = [Block(kind=PARAGRAPH, text=t) for t in [*rows, "Products | Suite", "Staff | 750"]]
    assert start(lines, "<table><tr><td>Industry</td><td>Software</td></tr></table>") == 0


def test_a_story_opening_with_a_long_paragraph_outside_its_container_is_kept() -> None:
    lead = (
        "The council voted on Tuesday to rebuild the harbour wall after a winter of storms "
        "that flooded the old town twice."
    )
    lines = [Block(kind=PARAGRAPH, text=t) for t in ["News", "Local", "Harbour", lead, "Share"]]
    assert start(lines, f"<p>{lead}</p>") == 0


def test_a_one_word_description_does_not_mark_where_the_story_starts() -> None:
    lines = [Block(kind=PARAGRAPH, text=t) for t in _TIPS]
    root = lxml.html.document_fromstring("<html><body><div>News</div></body></html>")
    blocks = [*lines, Block(kind=PARAGRAPH, text="Newsroom staff walked out on Friday.")]
    assert chrome_before_story(blocks, root, "News") == 0
