"""HTML: one self-contained page, images embedded as ``data:`` URIs, no scripts.

The page opens anywhere offline: styles inline, every image inside the file, no
link fetched. Quotations are ``<q>`` with the speaker as a tooltip; highlights are
``<mark>`` in their colour with the note as a tooltip and listed under the story.
The same story markup serves the EPUB chapters (``story_body``), which must be
XHTML: every attribute quoted, every element closed.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from functools import partial
from html import escape
from pathlib import Path

from newsviewer.domain import (
    BLOCKQUOTE,
    HEADING,
    LIST_ITEM,
    PREFORMATTED,
    Block,
    FigureId,
    StoredFigure,
)
from newsviewer.export.bundle import Bundle
from newsviewer.export.spans import Run, story_parts

STYLE = """
body { font: 17px/1.55 Georgia, serif; max-width: 40em; margin: 2em auto; padding: 0 1em;
  color: #222; background: #fff; }
h1 { font-size: 1.8em; line-height: 1.2; } .standfirst { font-size: 1.15em; color: #444; }
.meta, figcaption, .tags { color: #666; font-size: .9em; } img { max-width: 100%; height: auto; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; }
q.quote { background: #eef3fb; } q.quote::before, q.quote::after { content: none; }
mark { padding: 0 .1em; } mark.yellow { background: #fff3a0; } mark.green { background: #c9f2c0; }
mark.blue { background: #cde4ff; } mark.pink { background: #ffd1e3; }
mark.purple { background: #e4d4ff; } article { margin-bottom: 4em; }
.note { font-size: .9em; color: #555; } nav li { margin: .3em 0; }
@media (prefers-color-scheme: dark) { body { color: #ddd; background: #1e1e1e; }
  q.quote { background: #263248; } mark { color: #111; } .meta, figcaption { color: #aaa; } }
"""


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def story_body(bundle: Bundle, image_src: Callable[[FigureId], str | None]) -> str:
    """The ``<article>`` of one story; ``image_src`` gives each figure's address or None."""
    a = bundle.article
    out = [f'<article id="story-{a.id}">', f"<h1>{escape(a.title)}</h1>"]
    if a.summary:
        out.append(f'<p class="standfirst">{escape(a.summary)}</p>')
    meta = [escape(x) for x in (a.byline, a.site) if x]
    if a.published:
        # Whole seconds: HTML's datetime allows at most three digits of a second, and
        # epubcheck refuses a page's six-digit microseconds.
        when = a.published.isoformat(timespec="seconds")
        meta.append(f'<time datetime="{when}">{a.published:%-d %b %Y}</time>')
    else:
        meta.append(f"Saved {a.imported_at:%-d %b %Y}")
    if a.url:
        meta.append(f'<a href="{escape(a.url)}">original</a>')
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    if bundle.tags:
        out.append(f'<p class="tags">Tags: {escape(", ".join(bundle.tags))}</p>')
    notes = 0

    def figure_html(figure: StoredFigure) -> str | None:
        parts = ["<figure>"]
        src = image_src(figure.id)
        if src is not None:
            parts.append(f'<img src="{escape(src)}" alt="{escape(figure.alt)}"/>')
        caption = " ".join(
            x
            for x in (
                escape(figure.caption),
                f'<span class="credit">{escape(figure.credit)}</span>' if figure.credit else "",
            )
            if x
        )
        if caption:
            parts.append(f"<figcaption>{caption}</figcaption>")
        parts.append("</figure>")
        return "".join(parts) if len(parts) > 2 else None

    def block_html(block: Block, block_runs: list[Run]) -> str:
        nonlocal notes
        pieces = []
        for run in block_runs:
            piece = escape(run.text)
            if run.quote is not None:
                who = run.quote.speaker or "unattributed"
                if run.quote.role:
                    who += f", {run.quote.role}"
                piece = f'<q class="quote" title="{escape(who)}">{piece}</q>'
            if run.highlight is not None:
                h = run.highlight
                title = f' title="{escape(h.note)}"' if h.note else ""
                piece = f'<mark class="{escape(h.colour)}"{title}>{piece}</mark>'
                if run.highlight_ends and h.note:
                    notes += 1
                    piece += f'<sup><a href="#note-{a.id}-{notes}">{notes}</a></sup>'
            pieces.append(piece)
        text = "".join(pieces)
        tag = {HEADING: "h2", BLOCKQUOTE: "blockquote", LIST_ITEM: "li", PREFORMATTED: "pre"}
        name = tag.get(block.kind, "p")
        if name == "li":
            return f"<ul><li>{text}</li></ul>"
        if name == "blockquote":
            return f"<blockquote><p>{text}</p></blockquote>"
        return f"<{name}>{text}</{name}>"

    out.extend(story_parts(a, bundle.highlights, figure_html, block_html))
    if bundle.highlights:
        out.append('<section class="highlights"><h2>Highlights</h2><ul>')
        number = 0
        for h in bundle.highlights:
            anchor = ""
            if h.note and h.placed:
                number += 1
                anchor = f' id="note-{a.id}-{number}"'
            note = f'<br/><span class="note">{escape(h.note)}</span>' if h.note else ""
            out.append(
                f'<li{anchor}><mark class="{escape(h.colour)}">{escape(h.text)}</mark>{note}</li>'
            )
        out.append("</ul></section>")
    out.append("</article>")
    return "\n".join(out)


def write_html(bundles: Iterable[Bundle], path: Path, title: str = "NewsViewer export") -> int:
    """All stories in one page, with a table of contents when there are several."""
    items = list(bundles)
    bodies = []
    for bundle in items:
        bodies.append(story_body(bundle, partial(_src, bundle)))
    toc = ""
    if len(items) > 1:
        entries = "".join(
            f'<li><a href="#story-{b.article.id}">{escape(b.article.title)}</a></li>' for b in items
        )
        toc = f"<nav><h1>{escape(title)}</h1><ol>{entries}</ol></nav>"
    page_title = items[0].article.title if len(items) == 1 else title
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        # No script may run and nothing may be fetched, even if a stored text tried.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'\"/>"
        f"<title>{escape(page_title)}</title><style>{STYLE}</style></head><body>\n"
        f"{toc}\n" + "\n".join(bodies) + "\n</body></html>\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return len(items)


def _src(bundle: Bundle, figure_id: FigureId) -> str | None:
    image = bundle.images.get(figure_id)
    return None if image is None else data_uri(image.data, image.mime)
