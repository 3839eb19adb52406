"""A work's credits listed by role just above its text ("著者 X イラスト Y").

Book, comic and feature pages list who wrote, drew, photographed or translated the
work as a definition list of roles and names, set right above the text. The extractor
drops the list as page furniture (each name is a link to the person's page), and a
byline holds names without their roles, so the illustrator or the translator would be
lost. The credits are part of the work as its page presents it: they open the story as
one line, in the page's own words.

A list counts only when every term is a role word and every description is short (a
name or two): a list of prices, ranks or menu entries is not credits. And it must stand
right above the story's first paragraph, with only headings between ("Synopsis"):
credits in a sidebar or under another item are not this story's.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsviewer.html.placement import TEXT_TAGS, text_key

# Role words, English, Japanese, Chinese, German, French and Spanish, compared after
# a trailing colon and case are dropped. A role is what a person did for the work; a
# term outside this list ("Price", "Category") means the list is not credits.
_ROLE = re.compile(
    r"(?:author|authors|writer|written by|text|words|story|by|illustrator|illustrations?|"
    r"drawings?|art|artist|photos?|photographs?|photography|photographer|pictures?|"
    r"images?|translator|translation|translated by|editor|edited by|interview|"
    r"著者|著|作者|作|原作|文|絵|画|作画|漫画|イラスト|写真|撮影|翻訳|訳|訳者|編集|監修|構成|"
    r"取材|インタビュー|图|摄影|译者|翻译|编辑|"
    r"autor|autorin|fotos?|illustrationen?|übersetzung|texte|auteur|auteure|traduction|"
    r"dessins?|texto|ilustraciones|traducción)",
    re.I,
)
_COLON = re.compile(r"\s*[:：]\s*$")
# Two roles at least: a lone "Author: Name" is the byline, which the header shows.
_MIN_ROLES = 2
# A list of more than this is a cast or a staff roll, kept or dropped by the extractor.
_MAX_ROLES = 6
# A name or two ("お米ゴハン", "Jane Doe and John Roe"); longer is a description.
_NAME_CHARS = 60
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def credit_line(root: HtmlElement, first_text: str) -> str:
    """The credits listed right above the paragraph ``first_text`` as one line, or "".

    ``root`` is the page as parsed.
    """
    for dl in root.iter("dl"):
        line = _credits(dl)
        if line and _stands_above(dl, text_key(first_text)):
            return line
    return ""


def _credits(dl: HtmlElement) -> str:
    terms = [c for c in dl if c.tag == "dt"]
    descriptions = [c for c in dl if c.tag == "dd"]
    if not _MIN_ROLES <= len(terms) <= _MAX_ROLES or len(terms) != len(descriptions):
        return ""
    parts: list[str] = []
    for term, description in zip(terms, descriptions, strict=True):
        role = " ".join(term.text_content().split())
        name = " ".join(description.text_content().split())
        if not name or len(name) > _NAME_CHARS or not _ROLE.fullmatch(_COLON.sub("", role)):
            return ""
        parts.append(f"{role} {name}")
    return " ".join(parts)


def _stands_above(dl: HtmlElement, first: str) -> bool:
    """Whether the next text after the list, headings aside, is the story's first."""
    if not first:
        return False
    for el in _following(dl):
        if el.tag in _HEADINGS or any(True for _ in el.iterancestors(*_HEADINGS)):
            continue
        own = el.text_content() if el.tag in TEXT_TAGS else (el.text or "")
        key = text_key(own)
        if key:
            return key == first
    return False


_FOLLOWING = etree.XPath("following::*")


def _following(el: HtmlElement) -> list[HtmlElement]:
    return [e for e in _FOLLOWING(el) if isinstance(e, HtmlElement)]
