"""A story as plain text, and copies of original files for the desktop to open.

A saved web page handed to the browser as it was saved would run its scripts and load
its trackers: the copy opened is a sanitised one (no scripts, frames, forms, event
handlers or ``javascript:`` links) with a Content-Security-Policy that forbids scripts
and anything from the network, should something have slipped through.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newsviewer.domain import ArticleId, StoredArticle
from newsviewer.gui.reader import format_date

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from newsviewer.library import Library

# Suffixes of files a browser opens as a web page.
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht"})
# Elements that run code, embed other pages or send data; dropped with their content.
ACTIVE_TAGS = (
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "base",
    "portal",
)
# Nothing runs and nothing is fetched from the network; the page's own styles and its
# inline or local images still show.
CSP = (
    "default-src 'none'; img-src data: file:; style-src 'unsafe-inline' file:; "
    "font-src data: file:; media-src data: file:; form-action 'none'"
)
# URL schemes that run code when followed or loaded.
_ACTIVE_URL = re.compile(r"^(javascript:|vbscript:|data:text/html)", re.IGNORECASE)
# Browsers ignore these inside a scheme ("java\tscript:" runs).
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster")


def story_plain_text(article: StoredArticle) -> str:
    """Headline, standfirst, byline/source/date, body and link, separated by blank lines."""
    meta = " · ".join(x for x in (article.byline, article.site, format_date(article)) if x)
    parts = [article.title, article.summary, meta, article.text, article.url]
    return "\n\n".join(p for p in parts if p)


def show_about(parent: QWidget, library: Library | None) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        parent,
        "About NewsViewer",
        "<b>NewsViewer</b><p>Keeps news articles offline: import saved pages, text "
        "copies and Markdown, read them in a clean reader, search them fast.</p>"
        f"<p>Library: {library.path if library else 'opening…'}</p>",
    )


def is_web_page(name: str, data: bytes) -> bool:
    """Whether a browser would open this file as a page (by its name, or by its start)."""
    if Path(name).suffix.lower() in PAGE_SUFFIXES:
        return True
    start = data[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def sanitised_page(data: bytes) -> bytes:
    """The page without what runs or loads, with a policy forbidding both; UTF-8."""
    from lxml import etree, html

    parser = html.HTMLParser(remove_comments=True, remove_pis=True)
    root = html.document_fromstring(data, parser=parser)
    for node in list(root.iter(*ACTIVE_TAGS)):
        parent = node.getparent()
        if parent is not None:
            node.drop_tree()  # (keeps the text after it)
    for meta in list(root.iter("meta")):
        # A refresh can send the browser to any address.
        if (meta.get("http-equiv") or "").strip().lower() in {
            "refresh",
            "content-security-policy",
            "set-cookie",
        }:
            meta.drop_tree()
    for element in root.iter(etree.Element):
        for attribute in list(element.attrib):
            name = attribute.lower()
            value = element.attrib[attribute]
            if name.startswith("on") or (
                name in _URL_ATTRIBUTES
                and _ACTIVE_URL.match(_IGNORED_IN_SCHEME.sub("", value)) is not None
            ):
                del element.attrib[attribute]
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    policy = etree.Element("meta")
    policy.set("http-equiv", "Content-Security-Policy")
    policy.set("content", CSP)
    head.insert(0, policy)
    charset = etree.Element("meta")
    charset.set("charset", "utf-8")
    head.insert(0, charset)
    body: bytes = html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")
    return body


class OriginalFiles:
    """Originals written to a private temporary folder, removed with ``cleanup``."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def copy_of(self, library: Library, article: StoredArticle) -> Path | None:
        """A copy of ``article``'s original (kept in the library, else its file) to open."""
        original = library.original(article.id)
        source = Path(article.source_path)
        if original is None and source.is_file():
            try:
                original = (source.name, source.read_bytes())
            except OSError:
                return None
        return None if original is None else self.write(article.id, *original)

    def write(self, article_id: ArticleId, name: str, data: bytes) -> Path:
        """A copy of the original to open; a web page is sanitised (see the module)."""
        if is_web_page(name, data):
            data = sanitised_page(data)
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="newsviewer-")
        # One folder per story keeps the original file name without clashes.
        folder = Path(self._folder.name) / str(int(article_id))
        folder.mkdir(exist_ok=True)
        target = folder / (Path(name).name or f"story-{int(article_id)}")
        target.write_bytes(data)
        return target

    def cleanup(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
