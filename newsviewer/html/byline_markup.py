"""Bylines written in a page's markup: byline/author class names, rel=author, author links.

Used when the page's metadata names no person. The first byline element in document
order is the story's own as a rule; later ones belong to teasers and comment threads.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsviewer.html.bylines import interface_text
from newsviewer.html.folded import FoldedPattern
from newsviewer.html.sanitize import clean_text

_BYLINE_CLASS = FoldedPattern(r"by-?line|author|writer|contributor|posted-?by")
# Parts of an author box that are not the byline itself: biographies, pictures,
# follow/share buttons, job titles.
_NOT_BYLINE_CLASS = FoldedPattern(
    r"bio|avatar|image|img|photo|picture|thumb|social|follow|share|twitter|mail|"
    r"desc|title|role|job|position|about|more|flyout|popup|tooltip|comment"
)
# Links to an author's page: /author/name, /people/name, /staff/name, /profile/name.
_AUTHOR_HREF = FoldedPattern(
    r"/(?:authors?|people|staff|profiles?|writers?|contributors?|editors?)/"
)
# Containers of text that never holds the story's byline.
_OUTSIDE = {"nav", "footer", "aside", "form"}
# A class token that names such a section ("comments", "related-stories", "sidebar");
# tokens like "with-sidebar" on a page wrapper describe the layout, not the section.
_OUTSIDE_CLASS = FoldedPattern(
    r"^(?:comments?|related|recommend\w*|teasers?|promo\w*|sidebar)(?:[-_]|$)"
    # Tag lists link the people a story is about to their pages ("tag-cloud", "topics").
    # Whole tokens only: WordPress marks a post tagged "x" with the class "tag-x".
    r"|^(?:\w+[-_])?(?:tags?|tag-?cloud|tags?-?list|topics?|keywords?)$"
    # Menus set without <nav>: "nav-sub-links", "navigation", "UH-1-TopNav", "dropdown".
    r"|(?:^|[-_])(?:top|main|site|sub|global)?nav(?:bar|igation)?(?:[-_]|$)|^(?:menu|dropdown)"
)
# A link to an author page inside running text mentions the person ("<a
# href=/people/prince>Prince</a> was married when he died"); a byline link is most of
# the text around it (a name beside a date). Share of the parent's text the link must
# hold once that text is sentence-long (longer than a name, a date and a label).
_MIN_LINK_SHARE = 0.5
_SENTENCE_CHARS = 80
# Byline elements hold a few names; longer text is a bio box or a whole article.
_MAX_BYLINE_CHARS = 200
# Text of a link read as a name: a few words.
_MAX_NAME_WORDS = 5
# Elements looked at before giving up; bylines sit near the top of the story.
_MAX_CANDIDATES = 12


def markup_bylines(root: HtmlElement) -> list[str]:
    """Author strings of the first byline element of the page that names someone.

    Account menus ("Account and Profile" linking to /profile/) come before the story's
    byline on many pages; an element holding only such interface text is passed over.
    A desk ("by BWW News Desk") is the story's byline: the search stops there, and
    the people linked further down (/people/ tags of the story's subjects) are not taken.
    """
    seen = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if not _is_byline(el) or _excluded(el):
            continue
        seen += 1
        found = _names_in(el)
        if found and not all(interface_text(v) for v in found):
            return found
        if seen >= _MAX_CANDIDATES:
            break
    return []


def _is_byline(el: HtmlElement) -> bool:
    if el.tag in ("html", "body", "article", "main", "meta", "link", "script", "img"):
        return False
    if "author" in (el.get("itemprop") or "").split():
        return True
    if el.tag == "a":
        rel = (el.get("rel") or "").lower().split()
        if "author" in rel:
            return True
        if _AUTHOR_HREF.search(el.get("href") or ""):
            return not _mention(el)
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:  # most elements: no need to build the text
        return False
    marks = f"{cls or ''} {ident or ''}"
    return _BYLINE_CLASS.search(marks) and not _NOT_BYLINE_CLASS.search(marks)


def _mention(link: HtmlElement) -> bool:
    parent = link.getparent()
    if parent is None:
        return False
    own = len(clean_text(link.text_content()))
    around = len(clean_text(parent.text_content()))
    return around > _SENTENCE_CHARS and own / around < _MIN_LINK_SHARE


def _excluded(el: HtmlElement) -> bool:
    for a in el.iterancestors():
        if a.tag in _OUTSIDE:
            return True
        if a.tag in ("body", "html"):
            break
        tokens = f"{a.get('class') or ''} {a.get('id') or ''}".split()
        if any(_OUTSIDE_CLASS.match(t) for t in tokens):
            return True
    return False


def _names_in(el: HtmlElement) -> list[str]:
    text = _text(el)
    if not text or len(text) > _MAX_BYLINE_CHARS:
        return []
    named = [
        e
        for e in el.iter()
        if isinstance(e.tag, str) and e is not el and "name" in (e.get("itemprop") or "").split()
    ]
    links = [e for e in el.iter("a") if e is not el]
    after_by = [e for e in el.iter() if isinstance(e.tag, str) and e is not el and _after_by(e)]
    for group in (named, links, after_by):
        names = []
        for e in group:
            value = e.get("content") or _text(e)
            if value and len(value.split()) <= _MAX_NAME_WORDS and value not in names:
                names.append(value)
        if names:
            return names
    return [text]


# The word that introduces the name, at the end of the text before an element.
_BY_BEFORE = re.compile(r"(?:^|\s)(?:by|par|von|por|door)\s*:?\s*$", re.I)


def _after_by(el: HtmlElement) -> bool:
    """ "By <span>Name</span>": the element set right after the word "By" holds the name.

    What follows the name in the same box (the paper's name, a date) is not the name.
    """
    previous = el.getprevious()
    if previous is not None:
        before = previous.tail or ""
    else:
        parent = el.getparent()
        before = (parent.text or "") if parent is not None else ""
    return bool(_BY_BEFORE.search(before))


def _text(el: HtmlElement) -> str:
    """Visible text without dates and job titles set in their own elements."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not _skipped(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return clean_text(" ".join(parts))


def _skipped(el: HtmlElement) -> bool:
    if el.tag in ("time", "script", "style", "img", "svg", "button"):
        return True
    return _NOT_BYLINE_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}")
