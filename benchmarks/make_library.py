"""Build a synthetic library of N stories for search and list benchmarks.

    python benchmarks/make_library.py 100000 /tmp/bench.sqlite3 [--seed 1]

Rows are the ones ``Library.add`` writes (same row builders, same triggers filling
every full-text index), many per transaction, so the file has exactly the shape
of a library filled by imports:
headline, standfirst, byline, a 400-1,200 word body with quotations, figures
with captions (a few with image bytes), the original bytes, and dates spread
over 2000-2025 across a handful of sites.

Words are drawn from a Zipf distribution over a vocabulary of common English
words followed by a long tail of made-up words, as in real text: a few words
occur in almost every story, most occur in a handful.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sqlite3
import sys
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import islice
from pathlib import Path, PurePath
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsviewer.domain import (
    Article,
    Block,
    Figure,
    Quote,
    block_offsets,
)
from newsviewer.library import Library, StoreRequest
from newsviewer.library.db import create_library_engine
from newsviewer.library.models import FTS_TABLES
from newsviewer.library.rows import (
    Inserts,
    article_row,
    content_hash,
    figure_rows,
    quotation_rows,
)

COMMON_TEXT = (
    "the of and to a in that is was he for it with as his on be at by i this had not are "
    "but from or have an they which one you were her all she there would their we him been "
    "has when who will more no if out so said what up its about into than them can only "
    "other new some could time these two may then do first any my now such like our over "
    "man me even most made after also did many before must through back years where much "
    "your way well down should because each just those people how too little state good "
    "very make world still own see men work long get here between both life being under "
    "never day same another know while last might us great old year off come since against "
    "go came right used take three government minister police city council election market "
    "president party court report company school health water energy war peace trade bank "
    "prices football team season club players coach match league film music festival"
)
SYLLABLES_TEXT = (
    "ka lo mi ra ten vor shu pel dan gri mo sta qui bel far nok zu ther wil ond ast "
    "ber cal dim eno fra gol hap isk jor kel lum mar nev opa pri rus sel tur ulf ven"
)
NAMES_TEXT = "Anna Ben Chloe David Elena Farid Grace Hiro Ines Jonas Kofi Lena Marco Nadia Omar"
SURNAMES_TEXT = "Adams Baker Costa Dubois Evans Fischer Garcia Haddad Ito Jensen Kowalski Lopez"
COMMON = COMMON_TEXT.split()
SYLLABLES = SYLLABLES_TEXT.split()
FIRST = NAMES_TEXT.split()
LAST = SURNAMES_TEXT.split()
SITES = ("BBC News", "The Guardian", "Reuters", "NBC News", "Le Monde", "Folha de São Paulo")
CUES = ("said", "told reporters", "added", "warned", "explained")
TINY_PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8  # 2 KB stand-in image

# Exponent of the Zipf law for word ranks: ~1 is what English text shows.
ZIPF_EXPONENT = 1.05
VOCABULARY_SIZE = 60_000
# Stories per transaction: large enough that commits cost nothing, small enough
# that memory stays flat.
BATCH = 10_000
# Stories per task handed to a worker: enough to amortise pickling.
CHUNK = 200
# Chunks made ahead of the writer: enough that neither process waits for the other.
IN_FLIGHT = 4
# One story-making process; this one writes. Two cores in the reference machine.
WORKERS = 1
# FTS5's buffer of pending words during the build: 64 MB per index keeps memory
# well under a gigabyte.
BULK_HASH = 64 << 20


def vocabulary(seed: int) -> tuple[list[str], np.ndarray]:
    """Words by rank and the cumulative Zipf weights to draw them with."""
    rng = random.Random(seed)
    words = list(COMMON)
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = 1.0 / np.arange(1, len(words) + 1, dtype=np.float64) ** ZIPF_EXPONENT
    cumulative = np.cumsum(weights)
    return words, cumulative / cumulative[-1]


class StoryMaker:
    """Stories of one seed; ``story(n)`` depends only on (seed, n), so workers can share."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.words, self.cumulative = vocabulary(seed)
        self.start = datetime(2000, 1, 1, tzinfo=UTC)
        self.span = (datetime(2025, 12, 31, tzinfo=UTC) - self.start).total_seconds()
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self._pool: list[str] = []
        self._word_array = np.array(self.words, dtype=object)

    def _draw(self, n: int) -> list[str]:
        # Drawing words one by one in Python was most of the old generator's time;
        # numpy draws a story's worth at once.
        if len(self._pool) < n:
            picks = np.searchsorted(self.cumulative, self.np_rng.random(max(n, 4096)))
            self._pool.extend(self._word_array[picks].tolist())
        drawn = self._pool[-n:]
        del self._pool[-n:]
        return drawn

    def sentence(self, low: int, high: int) -> str:
        words = self._draw(self.rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def name(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def figure(self, src: str, blocks: int) -> Figure:
        # One figure in ten carries its image, like pages saved with their files.
        image = TINY_PNG if self.rng.random() < 0.1 else None
        return Figure(
            caption=self.sentence(6, 14),
            credit=f"Photo: {self.name()}",
            src=src,
            image=image,
            mime="image/png" if image else None,
            position=self.rng.randint(0, blocks),
        )

    def story(self, number: int) -> StoreRequest:
        self.rng.seed(self.seed * 1_000_003 + number)
        self.np_rng = np.random.default_rng((self.seed, number))
        self._pool.clear()
        rng = self.rng
        target = rng.randint(400, 1200)
        paragraphs: list[tuple[str, tuple[str, str, str] | None]] = []
        words = 0
        while words < target:
            text = " ".join(self.sentence(8, 22) for _ in range(rng.randint(2, 4)))
            quote = None
            if rng.random() < 0.25:
                inner = self.sentence(8, 20)
                speaker, cue = self.name(), rng.choice(CUES)
                text = f"“{inner}” {speaker} {cue}."
                quote = (inner, speaker, cue)
            paragraphs.append((text, quote))
            words += len(text.split())
        blocks = tuple(Block("p", text) for text, _ in paragraphs)
        offsets = block_offsets(blocks)
        quotes = tuple(
            Quote(
                text=q[0],
                speaker=q[1],
                mention=q[1].split()[-1],
                cue=q[2],
                start=offset + 1,
                end=offset + 1 + len(q[0]),
            )
            for (_, q), offset in zip(paragraphs, offsets, strict=True)
            if q is not None
        )
        figures = tuple(
            self.figure(f"https://example.invalid/{number}/{i}.jpg", len(blocks))
            for i in range(rng.choice((0, 1, 1, 2, 3)))
        )
        author = self.name()
        published = self.start + timedelta(seconds=rng.random() * self.span)
        article = Article(
            format="text",
            title=self.sentence(5, 11).rstrip("."),
            summary=self.sentence(15, 30),
            byline=f"By {author}",
            authors=(author,),
            published=published,
            site=rng.choice(SITES),
            url=f"https://example.invalid/story/{number}",
            language="en",
            blocks=blocks,
            figures=figures,
            quotes=quotes,
        )
        original = (article.title + "\n\n" + article.text).encode()
        return StoreRequest(article, f"/synthetic/{number:07d}.txt", original)


# Column values of the stories' rows, by table: articles, figures, quotations,
# originals. Turned into statement parameters by the writing process: a bound
# image is a memoryview, which cannot be sent back from a worker.
Rows = tuple[
    list[dict[str, Any]],
    list[dict[str, Any]],
    list[dict[str, Any]],
    list[dict[str, Any]],
]


@cache
def _inserts() -> Inserts:
    # The library's own statements and value conversions; the engine is only
    # asked for its dialect and never connects.
    return Inserts(create_library_engine(Path("unused.sqlite3")).dialect)


def rows_for(maker: StoryMaker, number: int, imported_at: datetime) -> Rows:
    """Rows of story ``number`` exactly as ``Library.add`` writes them, under id number + 1."""
    request = maker.story(number)
    article_id = number + 1
    values = article_row(
        request.article,
        imported_at=imported_at,
        source_name=PurePath(request.source_path).name,
        source_path=request.source_path,
        digest=content_hash(request.original),
    )
    values["id"] = article_id
    figures = figure_rows(article_id, request.article.figures)
    quotes = quotation_rows(article_id, request.article.quotes)
    return [values], figures, quotes, [{"article_id": article_id, "data": request.original}]


def make_chunk(args: tuple[int, int, int]) -> Rows:
    """Rows of stories [first, last) of a seed; runs in a worker process."""
    seed, first, last = args
    maker = _maker(seed)
    imported_at = datetime.now(UTC)
    out: Rows = ([], [], [], [])
    for number in range(first, last):
        for mine, theirs in zip(out, rows_for(maker, number, imported_at), strict=True):
            mine.extend(theirs)
    return out


_MAKERS: dict[int, StoryMaker] = {}


def _maker(seed: int) -> StoryMaker:
    if seed not in _MAKERS:
        _MAKERS[seed] = StoryMaker(seed)
    return _MAKERS[seed]


# What a reader adds, in the shares a long-used library might show: most stories
# read, some archived, few starred; a few tags used a lot and many a little.
READ_SHARE = 0.6
ARCHIVED_SHARE = 0.2
STARRED_SHARE = 0.05
HIGHLIGHTED_SHARE = 0.01
TAGS = 200
MAX_TAGS_PER_STORY = 3


def add_reader_marks(conn: sqlite3.Connection, seed: int) -> None:
    """Tags, read/starred/archived marks and highlights over every story of the library.

    Written through the same tables and triggers as the window's actions, so the
    kept counts come out as they would after years of use.
    """
    if conn.execute("SELECT count(*) FROM tags").fetchone()[0]:
        return  # already marked
    rng = np.random.default_rng(seed + 7)
    ids = np.array([r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")])
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO tags (id, name, key, stories) VALUES (?, ?, ?, 0)",
        [(n + 1, f"Tag {n:03d}", f"tag {n:03d}") for n in range(TAGS)],
    )
    rows = conn.execute("SELECT id, sort_at FROM articles ORDER BY id").fetchall()
    sort_at = dict(rows)
    tag_counts = rng.integers(0, MAX_TAGS_PER_STORY + 1, size=len(ids))
    links: list[tuple[int, int, str]] = []
    for story, count in zip(ids.tolist(), tag_counts.tolist(), strict=True):
        if count:
            chosen = {int(min(z, TAGS)) for z in rng.zipf(1.3, size=count)}
            links.extend((story, tag, sort_at[story]) for tag in chosen)
    conn.executemany(
        "INSERT INTO article_tags (article_id, tag_id, sort_at) VALUES (?, ?, ?)", links
    )
    read = ids[rng.random(len(ids)) < READ_SHARE].tolist()
    conn.executemany("DELETE FROM marks WHERE article_id = ? AND mark = 0", [(i,) for i in read])
    for mark, share in ((1, STARRED_SHARE), (2, ARCHIVED_SHARE)):
        chosen = ids[rng.random(len(ids)) < share].tolist()
        conn.executemany(
            "INSERT INTO marks (article_id, mark, sort_at) VALUES (?, ?, ?)",
            [(i, mark, sort_at[i]) for i in chosen],
        )
    now = datetime.now(UTC).isoformat()
    highlighted = ids[rng.random(len(ids)) < HIGHLIGHTED_SHARE].tolist()
    conn.executemany(
        "INSERT INTO highlights (article_id, text, start_offset, end_offset, prefix, suffix, "
        "colour, note, created_at, updated_at) VALUES (?, 'the', 0, 3, '', '', 'yellow', ?, ?, ?)",
        [(i, "a note" if i % 3 == 0 else "", now, now) for i in highlighted],
    )
    conn.execute("COMMIT")
    print(
        f"marked {len(ids):,} stories: {len(links):,} tag links, {len(read):,} read, "
        f"{len(highlighted):,} highlighted in {time.perf_counter() - start:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--resume",
        action="store_true",
        help="add to a library this script started (same seed): stories go on from its last",
    )
    parser.add_argument(
        "--marks",
        action="store_true",
        help="then give the stories tags, read/starred/archived marks and highlights",
    )
    args = parser.parse_args()

    # Library.open creates the schema (all migrations, FTS triggers included); the
    # rows then go in through a bare connection, so the triggers index them exactly
    # as they index an import, without the ORM's per-row cost.
    Library.open(args.path).close()
    conn = sqlite3.connect(args.path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    # A benchmark file can be rebuilt, so durability is traded for load speed.
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    for table in FTS_TABLES:
        # FTS5 writes its pending words out as a new segment each time they pass
        # hashsize (1 MB by default), and later merges those segments again; a
        # larger buffer writes fewer, larger segments and merges less.
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (BULK_HASH,))
    made = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if made and not args.resume:
        raise SystemExit(f"{args.path} already holds {made} stories; give a new path or --resume")
    # Story n has id n + 1, so the next story to make is the highest id so far.
    first = conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    inserts = _inserts()
    statements = (inserts.article_with_id, inserts.figure, inserts.quotation, inserts.original)
    chunks = iter(
        [(args.seed, n, min(n + CHUNK, args.count)) for n in range(first, args.count, CHUNK)]
    )
    start = time.perf_counter()
    # One worker makes stories while this process writes and indexes them: the
    # two halves cost about the same, and the machine has two cores.
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        # A few chunks in flight keep the worker busy; Pool.imap would let the
        # worker run ahead of the writer without bound, and the finished chunks
        # waiting in memory grew to 24 GB on a 500k build.
        flight = deque(pool.apply_async(make_chunk, (c,)) for c in islice(chunks, IN_FLIGHT))
        pending = 0
        conn.execute("BEGIN")
        while flight:
            rows = flight.popleft().get()
            following = next(chunks, None)
            if following is not None:
                flight.append(pool.apply_async(make_chunk, (following,)))
            for statement, batch in zip(statements, rows, strict=True):
                conn.executemany(statement.sql, [statement.params(r) for r in batch])
            made += len(rows[0])
            pending += len(rows[0])
            if pending >= BATCH:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                pending = 0
            rate = (made - first) / (time.perf_counter() - start)
            print(f"{made:>9,} stories  {rate:,.0f}/s", file=sys.stderr, end="\r")
        conn.execute("COMMIT")
    for table in FTS_TABLES:
        # Back to FTS5's default, what a library made by imports has.
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (1 << 20,))
    print(f"\n{args.count:,} stories in {time.perf_counter() - start:.0f} s -> {args.path}")
    if args.marks:
        add_reader_marks(conn, args.seed)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


if __name__ == "__main__":
    main()
