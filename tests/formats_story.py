"""One news story, written out the way each producing program would hold it.

The format tests build their files from these pieces, so every format is checked
against the same headline, byline, date, body, figure and quotations.
"""

from __future__ import annotations

import struct
import zlib
from datetime import datetime

from newsviewer.domain import Article
from newsviewer.importers.pipeline import finish

TITLE = "Harbour wall to be rebuilt after winter storms"
SITE = "The Coastal Gazette"
AUTHOR = "Maria Lopez"
URL = "https://gazette.example/news/harbour-wall"
IMAGE_URL = "https://cdn.gazette.example/img/harbour.png"
CAPTION = "Waves broke through the wall in January."
CREDIT = "Photo: Ana Silva"
PARAGRAPHS = (
    "The council has approved a plan to rebuild the harbour wall at Port Alder after a "
    "series of winter storms left large sections of the old structure cracked and leaning.",
    '"We cannot let the sea take the harbour," said Tom Reed, the council leader, at a '
    "meeting on Tuesday evening attended by dozens of fishermen and their families.",
    "Engineers who surveyed the wall in February said the stonework could not be expected "
    "to survive another season of heavy weather without being taken down and rebuilt.",
    "Work is due to start in April and will take about eighteen months, with boats moved "
    "to a temporary mooring on the eastern side of the bay while the western arm is rebuilt.",
    "The cost of the project is estimated at four million pounds, shared between the "
    "council and the national flood fund, which approved its share last month.",
)


def png(width: int = 3, height: int = 2, shade: int = 90) -> bytes:
    """A real PNG image (grey pixels), as a browser would have saved one."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PHOTO = png()


def body_html(img_src: str = IMAGE_URL) -> str:
    """The story's body as article markup: a captioned figure, then the paragraphs."""
    paras = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<figure><img src="{img_src}" alt="The damaged wall" width="600" height="400">'
        f'<figcaption>{CAPTION} <span class="credit">{CREDIT}</span></figcaption></figure>\n'
        f"{paras}"
    )


def page_html(img_src: str = IMAGE_URL, extra_head: str = "") -> str:
    """A full news page as a browser saves it: metadata, navigation, the story, a footer."""
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head>{extra_head}
<meta charset="utf-8">
<title>{TITLE} | {SITE}</title>
<meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="{SITE}">
<meta property="og:url" content="{URL}">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{TITLE}",
 "datePublished": "2024-03-05T08:30:00+00:00",
 "author": [{{"@type": "Person", "name": "{AUTHOR}"}}],
 "publisher": {{"@type": "Organization", "name": "{SITE}"}}}}
</script>
<script>window.secret = "SCRIPT-SECRET";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article class="story">
<h1>{TITLE}</h1>
<p class="byline">By {AUTHOR}</p>
{body_html(img_src)}
</article>
<footer><p>Copyright 2024 {SITE}. All rights reserved.</p></footer>
</body></html>
"""


def assert_story(article: Article, *, published: datetime | None = None) -> Article:
    """The story as a reader should see it, with its quotation tied to its speaker."""
    done = finish(article)
    assert done.title == TITLE
    texts = [b.text for b in done.blocks]
    assert texts[0].startswith("The council has approved a plan")
    assert any(t.startswith("The cost of the project") for t in texts)
    assert "SCRIPT-SECRET" not in done.text
    if published is not None:
        assert done.published is not None
        if done.published.tzinfo and published.tzinfo:
            assert done.published == published
        else:
            assert done.published.replace(tzinfo=None) == published.replace(tzinfo=None)
    speakers = {q.speaker for q in done.quotes}
    assert "Tom Reed" in speakers, done.quotes
    return done


def assert_photo(article: Article) -> None:
    """The captioned photo with the bytes that were saved with the story."""
    figure = next(f for f in article.figures if f.caption)
    assert figure.caption == CAPTION
    assert figure.credit.endswith("Ana Silva")
    assert figure.image == PHOTO
    assert figure.mime == "image/png"
