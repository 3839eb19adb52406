"""Site furniture that text scrapes carry along: banners, share buttons, cookie notices."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Whole lines that are never part of a story, compared case-insensitively after
# trimming trailing punctuation. Each comes from a real scrape.
_KNOWN_LINES = frozenset(
    s.lower()
    for s in (
        "IE 11 is not supported. For an optimal experience visit our site on another browser",
        "Advertisement",
        "Story continues below advertisement",
        "Continue reading the main story",
        "Continue reading below",
        "Scroll to continue with content",
        "Read more",
        "Read More",
        "Read full article",
        "Read the full story",
        "Share",
        "Share this",
        "Share this article",
        "Share this story",
        "Share this with",
        "Share on Facebook",
        "Share on Twitter",
        "Share via Email",
        "Email",
        "Facebook",
        "Twitter",
        "Print",
        "Tweet",
        "Copy link",
        "Link copied",
        "Sign up",
        "Subscribe",
        "Skip to content",
        "Skip to main content",
        "Skip Advertisement",
        "Related",
        "Related Topics",
        "Related content",
        "More on this story",
        "Top stories",
        "Most read",
        "Comments",
        "Close",
        "Menu",
        "Search",
        "Media playback is unsupported on your device",
        "This video can not be played",
        "Watch",
        "Listen",
        "Play video",
    )
)

# Lines recognised by their shape; only short lines qualify, a story sentence is longer.
_GENERIC = re.compile(
    r"""^(?:
        (?:we|this\ site)\ use[s]?\ cookies.*
      | by\ (?:using|continuing\ to\ use)\ (?:this|our)\ (?:site|website).*
      | (?:accept|manage)\ (?:all\ )?cookies.*
      | sign\ up\ (?:for|to)\ .*
      | subscribe\ (?:to|now|for)\b.*
      | (?:follow|like)\ us\ on\ .*
      | share\ (?:on|via|this)\ .*
      | click\ here\ .*
      | (?:read|see)\ (?:more|also)\s*:.*
      | (?:related|more)\s*:.*
      | (?:copyright|©)\ .*all\ rights\ reserved.*
      | all\ rights\ reserved.*
      | (?:this|the)\ (?:article|story)\ (?:was|has\ been)\ (?:updated|amended).{0,40}
      | download\ (?:the|our)\ .*app.*
      | get\ (?:the|our)\ .*newsletter.*
      | \d+\ comments?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Generic rules judge only lines up to this many words: furniture is short.
_GENERIC_MAX_WORDS = 16
# Never drop more than this share of a story's characters by the shape rules; past it
# the "furniture" is more likely a story about cookies or newsletters.
_MAX_DROP_SHARE = 0.2

_TRAILING = " \t.!:;|»›>·•-–—"


def _key(line: str) -> str:
    return line.strip().rstrip(_TRAILING).strip().lower()


def is_known_boilerplate(line: str) -> bool:
    """True for a line from the table of known banner and footer lines."""
    return _key(line) in _KNOWN_LINES


def looks_like_boilerplate(line: str) -> bool:
    """True for a known line or a short line shaped like site furniture."""
    if is_known_boilerplate(line):
        return True
    text = line.strip()
    if not text or len(text.split()) > _GENERIC_MAX_WORDS:
        return False
    return _GENERIC.match(text) is not None


def furniture_mask(lines: Sequence[str]) -> list[bool]:
    """For each line, True when it is furniture to drop.

    Known lines always go; shape-matched lines go only while their total stays within
    ``_MAX_DROP_SHARE`` of the text, so a story is never gutted.
    """
    total = sum(len(s.strip()) for s in lines) or 1
    budget = total * _MAX_DROP_SHARE
    mask: list[bool] = []
    for line in lines:
        size = len(line.strip())
        if is_known_boilerplate(line):
            mask.append(True)
        elif size and looks_like_boilerplate(line) and size <= budget:
            budget -= size
            mask.append(True)
        else:
            mask.append(False)
    return mask


def drop_boilerplate(lines: Sequence[str]) -> list[str]:
    """The lines that are not furniture, in order."""
    return [line for line, drop in zip(lines, furniture_mask(lines), strict=True) if not drop]
