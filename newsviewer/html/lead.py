"""Boilerplate that extractors keep above a story's first paragraph.

Section labels ("Fashion", "Business·Updated"), "Supported by", the headline and
its deck set as headings, "By Name" lines that repeat the byline, bare datelines.
Only blocks before the first real paragraph are looked at, and only short ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsviewer.domain import HEADING, LIST_ITEM, PARAGRAPH, Block
from newsviewer.html.dates import date_in_text
from newsviewer.html.text_keys import display_width, letters_key

# Leading blocks the trimmer may drop: a page's furniture above the story is a
# handful of lines; more than this and the "labels" are the story's own list.
_MAX_DROPPED = 8
# A label or prompt is a few words ("Fashion", "Supported by", "Threat Research")
# without a sentence's closing punctuation; the width bound is for CJK text, which
# has no spaces between words (a CJK character counts three: "スポンサード リンク" is a
# label, a 35-character clause is not).
_LABEL_WORDS = 4
_LABEL_CHARS = 40
# A heading longer than this above the first paragraph is kept: it is text.
_HEADING_CHARS = 300
# "By Name - Jan 9, 2017 at 10:05AM"; longer is a sentence that starts with "By".
_BYLINE_CHARS = 100
# A dateline alone: the date and a few words ("Updated", a time, a zone).
_DATELINE_WORDS = 8
_DATELINE_CHARS = 60
# A headline with a subtitle run on must itself be headline-sized to be recognised.
_MIN_HEADLINE_KEY = 12
# "Home > Section > Story" as one line.
_BREADCRUMB = re.compile(r"\s[>＞›»]\s|[＞›»]")
_BREADCRUMB_CHARS = 200
# "Highlights" boxes: a few one-sentence bullets above the story.
_KEY_POINTS = 4
_KEY_POINT_CHARS = 200
# Site and browser notices that pages print above a story: sign-up and notification
# prompts, keyboard and accessibility tips, a video player's hints, cookie and
# JavaScript warnings, an archive's "no longer updated" banner. Each is an interface
# phrase that a story's opening sentence would not use, and is looked for only in a
# short block above the first paragraph.
_NOTICE = re.compile(
    r"^not a member\b|\benable (?:push )?notifications\b|\bsend you (?:some )?reminders\b"
    r"|\baccessibility settings\b|\bkeyboard shortcuts\b|^skip to (?:the )?(?:main )?content\b"
    r"|^if playback doesn.t begin\b|\byour browser does(?:n.t| not) support\b"
    r"|\b(?:please )?enable javascript\b|\b(?:we|this (?:web)?site) uses? cookies\b"
    r"|\bhistorical material\b|\bno longer (?:being )?updated\b",
    re.I,
)
_NOTICE_CHARS = 250
# A teaser: the start of a paragraph further down, cut off with an ellipsis.
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")
_TEASER_MIN_KEY = 10
_TEASER_LOOKAHEAD = 4
# "Summary:", "Highlights:": a label that introduces what follows.
_LABEL_WITH_COLON = re.compile(r"^\w+(?: \w+)?:$")
_SENTENCE_END = re.compile(r"[.!?。！？…:]\W*$")
_BY = re.compile(r"^(by|par|von|por|door|di|de)\s", re.I)


def leading_boilerplate(blocks: list[Block], titles: Iterable[str], names: Iterable[str]) -> int:
    """How many of the first blocks are page furniture rather than the story.

    ``titles`` are the headline and the page's h1s, ``names`` the article's authors.
    The count stops at the first block that could be the story; all blocks are never
    dropped.
    """
    title_keys = {k for k in (letters_key(t) for t in titles) if k}
    surnames = [n.split()[-1].casefold() for n in names if n.split()]
    count = 0
    limit = min(_MAX_DROPPED, len(blocks) - 1)
    after_headline = False
    # Where the first block taken for a label stands: labels are furniture only above a
    # story, and a page whose every block is as short is made of such lines.
    first_label: int | None = None
    while count < limit:
        block = blocks[count]
        headline = _headline(block, title_keys)
        if (
            headline
            or _dateline(block.text)
            or _breadcrumb(block.text)
            or _notice(block.text)
            or _teaser(blocks, count)
            or (block.kind == LIST_ITEM and _key_points(blocks, count))
        ):
            pass
        elif block.kind == HEADING and after_headline:
            # The deck set right under the headline.
            if len(block.text) > _HEADING_CHARS:
                break
        elif _label(block):
            first_label = count if first_label is None else first_label
            # Section titles one after another are a document's outline, not a kicker.
            following = blocks[count + 1]
            if block.kind == HEADING and following.kind == HEADING and _label(following):
                break
            # A short list of short items is a set of links ("Back to the news list");
            # a long one is the story's own (ingredients, a line-up).
            if block.kind == LIST_ITEM and _list_run(blocks, count) > _KEY_POINTS:
                break
        elif not (block.kind == PARAGRAPH and _by_line(block.text, surnames)):
            break
        after_headline = headline
        count += 1
    if first_label is not None and _label(blocks[count]):
        return first_label
    return count


def _list_run(blocks: list[Block], index: int) -> int:
    """How many list items in a row the one at ``index`` stands among."""
    start = end = index
    while start > 0 and blocks[start - 1].kind == LIST_ITEM:
        start -= 1
    while end + 1 < len(blocks) and blocks[end + 1].kind == LIST_ITEM:
        end += 1
    return end - start + 1


def _headline(block: Block, title_keys: set[str]) -> bool:
    """The headline, or as a heading the headline with its subtitle run on (or the
    headline without the site name the title carries)."""
    key = letters_key(block.text)
    if key in title_keys:
        return True
    if block.kind != HEADING or len(key) < _MIN_HEADLINE_KEY:
        return False
    return any(
        key.startswith(t) or t.startswith(key) for t in title_keys if len(t) >= _MIN_HEADLINE_KEY
    )


def _teaser(blocks: list[Block], start: int) -> bool:
    """The opening of a paragraph shortly below, cut off with "..." (a list page's
    excerpt kept above the story): the story itself follows in full."""
    text = blocks[start].text
    if not _ELLIPSIS.search(text):
        return False
    key = letters_key(_ELLIPSIS.sub("", text))
    if len(key) < _TEASER_MIN_KEY:
        return False
    later = blocks[start + 1 : start + 1 + _TEASER_LOOKAHEAD]
    return any(letters_key(b.text).startswith(key) for b in later)


def _notice(text: str) -> bool:
    return len(text) <= _NOTICE_CHARS and _NOTICE.search(text) is not None


def _breadcrumb(text: str) -> bool:
    """ "Home > Events > Seminar": the path to the page, not its text."""
    return (
        len(_BREADCRUMB.findall(text)) >= 2
        and display_width(text) <= _BREADCRUMB_CHARS
        and not _SENTENCE_END.search(text)
    )


def _key_points(blocks: list[Block], start: int) -> bool:
    """A short list of bullet points above the first paragraph ("Highlights").

    The run of list items must be short, made of short items, and followed by a
    paragraph: a story that opens with a long list keeps it.
    """
    end = start
    while end < len(blocks) and blocks[end].kind == LIST_ITEM:
        end += 1
    if end - start > _KEY_POINTS or end >= len(blocks) or blocks[end].kind != PARAGRAPH:
        return False
    return all(display_width(b.text) <= _KEY_POINT_CHARS for b in blocks[start:end])


def _label(block: Block) -> bool:
    text = block.text
    return (
        block.kind in (PARAGRAPH, HEADING, LIST_ITEM)
        and display_width(text) <= _LABEL_CHARS
        and len(text.split()) <= _LABEL_WORDS
        and " | " not in text  # a table row
        and (not _SENTENCE_END.search(text) or _LABEL_WITH_COLON.match(text) is not None)
    )


def _by_line(text: str, surnames: list[str]) -> bool:
    folded = text.casefold()
    return bool(
        _BY.match(text) and len(text) <= _BYLINE_CHARS and any(s in folded for s in surnames)
    )


def _dateline(text: str) -> bool:
    return (
        len(text) <= _DATELINE_CHARS
        and len(text.split()) <= _DATELINE_WORDS
        and " | " not in text
        and date_in_text(text) is not None
    )
