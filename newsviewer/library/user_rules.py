"""Rules of what the reader adds to stories: tag names, highlight colours and context.

Shared by the services (``tags``, ``highlights``) and by the storing path
(``article_extras``, which the repository calls inside the transaction that stores a
story): so this module imports nothing of the library.
"""

from __future__ import annotations

from newsviewer.domain import HIGHLIGHT_COLOURS
from newsviewer.errors import NewsViewerError

# Longer than any sensible label; stops a pasted paragraph becoming a tag.
MAX_TAG_LENGTH = 100

DEFAULT_COLOUR = HIGHLIGHT_COLOURS[0]
# Characters of context kept either side of a highlight: enough to tell apart repeated
# phrases.
CONTEXT = 32


class TagError(NewsViewerError):
    """A tag name that cannot be used, or a tag that does not exist."""


def clean_name(name: str) -> str:
    """The name as stored: trimmed, inner spaces collapsed. Raises ``TagError`` if unusable."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise TagError("a tag needs a name")
    if len(cleaned) > MAX_TAG_LENGTH:
        raise TagError(f"a tag name is at most {MAX_TAG_LENGTH} characters")
    return cleaned


def tag_key(name: str) -> str:
    return clean_name(name).casefold()
