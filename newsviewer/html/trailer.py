"""What pages set below a story, which extractors keep with it: the trailer.

After a story's last paragraph come its rights notice ("Copyright 2008 The Associated
Press. All rights reserved."), the article's tools ("E-mail to a friend | Print"), a
call to comment ("Post a comment", "Reader views (5)") and lists of other stories under
headings ("Related Articles", "Most Viewed", "Other Stories"). An extractor that takes
the story's whole container takes them too. The trailer is found by how it is worded
and shaped, never by a site's name:

- read up from the end, a run of such lines (link entries, furniture wording, list
  headings, dated entries of a list, and short labels between them) is the trailer;
  a short label right after the story with no furniture below it is kept (a
  signature, a credit);
- reading down, a line that opens a trailer (a rights notice, the article's tools, a
  call to comment, a list heading) cuts the text when all below it is short (teasers
  of other stories, their dates, readers' one-liners) or furniture, and is less than
  the text above it: one such line inside a story ("Print this story", then more
  paragraphs) does not end it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from newsviewer.domain import Block
from newsviewer.html.dates import date_in_text
from newsviewer.html.text_keys import display_width
from newsviewer.text.boilerplate import looks_like_boilerplate

# A rights notice in the languages of most pages; "may not be published, broadcast,
# rewritten or redistributed" is the wires' notice, "not responsible for the content
# of external sites" the note under a list of links.
_RIGHTS = (
    r"^\W*(?:copyright|©|\(c\)\s*\d{4})"
    r"|all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv[ée]s"
    r"|todos los derechos reservados|tutti i diritti riservati"
    r"|may not be (?:re)?published"
)
# The article's tools and calls to comment, at the opening of a line.
_TOOLS = (
    r"^\W*(?:e-?mail|print|share|send|save|bookmark|post|tweet) (?:this|it|to a friend)"
    r"|printable version|e-?mail (?:this )?(?:story |article )?to a friend"
    r"|^\W*(?:post|leave|add|write|submit|have) (?:a |your )?(?:comments?|say)\b"
    r"|\breader (?:views|comments)\b|^\W*\d+ comments?\W*$|we welcome your comments"
)
# Lines that open a trailer: a rights notice, the tools, a call to comment.
_OPENING = re.compile(f"{_RIGHTS}|{_TOOLS}", re.I)
# Furniture wording met anywhere in a trailer, beyond the lines that open one: site
# notices, links to follow, tag lines.
_FURNITURE = re.compile(
    f"{_RIGHTS}|{_TOOLS}"
    r"|reproduction (?:in whole or in part )?(?:without|is (?:strictly )?prohibited)"
    r"|not responsible for the content|terms (?:of (?:use|service)|and conditions)"
    r"|privacy policy|click here|sign up\b|subscribe\b"
    r"|^\W*(?:tags?|topics?|filed under|categories|keywords)\s*:",
    re.I,
)
# The heading of a list set below a story ("Related Articles", "More from Sport",
# "Most Viewed"); "Related: <a story's title>" inside a story is a link, not a heading.
_LIST_HEADING = re.compile(
    r"^\W*(?:related|more|other|latest|recent|top|popular|also on|see also"
    r"|most (?:popular|read|viewed|emailed|commented))\b",
    re.I,
)
# A heading that opens a trailer names a list: "Related", "Comments", "Most Viewed",
# "More from Sport", "Other Stories"; a story's sub-head ("More delays ahead",
# "Other voices") names none.
_OPENING_HEADING = re.compile(
    r"^\W*(?:related|comments|most (?:popular|read|viewed|emailed|commented)"
    r"|(?:more|other|latest) (?:from|in|on)"
    r"|(?:more|other|latest|recent|top)\b.*\b(?:stories|articles|news|headlines|links|posts"
    r"|videos|photos|galleries|features|coverage|columns|reviews|reports|blogs|opinion"
    r"|updates))\b[^:]*$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?。！？…:]\W*$")
# A time of day ("7:20 PM", "19:45") in an entry of a list.
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")

# Sizes in words; a CJK line, which has no spaces, is measured by its display width
# (see _within) so that a Japanese paragraph does not pass for a short line.
# Furniture wording counts in a line of at most this many words ...
_NOTICE_WORDS = 60
# ... anywhere in a line this short, else only among its first words (a paragraph
# that ends "... E-mail to a friend" is still the story's).
_SHORT_NOTICE_WORDS = 20
_OPENING_WORDS = 2
# A list's heading, and a label between furniture lines ("Story tools", "Weather").
_HEADING_WORDS = 6
_LABEL_WORDS = 4
# Below a trailer's opening line every line is at most this long (a teaser, a date, a
# reader's one-liner) or furniture; a story's paragraph is longer.
_TEASER_WORDS = 40
# An entry of a dated list (other stories, readers' comments: "January 15, 2008 Police
# make arrest", "Posted by: Ann | January 14, 2008 07:20 PM") is a line this short
# with a date or a time in it and no sentence's end.
_DATED_WORDS = 25
# Display width allowed per word.
_WIDTH_PER_WORD = 7


def trailer_start(blocks: Sequence[Block], is_link_entry: Callable[[str], bool]) -> int:
    """How many of ``blocks`` to keep: the first block of the trailer below the story.

    ``is_link_entry`` tells a block made mostly of the page's link text. The first
    block is always kept.
    """
    end = _run_at_end(blocks, is_link_entry)
    return _opened_below(blocks, end, is_link_entry)


def _run_at_end(blocks: Sequence[Block], is_link_entry: Callable[[str], bool]) -> int:
    """Start of the run of furniture (with labels between) that ends the blocks."""
    end = index = len(blocks)
    while index > 1:
        text = blocks[index - 1].text
        if _furniture(text, is_link_entry):
            index -= 1
            end = index
        elif _label(text):
            # Kept unless furniture stands above it too.
            index -= 1
        else:
            break
    return end


def _opened_below(blocks: Sequence[Block], end: int, is_link_entry: Callable[[str], bool]) -> int:
    """The first line that opens a trailer ending at ``end``, else ``end``."""
    # Up from the end, the lines a trailer may hold: short ones or furniture. The
    # opening line is at or below the last line that is neither.
    low = end
    while low > 1:
        text = blocks[low - 1].text
        if not _within(text, _TEASER_WORDS) and not _furniture(text, is_link_entry):
            break
        low -= 1
    # "low - 1" may itself open the trailer (a long rights notice).
    first = max(1, low - 1)
    above = sum(display_width(b.text) for b in blocks[:first])
    below = sum(display_width(b.text) for b in blocks[first:end])
    for index in range(first, end):
        size = display_width(blocks[index].text)
        if below <= above and _opens_trailer(blocks[index].text):
            return index
        above += size
        below -= size
    return end


def _furniture(text: str, is_link_entry: Callable[[str], bool]) -> bool:
    if is_link_entry(text) or looks_like_boilerplate(text):
        return True
    if _worded(text, _FURNITURE):
        return True
    if _SENTENCE_END.search(text):
        return False
    if _within(text, _HEADING_WORDS) and _LIST_HEADING.search(text) is not None:
        return True
    return _within(text, _DATED_WORDS) and (
        _TIME.search(text) is not None or date_in_text(text) is not None
    )


def _opens_trailer(text: str) -> bool:
    if _worded(text, _OPENING):
        return True
    return (
        _within(text, _LABEL_WORDS)
        and _OPENING_HEADING.search(text) is not None
        and not _SENTENCE_END.search(text)
    )


def _worded(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether the line is worded as furniture: the words anywhere in a short line,
    or opening a notice of a few sentences."""
    if not _within(text, _NOTICE_WORDS):
        return False
    match = pattern.search(text)
    if match is None:
        return False
    return _within(text, _SHORT_NOTICE_WORDS) or len(text[: match.start()].split()) <= (
        _OPENING_WORDS
    )


def _label(text: str) -> bool:
    return _within(text, _LABEL_WORDS) and not _SENTENCE_END.search(text)


def _within(text: str, words: int) -> bool:
    return len(text.split()) <= words and display_width(text) <= words * _WIDTH_PER_WORD
