"""What pages set below a story (rights notice, article tools, comment prompts, lists of
other stories) is not imported with it; a story's own last lines are."""

from __future__ import annotations

from pathlib import Path

from newsviewer.domain import PARAGRAPH, Article, Block
from newsviewer.html.trailer import trailer_start
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

_PARAGRAPHS = [
    f"Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next in the town."
    for i in range(1, 7)
]
_STORY = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)


def parse(body: str) -> Article:
    html = (
        "<!DOCTYPE html><html><head><title>Harbour wall to be rebuilt</title></head>"
        f"<body>{body}</body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=html.encode()))


def blocks(*texts: str) -> list[Block]:
    return [Block(kind=PARAGRAPH, text=t) for t in texts]


def no_links(text: str) -> bool:
    return False


def test_rights_notice_tools_and_teasers_below_the_story_are_dropped() -> None:
    trailer = (
        "<p>Copyright 2008 The Daily Example. All rights reserved. This material may not "
        "be published, broadcast, rewritten or redistributed.</p>"
        "<p>E-mail to a friend</p><p>Reader views (2)</p>"
        "<p>I have lived by that wall all my life and never seen it so bad.</p>"
        "<p>Other Stories</p><p>Ferry fares to rise in spring</p>"
        "<p>Lifeboat crew honoured for winter rescue off the point</p>"
    )
    article = parse(f"<article>{_STORY}{trailer}</article>")
    assert [b.text for b in article.blocks] == _PARAGRAPHS


def test_a_signature_right_below_the_story_is_kept() -> None:
    # A short line with no furniture below it may be the story's own (a signature).
    article = parse(f"<article>{_STORY}<p>Sincerely,</p><p>Ann Lee</p></article>")
    assert [b.text for b in article.blocks][-2:] == ["Sincerely,", "Ann Lee"]


def test_a_tool_line_inside_the_story_does_not_end_it() -> None:
    middle = "<p>Print this story</p>"
    article = parse(f"<article>{_STORY}{middle}{_STORY}</article>")
    texts = [b.text for b in article.blocks]
    assert texts[-1] == _PARAGRAPHS[-1]
    assert len(texts) >= 2 * len(_PARAGRAPHS)


def test_a_paragraph_ending_in_a_tool_s_words_is_the_story_s() -> None:
    last = _PARAGRAPHS[-1] + " E-mail to a friend"
    assert trailer_start(blocks(*_PARAGRAPHS[:-1], last), no_links) == len(_PARAGRAPHS)


def test_labels_among_furniture_go_and_link_entries_count_as_furniture() -> None:
    links = {"Weather", "Ferry fares to rise in spring"}
    texts = [*_PARAGRAPHS, "Story tools", "Weather", "Ferry fares to rise in spring"]
    assert trailer_start(blocks(*texts), lambda t: t in links) == len(_PARAGRAPHS) + 1
    texts = [*_PARAGRAPHS, "© 2008 The Daily Example", "Story tools", "Search"]
    assert trailer_start(blocks(*texts), no_links) == len(_PARAGRAPHS)


def test_a_paragraph_without_spaces_is_no_teaser() -> None:
    # Japanese has no spaces between words: its paragraphs are measured by their width.
    paragraph = "港の防波堤は来年の春までに再建されると町議会は火曜日の会合で決定した。" * 3
    texts = [paragraph, paragraph, "Comments", paragraph]
    assert trailer_start(blocks(*texts), no_links) == len(texts)
    teaser = "港の防波堤が再建へ"
    texts = [paragraph, paragraph, "Comments", teaser, teaser]
    assert trailer_start(blocks(*texts), no_links) == 2


def test_a_sub_head_in_the_story_is_no_list_heading() -> None:
    # "Other Stories" heads a list; "More delays ahead" heads the story's next part.
    short = [f"Short paragraph {i} of the story's second part." for i in range(1, 4)]
    texts = [*_PARAGRAPHS, "More delays ahead", *short]
    assert trailer_start(blocks(*texts), no_links) == len(texts)
    texts = [*_PARAGRAPHS, "Other Stories", *short]
    assert trailer_start(blocks(*texts), no_links) == len(_PARAGRAPHS)


def test_dated_entries_of_a_list_below_the_story_are_dropped() -> None:
    texts = [
        *_PARAGRAPHS,
        "January 15, 2008 Ferry fares to rise in spring",
        "Posted by: Ann | January 14, 2008 07:20 PM",
        "15.01.08 19:45 | Lifeboat crew honoured for winter rescue",
    ]
    assert trailer_start(blocks(*texts), no_links) == len(_PARAGRAPHS)
    # A story's last sentence with a date in it is the story's.
    texts = [*_PARAGRAPHS, "The wall will reopen on January 15, 2008."]
    assert trailer_start(blocks(*texts), no_links) == len(texts)
