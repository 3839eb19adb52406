"""Quoted text that nobody says: titles and headlines in quotation marks.

``quotes`` asks these before it takes a quotation for speech: a title a noun announces
("the film « … »"), a quoted headline with its byline, a run in title case, and the
single-quoted headlines of an outlet that quotes speech with double marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsviewer.text.lexicon import current, english_title_nouns
from newsviewer.text.marks import Span, mark_at
from newsviewer.text.speakers import words

_TITLE_CASE_SMALL = words("a an the of and or for in on at to by with from")


# A title announced by its noun stands within this many words before its opening mark.
_TITLE_REACH = 3
_TITLE_WORDS = 10
_TITLE_CHARS = 80  # enough for the three words before the mark


def announced_title(text: str, span: Span) -> bool:
    """True for a quotation that a noun announces as a title ("le film « … »", "the book
    “…”", "mit dem Titel „…“"), in the story's language."""
    quoted = text[span.start : span.end + 1].rstrip()
    if quoted[-1:] == "," and title_like(quoted[:-1]):
        quoted = quoted[:-1]  # "episode of “The Morning Show,” she said": a comma inside
    if quoted[-1:] in ".,;!?" or len(quoted.split()) > _TITLE_WORDS:
        return False  # a title ends without punctuation of its own and stays short
    lex = current()
    nouns = lex.title_nouns if lex is not None else english_title_nouns()
    at = mark_at(text, span.start)
    before = text[max(0, at - _TITLE_CHARS) : at].split()[-_TITLE_REACH:]
    # Written in lower case: "Dr. Paul Song “…”" is a name, not the noun "song"; German
    # writes every noun with a capital.
    if lex is not None and lex.capital_nouns:
        before = [w.lower() for w in before]
    if any(w.strip(",:") in nouns for w in before):
        return True
    # "said on CNN's “State of the Union.”", "told “Fox News Sunday”": a programme in
    # title case after "on" (and its network's name), its full stop inside the marks.
    named = quoted.rstrip(".,") if len(quoted.split()) >= 2 else ""
    broadcast = bool(before) and (
        before[-1] == "on" or (len(before) > 1 and before[-2] == "on" and _owner(before[-1]))
    )
    return broadcast and title_like(named) and named[:1].isupper()


def _owner(word: str) -> bool:
    return word[:1].isupper() and word.endswith(("'s", "’s"))


def doubles_quote(groups: Iterable[list[Span]]) -> bool:
    """True when the article's house style quotes speech with double marks.

    Such outlets keep single marks for headlines ("Trump slams ‘failing’ paper") and for
    quotations inside quotations; a single-quoted run outside any double-quoted one is
    then a headline or standfirst line, or a nested quotation whose outer marks were lost.
    """
    doubles = sum(1 for g in groups if g[0].double)
    return doubles > 0 and doubles >= sum(1 for g in groups if not g[0].double)


# The comma matters: "“…times” by God" and "“both nauseated and terrified” by Trump"
# are passive agents after speech; a headline's byline follows a comma.
_BYLINE_AFTER = re.compile(r"(?:,\s*[\"”’'»]|[\"”’'»]\s*,)\s*by\s+[A-Z]")


def bylined_title(text: str, span: Span) -> bool:
    """A quoted headline followed by its byline: "“Museum to close,” by Times' Ben Sisario"."""
    if not text[span.start : span.start + 1].isupper():
        return False  # "the “ugliness of utterances,” by Trump": a lowercase phrase is speech
    return _BYLINE_AFTER.match(text, span.end) is not None


def title_like(text: str) -> bool:
    """True for a title in quotation marks ("The Art of the Deal") rather than speech."""
    words = text.split()
    if not words or len(words) > 16:
        return False
    if all(w[:1].isupper() for w in words if w[:1].isalpha()) and len(words) >= 3:
        return True  # Headline Case Even For Small Words: a quoted headline
    if len(words) > 8 or text.rstrip()[-1:] in ".!?,":
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_CASE_SMALL for w in words)
