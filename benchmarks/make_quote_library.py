"""Build a library of N stories with about five quotations each, fast, for the ledger bench.

    python benchmarks/make_quote_library.py 1000000 /tmp/ledger_1m.sqlite3

Rows go straight into ``articles`` and ``quotations``, many thousands per
statement, with short bodies: the ledger reads quotations, speakers, sites and
dates, not the text of the stories. The full-text triggers are dropped for the
load (the ledger never reads those indexes; they stay empty in this file), which
makes a million stories minutes instead of hours; the story and site counts are
set as their triggers would. The speakers index is then built by the library's own
code (``ledger.rebuild``) and its time printed.

People follow a Zipf law (a few are in every other story, most in a handful);
each story names its speakers in full once, with a role for some ("Senator Ana
Voss"), and by surname afterwards ("Voss"); one quotation in twenty is a bare
surname with a role only ("President Voss"), which rule 3 of ``speaker_identity``
links across stories. Two people in a hundred share a surname with someone else.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsviewer.library import Library, ledger

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "vor",
    "shu",
    "pel",
    "dan",
    "gri",
    "mo",
    "sta",
    "qui",
    "bel",
    "far",
    "nok",
    "zu",
    "ther",
    "wil",
    "ond",
    "ast",
    "ber",
    "cal",
    "dim",
    "eno",
    "fra",
    "gol",
    "hap",
    "isk",
    "jor",
    "kel",
    "lum",
    "mar",
    "nev",
    "opa",
    "pri",
    "rus",
    "sel",
    "tur",
    "ulf",
    "ven",
]
ROLES = (
    "Senator",
    "President",
    "Minister",
    "Governor",
    "Mayor",
    "Chief Executive",
    "Secretary of State",
    "Coach",
)
SITES = ("BBC News", "The Guardian", "Reuters", "NBC News", "Le Monde", "Folha de São Paulo")
CUES = ("said", "told reporters", "added", "warned", "explained")
WORDS = [
    "the",
    "we",
    "will",
    "not",
    "accept",
    "this",
    "plan",
    "because",
    "people",
    "need",
    "more",
    "time",
    "and",
    "the",
    "market",
    "is",
    "strong",
    "but",
    "prices",
    "rise",
    "again",
    "today",
    "our",
    "country",
    "must",
    "act",
    "now",
    "on",
    "energy",
    "trade",
    "health",
    "schools",
    "water",
    "and",
    "peace",
    "it",
    "was",
    "a",
    "great",
    "day",
    "for",
    "everyone",
    "here",
]
PEOPLE = 40_000
ZIPF = 1.1
BATCH = 20_000


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def people(rng: random.Random) -> list[tuple[str, str, str | None]]:
    """(given name, surname, usual role or None) per person, the most quoted first."""
    surnames = [_word(rng) for _ in range(PEOPLE)]
    found = []
    for i in range(PEOPLE):
        # Two in a hundred share the surname of someone else.
        surname = surnames[rng.randrange(PEOPLE)] if rng.random() < 0.02 else surnames[i]
        role = rng.choice(ROLES) if rng.random() < 0.4 else None
        found.append((_word(rng), surname, role))
    return found


def build(count: int, path: Path, seed: int) -> None:
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    cast = people(rng)
    weights = 1.0 / np.arange(1, PEOPLE + 1) ** ZIPF
    cumulative = np.cumsum(weights) / weights.sum()
    with Library.open(path):
        pass  # the schema, by the library's migrations
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    triggers = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%fts%' "
            "OR name LIKE '%stem%' OR name LIKE 'ledger_dirty%' OR name LIKE '%count%')"
        )
    ]
    saved = {
        name: sql
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        if name in triggers
    }
    for name in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    start = datetime(2000, 1, 1, tzinfo=UTC)
    span = 26 * 365 * 86400
    imported = datetime(2026, 1, 1, tzinfo=UTC).isoformat()
    article_id = 0
    quote_id = 0
    made = time.perf_counter()
    while article_id < count:
        articles = []
        quotations = []
        for _ in range(min(BATCH, count - article_id)):
            article_id += 1
            published = start + timedelta(seconds=rng.random() * span)
            site = rng.choice(SITES)
            title = " ".join(rng.choices(WORDS, k=6)).capitalize()
            articles.append(
                (
                    article_id,
                    published.strftime("%Y-%m-%dT%H:%M:%S"),
                    title,
                    site,
                    published.isoformat(),
                    imported,
                    f"https://example.invalid/{article_id}",
                    f"/bench/{article_id}.txt",
                    f"{article_id:064x}",
                )
            )
            speakers = np.searchsorted(cumulative, np_rng.random(rng.randint(1, 3)))
            named: set[int] = set()
            for ordinal in range(rng.randint(3, 7)):
                who = int(rng.choice(speakers))
                given, surname, role = cast[who]
                if who not in named:
                    named.add(who)
                    written = f"{given} {surname}"
                    if role and rng.random() < 0.7:
                        written = f"{role} {written}"
                elif role and rng.random() < 0.05:
                    written = f"{role} {surname}"
                else:
                    written = surname
                text = " ".join(rng.choices(WORDS, k=rng.randint(6, 16))).capitalize() + "."
                quote_id += 1
                quotations.append(
                    (
                        quote_id,
                        article_id,
                        ordinal,
                        text,
                        written,
                        written.split()[-1],
                        rng.choice(CUES),
                        ordinal * 200,
                        ordinal * 200 + len(text),
                    )
                )
        with conn:
            conn.executemany(
                "INSERT INTO articles (id, sort_at, headline, site, published, "
                "published_inferred, imported_at, standfirst, byline, authors, url, language, "
                "format, word_count, source_name, source_path, content_hash, blocks, body_text, "
                "captions) VALUES (?, ?, ?, ?, ?, 0, ?, '', '', '[]', ?, 'en', 'text', 0, "
                "'bench.txt', ?, ?, '[]', '', '')",
                articles,
            )
            conn.executemany(
                "INSERT INTO quotations (id, article_id, ordinal, text, speaker, mention, cue, "
                "start_offset, end_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                quotations,
            )
        print(f"\r{article_id} stories, {quote_id} quotations", end="", file=sys.stderr)
    with conn:
        conn.execute("UPDATE story_count SET stories = ?", (article_id,))
        conn.execute("DELETE FROM site_counts")
        conn.execute(
            "INSERT INTO site_counts (site, stories) SELECT site, count(*) FROM articles "
            "GROUP BY site"
        )
        # The library's own triggers back, for what the benchmark does after.
        for sql in saved.values():
            conn.execute(sql)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.close()
    print(f"\nstored in {time.perf_counter() - made:.0f} s", file=sys.stderr)
    made = time.perf_counter()
    with Library.open(path) as library:
        ledger.rebuild(library)
        with library._engine.connect() as c:
            c.exec_driver_sql("ANALYZE")
    print(f"speakers index built in {time.perf_counter() - made:.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path}: exists already; remove it to build it again")
    build(args.count, args.path, args.seed)


if __name__ == "__main__":
    main()
