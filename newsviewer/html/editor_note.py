"""An editor's note set in italics as a link just before the story's first paragraph.

Translated and reprinted stories open with a note that points to the original ("Link to
the original (posted 2019/02/16)", "This story first appeared in The Atlantic"), set in
italics, in the story's own container, and made a link. The extractor drops a paragraph
that is all link as a menu entry, so the note that says where the story comes from, and
when it was first published, would be lost. It is put back as the story's opening line.

Only a note in the story's own container counts (the paragraph just before the first
one, under the same parent), and only one set wholly in italics, as notes are: a bare
link there ("Related: ...", "Listen to this story") is left to the extractor.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsviewer.html.placement import TEXT_TAGS, text_key
from newsviewer.html.sanitize import clean_text

# A note is a line or two; a longer italic paragraph of links is a list of them.
_NOTE_CHARS = 200
_ITALIC = ("em", "i")


def editor_note(root: HtmlElement, first_text: str) -> str:
    """The italic note linked just before the paragraph ``first_text``, or "".

    ``root`` is the page as parsed.
    """
    first = text_key(first_text)
    if not first:
        return ""
    for el in root.iter(*TEXT_TAGS):
        if text_key(el.text_content()) == first:
            return _note_before(el)
    return ""


def _note_before(el: HtmlElement) -> str:
    before = el.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    if before is None or before.tag != "p" or el.tag != "p":
        return ""
    text = clean_text(before.text_content())
    if not text or len(text) > _NOTE_CHARS:
        return ""
    links = list(before.iter("a"))
    if len(links) != 1 or clean_text(links[0].text_content()) != text:
        return ""
    outermost = [
        e for e in before.iter(*_ITALIC) if not any(True for _ in e.iterancestors(*_ITALIC))
    ]
    in_italics = "".join(clean_text(e.text_content()) for e in outermost)
    if in_italics.replace(" ", "") != text.replace(" ", ""):
        return ""
    return text
