"""Hostile search text for the query fuzz test and scripts/fuzz_queries.py.

Queries are glued from fragments of the language and of what breaks parsers:
operators, fields, quotes and parentheses in any order, deep nesting, NULs,
lone surrogates, combining marks, one-letter prefixes, long OR lists. Each is
run through every library call the window and the command line make, counting
SQLite's virtual machine steps as the measure of the work it asked for (a count
of steps, unlike a time, is the same on any machine).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsviewer.domain import Article, ArticleId, Block, Figure, Quote
from newsviewer.library import Library, StoreRequest

_TEXT = (
    "the a of and to in harbour harbours fight fighting fights storm council ferry boat "
    "government minister iraq kerry syria peace talks sao são paulo news report city water"
)
WORDS: tuple[str, ...] = tuple(_TEXT.split())
SPEAKERS = ("Kofi Annan", "John Kerry", "Anna Costa", "Jo Reyes")
SITES = ("BBC News", "Le Monde", "Reuters", "Folha de São Paulo", "")

FRAGMENTS = (
    *WORDS,
    *(w[:1] + "*" for w in WORDS),  # one-letter prefixes
    *(w[:3] + "*" for w in WORDS),
    "OR",
    "OR",
    "AND",
    "NOT",
    "NEAR",
    "or",
    "-",
    "--",
    "*",
    "**",
    ":",
    "(",
    ")",
    "((",
    "))",
    '"',
    '"',
    "'",
    "-(",
    "-(-(",
    "\\",
    "%",
    "_",
    "^",
    "{",
    "}",
    "[",
    "]",
    "+",
    "~",
    "NEAR(",
    "title:",
    "headline:",
    "by:",
    "caption:",
    "quote:",
    "said:",
    "speaker:",
    "site:",
    "after:",
    "before:",
    "year:",
    "saved:",
    "published:",
    "is:",
    "has:",
    "tag:",
    "note:",
    "is:unread",
    "has:note",
    "tag:x",
    "year:2014",
    "after:2014-13-45",
    "before:0000",
    'site:"le monde"',
    'said:"kofi annan"',
    "title:(",
    "-site:",
    "colour:red",
    "\x00",
    "\x01",
    "\x1b",
    "\udcff",
    "\ud800",
    "\u0301",
    "\u200b",
    "\ufeff",
    "\u202e",
    "ǅ",
    "ﬁ",
    "İ",
    "ß",
    "日本",
    "😀",
    "🏳️‍🌈",
    "a\u0301",
    "x" * 300,
    "9" * 40,
)


def random_query(rng: random.Random) -> str:
    """One hostile query, of one of several shapes."""
    shape = rng.random()
    if shape < 0.6:
        parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))]
        glue = rng.choice(("", " ", " ", " ", "\t"))
        return glue.join(parts)
    if shape < 0.7:
        depth = rng.randint(5, 120)
        opener = rng.choice(("(", "-(", "(a OR -(", "title:(", "said:x (", "a (b ", "(site:x OR "))
        return opener * depth + rng.choice(WORDS) + ")" * rng.randint(0, depth)
    if shape < 0.8:
        joiner = rng.choice((" OR ", " ", " -", " OR -", " OR title:"))
        return joiner.join(rng.choice(FRAGMENTS) for _ in range(rng.randint(30, 800)))
    if shape < 0.9:
        letters = "abcdefghijklmnopqrstuvwxyz"
        return " ".join(f"{rng.choice(letters)}*" for _ in range(rng.randint(1, 12)))
    alphabet = "".join(FRAGMENTS) + '\x00\udcff"()-:* '
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))


def fill(library: Library, stories: int, seed: int = 3) -> list[ArticleId]:
    """Stories of common words, with quotations, captions, sites and dates."""
    rng = random.Random(seed)

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    requests = []
    for n in range(stories):
        quotes = tuple(
            Quote(words(6), rng.choice(SPEAKERS), None, "said", 0, 10)
            for _ in range(rng.randint(0, 3))
        )
        article = Article(
            format="text",
            title=words(5).capitalize(),
            summary=words(12),
            byline=f"By {rng.choice(SPEAKERS)}",
            site=rng.choice(SITES),
            blocks=tuple(Block("p", words(60)) for _ in range(3)),
            figures=(Figure(caption=words(5)),) if n % 3 == 0 else (),
            quotes=quotes,
        )
        requests.append(StoreRequest(article, f"/fuzz/{n}.txt", b"fuzz %d" % n))
    return [r.article_id for r in library.add_each(requests) if r.article_id is not None]


@dataclass
class Work:
    """SQLite virtual machine steps used since the last ``reset``, in thousands."""

    thousands: int = 0

    def reset(self) -> None:
        self.thousands = 0


def count_work(library: Library) -> Work:
    """Count the steps of every search this thread runs on ``library`` from now on."""
    work = Work()

    def step() -> int:
        work.thousands += 1
        return 0  # go on

    # Search reads through this thread's own connection; the handler stays on it.
    with library._raw_read() as connection:
        connection.set_progress_handler(step, 1000)
    return work


def exercise(library: Library, query: str, ids: list[ArticleId]) -> None:
    """Every call the window and the command line make with a query's text."""
    calls: list[Callable[[], object]] = [
        lambda: library.search(query, limit=20),
        lambda: library.search_page(query, 0, 30, snippets=False),
        lambda: library.search_page(query, 30, 30, sort="date"),
        lambda: library.search_page(query, 0, 30, exact=True),
        lambda: library.snippets(query, ids[:30]),
        lambda: library.facets(query),
        lambda: library.hit_terms(ids[0], query),
    ]
    for call in calls:
        call()


def fuzz_library(path: Path, stories: int) -> tuple[Library, list[ArticleId]]:
    library = Library.open(path)
    made = fill(library, stories)
    return library, made
