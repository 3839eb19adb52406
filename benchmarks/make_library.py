"""Build a synthetic library of N stories for search and list benchmarks.

    python benchmarks/make_library.py 100000 /tmp/bench.sqlite3 [--seed 1]

Stories go through ``Library.add_batch`` (the rows ``add`` writes, many per
transaction), so the file has exactly the shape of a library filled by imports:
headline, standfirst, byline, a 400-1,200 word body with quotations, figures
with captions (a few with image bytes), the original bytes, and dates spread
over 2000-2025 across a handful of sites.

Words are drawn from a Zipf distribution over a vocabulary of common English
words followed by a long tail of made-up words, as in real text: a few words
occur in almost every story, most occur in a handful.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsviewer.domain import (
    Article,
    Block,
    Figure,
    Quote,
    block_offsets,
)
from newsviewer.library import Library, StoreRequest

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
# that progress shows and memory stays flat.
BATCH = 2_000


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    words = list(COMMON)
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    cumulative: list[float] = []
    total = 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank**ZIPF_EXPONENT
        cumulative.append(total)
    return words, cumulative


class StoryMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words, self.cumulative = vocabulary(self.rng)
        self.start = datetime(2000, 1, 1, tzinfo=UTC)
        self.span = (datetime(2025, 12, 31, tzinfo=UTC) - self.start).total_seconds()

    def sentence(self, low: int, high: int) -> str:
        n = self.rng.randint(low, high)
        words = self.rng.choices(self.words, cum_weights=self.cumulative, k=n)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    maker = StoryMaker(args.seed)
    library = Library.open(args.path)
    start = time.perf_counter()
    try:
        made = library.count()
        if made:
            raise SystemExit(f"{args.path} already holds {made} stories; give a new path")
        while made < args.count:
            size = min(BATCH, args.count - made)
            library.add_batch(maker.story(made + n) for n in range(size))
            made += size
            rate = made / (time.perf_counter() - start)
            print(f"{made:>9,} stories  {rate:,.0f}/s", file=sys.stderr, end="\r")
    finally:
        library.close()
    print(f"\n{args.count:,} stories in {time.perf_counter() - start:.0f} s -> {args.path}")


if __name__ == "__main__":
    main()
