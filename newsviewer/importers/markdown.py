"""Markdown articles (.md, .markdown), with optional YAML front matter."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from newsviewer.domain import (
    BLOCKQUOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    PREFORMATTED,
    Article,
    Block,
    Figure,
)
from newsviewer.errors import ParseError
from newsviewer.html import assets
from newsviewer.html.bylines import display_byline, person_names
from newsviewer.html.dates import parse_date
from newsviewer.html.figures import split_inline_credit
from newsviewer.html.sanitize import clean_preformatted, clean_text, plain_text
from newsviewer.importers.base import SourceFile
from newsviewer.text.decoding import decode_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:---[ \t]*\r?\n|#{1,6} \S)")


class MarkdownImporter:
    """Body from markdown-it tokens; images become figures, local ones with their bytes."""

    name = "markdown"
    extensions: tuple[str, ...] = (".md", ".markdown", ".mdown", ".mkd")

    def sniff(self, head: bytes) -> bool:
        return bool(_SNIFF.match(head))

    def parse(self, source: SourceFile) -> Article:
        text, _ = decode_text(source.data)
        front, body, warning = _split_front_matter(text)
        md = MarkdownIt("commonmark", {"html": False})
        tokens = md.parse(body)
        blocks, levels, figures = _walk(tokens, source)
        title = _text(front.get("title"))
        if not title and 1 in levels:
            # The first level-1 heading is the headline, not part of the body.
            i = levels.index(1)
            title = blocks[i].text
            blocks = blocks[:i] + blocks[i + 1 :]
            figures = [_shift(f, i) for f in figures]
        if not blocks:
            raise ParseError("no article text found")
        authors_raw = _people(front.get("authors", front.get("author")))
        site = _text(front.get("site") or front.get("publisher"))
        published = _date(front.get("date") or front.get("published"))
        return Article(
            format="markdown",
            title=title or blocks[0].text[:120],
            summary=_text(front.get("summary") or front.get("description")),
            byline=display_byline(authors_raw),
            authors=person_names(authors_raw, site),
            published=published,
            published_inferred=False,
            site=site,
            url=_text(front.get("url") or front.get("canonical_url")),
            language=_text(front.get("lang") or front.get("language")),
            blocks=tuple(blocks),
            figures=tuple(figures),
            warnings=(warning,) if warning else (),
        )


# Front matter is a handful of fields; anchors and aliases have no use in it, and
# a few of them can stand for a document of gigabytes (the "billion laughs").
_MAX_FRONT_MATTER_CHARS = 64 * 1024
_MAX_ALIASES = 16
# PyYAML's scanner takes time in the square of nested flow collections ("[[[[...":
# 3,000 of them take a second, 60,000 ten minutes); real front matter has a few.
_MAX_FLOW_OPENERS = 256


class _FrontMatterLoader(yaml.SafeLoader):  # type: ignore[misc]
    """PyYAML's safe loader (plain data only), with few aliases allowed."""

    aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > _MAX_ALIASES:
                raise yaml.YAMLError(f"more than {_MAX_ALIASES} aliases")
        return super().compose_node(parent, index)


def _split_front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """Front matter as a dict, the body, and a warning when the front matter was ignored."""
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, ""
    body = text[match.end() :]
    if len(match.group(1)) > _MAX_FRONT_MATTER_CHARS:
        return {}, body, "the front matter is too long and was ignored"
    if match.group(1).count("[") + match.group(1).count("{") > _MAX_FLOW_OPENERS:
        return {}, body, "the front matter is nested too deeply and was ignored"
    try:
        data = yaml.load(match.group(1), Loader=_FrontMatterLoader)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, body, f"the front matter could not be read and was ignored ({reason})"
    if not isinstance(data, dict):
        return {}, text, ""
    return {str(k).lower(): v for k, v in data.items()}, body, ""


def _walk(tokens: list[Token], source: SourceFile) -> tuple[list[Block], list[int], list[Figure]]:
    """Blocks, the heading level of each block (0 for none), and figures."""
    blocks: list[Block] = []
    levels: list[int] = []
    figures: list[Figure] = []
    kinds: list[str] = []  # open containers: blockquote / list item
    heading_level = 0
    for token in tokens:
        if token.type == "blockquote_open":
            kinds.append(BLOCKQUOTE)
        elif token.type == "list_item_open":
            kinds.append(LIST_ITEM)
        elif token.type in ("blockquote_close", "list_item_close"):
            kinds.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type in ("fence", "code_block"):
            _add(blocks, levels, PREFORMATTED, clean_preformatted(token.content))
        elif token.type == "inline":
            text, images = _inline(token.children or [])
            for image in images:
                figures.append(_figure(image, source, len(blocks)))
            if heading_level:
                _add(blocks, levels, HEADING, text, heading_level)
                heading_level = 0
            else:
                _add(blocks, levels, kinds[-1] if kinds else PARAGRAPH, text)
    return blocks, levels, figures


def _add(blocks: list[Block], levels: list[int], kind: str, text: str, level: int = 0) -> None:
    if text:
        blocks.append(Block(kind=kind, text=text))
        levels.append(level)


def _inline(children: list[Token]) -> tuple[str, list[Token]]:
    parts: list[str] = []
    images: list[Token] = []
    for child in children:
        if child.type == "image":
            images.append(child)
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return clean_text("".join(parts)), images


def _figure(token: Token, source: SourceFile, position: int) -> Figure:
    src = str(token.attrs.get("src") or "")
    alt = clean_text("".join(c.content for c in token.children or []))
    caption, credit = split_inline_credit(clean_text(str(token.attrs.get("title") or "")))
    loaded = assets.load_image(src, source.path)
    return Figure(
        caption=caption,
        credit=credit,
        alt=alt,
        src="" if src.startswith("data:") else src,
        image=loaded[0] if loaded else None,
        mime=loaded[1] if loaded else None,
        position=position,
    )


def _shift(figure: Figure, removed: int) -> Figure:
    if figure.position <= removed:
        return figure
    return replace(figure, position=figure.position - 1)


def _text(value: Any) -> str:
    return plain_text(str(value)) if value is not None and not isinstance(value, dict) else ""


def _people(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if name is not None and _text(name):
            names.append(_text(name))
    return names


def _date(value: Any) -> datetime | None:
    # YAML reads an unquoted 2024-05-01 as a date and a full timestamp as a datetime.
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        return parse_date(value)
    return None
