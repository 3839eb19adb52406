"""The same story saved twice: the same address, or nearly the same words.

Each stored story gets a fingerprint: its canonical address (scheme, ``www.``,
tracking parameters, fragments and a trailing slash do not count) and a MinHash
sketch of its text, the 16 smallest hashes of its three-word shingles (bottom-k
MinHash, Broder 1997). Two stories whose sketches agree on most of the smallest
hashes of their union share most of their shingles: the same text with a changed
line, a different footer or another site's furniture. The sketch's hashes are
indexed (``simhash_bands``), so the stories to compare are found by a lookup
instead of a comparison with every story.

Nothing here drops a story: an import stores what it is given, and ``similar``
says which stories were already in the library, for the user to keep both or not.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsviewer.domain import Article, ArticleId

if TYPE_CHECKING:
    # The read side of the library: the repository, which stores fingerprints, is above.
    from newsviewer.library.reads import Reads

SKETCH = 16
# Shared share of the union's smallest hashes from which two texts are one story
# (an estimated Jaccard similarity of the shingle sets).
SAME_TEXT = 0.75
# Text read for the sketch: about 400 words, a whole news story's core.
SKETCH_CHARS = 2500
# Fewer words than this say too little to call two texts the same.
MIN_WORDS = 40
_WORD = re.compile(r"\w+")
# Query parameters that track the reader, not the page.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ocid|smid|s_cid)$")


def canonical_url(url: str) -> str:
    """The address without what varies between copies of one page ('' for none)."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.netloc:
        return url
    host = parts.hostname or ""
    host = host.removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/")
    # AMP copies of an article carry it under /amp or with ?amp.
    path = re.sub(r"/amp$", "", path)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    query = [(k, v) for k, v in query if k != "amp"]
    return urlunsplit(("", host, path, urlencode(sorted(query)), ""))


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


# Odd 64-bit multipliers mixing three word hashes into one shingle hash.
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_MASK = (1 << 64) - 1


def sketch(text: str) -> tuple[int, ...]:
    """The ``SKETCH`` smallest 64-bit hashes of the text's word shingles (signed); () if short.

    Each word is hashed once (CRC-32 in C) and a shingle's hash mixes its three words'
    hashes with integer arithmetic: joining and hashing every shingle's text cost
    as much as storing the story.
    """
    # The opening words are enough to tell a story, and bound the cost of a long one.
    words = _WORD.findall(text[:SKETCH_CHARS].casefold())
    if len(words) < MIN_WORDS:
        return ()
    h = [zlib.crc32(w.encode()) for w in words]
    a, b, c = _MIX
    hashes = {
        ((x * a) ^ (y * b) ^ (z * c)) & _MASK for x, y, z in zip(h, h[1:], h[2:], strict=False)
    }
    return tuple(_signed(v) for v in heapq.nsmallest(SKETCH, hashes))


def resemblance(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two texts from their sketches."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


FINGERPRINT_SQL = (
    "INSERT OR REPLACE INTO fingerprints (article_id, url_key, simhash) VALUES (?, ?, ?)"
)
BAND_SQL = "INSERT OR IGNORE INTO simhash_bands (band, article_id) VALUES (?, ?)"


def fingerprint_rows(
    article_id: int, article: Article
) -> tuple[tuple[int, str, int], list[tuple[int, int]]]:
    """A story's ``fingerprints`` row and its ``simhash_bands`` rows (band, article_id)."""
    marks = sketch(article.text)
    return (article_id, canonical_url(article.url), marks[0] if marks else 0), [
        (h, article_id) for h in marks
    ]


def store_fingerprint(cursor: sqlite3.Cursor, article_id: int, article: Article) -> None:
    """Record a new story's address and sketch (in the transaction that stores it)."""
    row, bands = fingerprint_rows(article_id, article)
    cursor.execute(FINGERPRINT_SQL, row)
    cursor.executemany(BAND_SQL, bands)


@dataclass(frozen=True, slots=True)
class Similar:
    """A story already in the library that an imported one repeats."""

    article_id: ArticleId
    reason: str  # "same address" | "same text"
    title: str


def find_similar(library: Reads, article_id: int) -> list[Similar]:
    """Stories already in the library that ``article_id`` repeats (see ``similar``)."""
    with library._raw_read() as conn:
        return similar(conn, article_id)


def similar(conn: sqlite3.Connection | sqlite3.Cursor, article_id: int) -> list[Similar]:
    """Other stories that are the same as ``article_id``: same address, or nearly same words.

    ``conn`` may be a write transaction's cursor (its statements run one after another):
    the import asks before committing a story whether it repeats one stored before.
    """
    row = conn.execute(
        "SELECT url_key FROM fingerprints WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return []
    found: dict[int, str] = {}
    if row[0]:
        for (other,) in conn.execute(
            "SELECT article_id FROM fingerprints WHERE url_key = ? AND article_id != ?",
            (row[0], article_id),
        ):
            found[other] = "same address"
    mine = [
        h
        for (h,) in conn.execute(
            "SELECT band FROM simhash_bands WHERE article_id = ? ORDER BY band", (article_id,)
        )
    ]
    if mine:
        marks = ", ".join("?" * len(mine))
        candidates = conn.execute(
            f"SELECT article_id, count(*) AS shared FROM simhash_bands WHERE band IN ({marks}) "
            "AND article_id != ? GROUP BY article_id ORDER BY shared DESC LIMIT 50",
            (*mine, article_id),
        ).fetchall()
        for other, shared in candidates:
            if other in found or shared < SKETCH * SAME_TEXT / 2:
                continue
            theirs = [
                h
                for (h,) in conn.execute(
                    "SELECT band FROM simhash_bands WHERE article_id = ?", (other,)
                )
            ]
            if resemblance(mine, theirs) >= SAME_TEXT:
                found[other] = "same text"
    if not found:
        return []
    marks = ", ".join("?" * len(found))
    titles = dict(
        conn.execute(f"SELECT id, headline FROM articles WHERE id IN ({marks})", tuple(found))
    )
    return [
        Similar(ArticleId(i), why, titles[i]) for i, why in sorted(found.items()) if i in titles
    ]
