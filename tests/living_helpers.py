"""Stories for the tests of tags, marks, highlights and export."""

from __future__ import annotations

import struct
import zlib
from datetime import datetime, timedelta, timezone

from newsviewer.domain import Article, ArticleId, Block, Figure, Quote
from newsviewer.library import Library


def _png() -> bytes:
    """A real 2x2 PNG: e-book checkers decode the images they are given."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x80\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = _png()
NEW_YORK = timezone(timedelta(hours=-5))


def story(number: int, *, site: str = "NBC News", image: bool = True) -> Article:
    body = (
        Block("p", f"Story {number}: Secretary of State John Kerry pledged support."),
        Block("blockquote", "We will stand with the government of Iraq."),
        Block("p", "Kerry said the U.S. will not consider sending troops. Again, no troops."),
    )
    quote_text = "We will stand with the government of Iraq."
    start = len(body[0].text) + 2
    return Article(
        format="text",
        title=f"Kerry rules out troops, part {number}",
        summary="Kerry pledges support, but no troops.",
        byline="By Andrea Mitchell",
        authors=("Andrea Mitchell",),
        published=datetime(2014, 1, 5, 9, 30, tzinfo=NEW_YORK) + timedelta(days=number),
        site=site,
        url=f"https://example.invalid/kerry-{number}",
        language="en",
        blocks=body,
        figures=(
            Figure(
                caption="Gunmen patrol in Fallujah.",
                credit="Reuters",
                alt="Gunmen",
                src="images/fallujah.png",
                image=PNG if image else None,
                mime="image/png" if image else None,
                position=1,
            ),
        ),
        quotes=(
            Quote(
                quote_text,
                "John Kerry",
                "Kerry",
                "said",
                start,
                start + len(quote_text),
                "Secretary of State",
            ),
        ),
    )


def fill(library: Library, count: int, **kwargs: object) -> list[ArticleId]:
    ids: list[ArticleId] = []
    for n in range(count):
        _status, new_id = library.add(
            story(n, **kwargs),  # type: ignore[arg-type]
            source_path=f"/tmp/story-{n}.txt",
            original=f"original {n} {kwargs}".encode(),
        )
        ids.append(new_id)
    return ids
