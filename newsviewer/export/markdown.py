"""Markdown: a file per story; front matter, quotations and highlights marked, notes as footnotes.

Written for note-taking tools (Obsidian, Logseq, plain folders): YAML front matter,
``==highlight==`` (the common highlight extension) with the note as a footnote,
quotations in bold-italic-free ``“…”`` followed by the speaker in a footnote-like
``[— Speaker]`` tag, and images saved beside the text in ``images/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from newsviewer.domain import BLOCKQUOTE, HEADING, LIST_ITEM, PREFORMATTED, Block, StoredFigure
from newsviewer.export.bundle import Bundle
from newsviewer.export.images import extension
from newsviewer.export.spans import Run, story_parts

# Characters that would start Markdown syntax when they open a line or sit in text.
_ESCAPE = re.compile(r"([\\`*_\[\]<>#|=~])")


def escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def front_matter(bundle: Bundle) -> str:
    a = bundle.article
    data: dict[str, object] = {"title": a.title}
    for key, value in (
        ("site", a.site),
        ("url", a.url),
        ("byline", a.byline),
        ("authors", list(a.authors)),
        ("published", a.published.isoformat() if a.published else ""),
        ("saved", a.imported_at.isoformat()),
        ("language", a.language),
        ("tags", list(bundle.tags)),
    ):
        if value:
            data[key] = value
    data["read"] = bundle.marks.read
    data["starred"] = bundle.marks.starred
    data["archived"] = bundle.marks.archived
    data["newsviewer_id"] = a.id
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


def story_markdown(bundle: Bundle, image_names: dict[int, str]) -> str:
    """The Markdown text of one story; ``image_names`` maps figure ids to relative paths."""
    a = bundle.article
    out = [front_matter(bundle), f"# {escape(a.title)}\n"]
    if a.summary:
        out.append(f"*{escape(a.summary)}*\n")
    meta = " · ".join(
        x for x in (a.byline, a.site, a.published.date().isoformat() if a.published else "") if x
    )
    if meta:
        out.append(escape(meta) + "\n")
    notes: list[str] = []

    def figure_markdown(figure: StoredFigure) -> str | None:
        lines = []
        if figure.id in image_names:
            lines.append(f"![{escape(figure.alt)}]({image_names[figure.id]})")
        caption = " — ".join(x for x in (figure.caption, figure.credit) if x)
        if caption:
            lines.append(f"*{escape(caption)}*")
        return "\n".join(lines) + "\n" if lines else None

    def block_markdown(block: Block, block_runs: list[Run]) -> str:
        text = []
        for run in block_runs:
            piece = escape(run.text)
            if run.highlight is not None:
                piece = f"=={piece}=="
                if run.highlight_ends and run.highlight.note:
                    notes.append(run.highlight.note)
                    piece += f"[^{len(notes)}]"
            text.append(piece)
        line = "".join(text).replace("====", "")
        if block.kind == HEADING:
            return f"## {line}\n"
        if block.kind == BLOCKQUOTE:
            return "> " + line.replace("\n", "\n> ") + "\n"
        if block.kind == LIST_ITEM:
            return f"- {line}\n"
        if block.kind == PREFORMATTED:
            return "```\n" + block.text + "\n```\n"
        return line + "\n"

    out.extend(story_parts(a, bundle.highlights, figure_markdown, block_markdown))
    if a.quotes:
        out.append("## Quotations\n")
        for q in a.quotes:
            who = q.speaker or "unattributed"
            if q.role:
                who += f" ({q.role})"
            out.append(f"> “{escape(q.text)}”\n> — {escape(who)}\n")
    if bundle.highlights:
        out.append("## Highlights\n")
        for h in bundle.highlights:
            out.append(
                f"- =={escape(h.text)}== ({h.colour})" + (f": {escape(h.note)}" if h.note else "")
            )
        out.append("")
    if notes:
        out.append("\n".join(f"[^{n}]: {escape(note)}" for n, note in enumerate(notes, 1)) + "\n")
    return "\n".join(out)


def slug(title: str, limit: int = 60) -> str:
    words = re.sub(r"[^\w\s-]", "", title.casefold()).split()
    return "-".join(words)[:limit].strip("-") or "story"


def write_markdown(bundles: Iterable[Bundle], path: Path) -> int:
    """One story to ``PATH.md``, or each story to ``PATH/NNNN-slug.md``; images in ``images/``.

    Returns the number of stories written.
    """
    items = list(bundles)
    single = path.suffix.lower() == ".md" and len(items) == 1
    folder = path.parent if single else path
    folder.mkdir(parents=True, exist_ok=True)
    for bundle in items:
        a = bundle.article
        names: dict[int, str] = {}
        for number, (figure_id, image) in enumerate(bundle.images.items(), 1):
            name = f"images/{a.id}-{number}{extension(image.mime)}"
            (folder / "images").mkdir(exist_ok=True)
            (folder / name).write_bytes(image.data)
            names[figure_id] = name
        target = path if single else folder / f"{a.id:06d}-{slug(a.title)}.md"
        target.write_text(story_markdown(bundle, names), encoding="utf-8")
    return len(items)
