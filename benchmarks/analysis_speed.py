"""Analysis speed: articles/s of quotation and caption analysis on already-decoded text.

    python benchmarks/analysis_speed.py CORPUS_DIR [--repeat N]

Reads the BBC stories (``bbc-txt/*/*.txt``) and the PolNeAR articles
(``polnear/{train,dev}/text/*.txt``) into memory first, so neither disk nor decoding is
timed. Then, on one core, each article is

- baseline: split into paragraphs (what any reader of the text has to do), and
- analysis: split the same way, every paragraph checked as a caption or photo credit
  (the text importer's tests), and the shared pipeline's analysis step
  (``pipeline.finish``: quotations, speakers and roles) run on the blocks.

Both figures come from the same run; the ratio says what the analysis costs over the
bare split. The best of ``--repeat`` passes is kept, so a busy machine shows less.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsviewer.domain import PARAGRAPH, Article, Block
from newsviewer.importers.pipeline import finish
from newsviewer.text.captions import (
    is_credit_line,
    looks_like_caption,
    split_credit,
    strip_caption_prefix,
    strip_credit_prefix,
)

_PARAGRAPHS = re.compile(r"[^\n]*\S[^\n]*")


def texts(corpus: Path) -> list[str]:
    files = sorted((corpus / "bbc-txt").glob("*/*.txt"))
    for split in ("train", "dev"):
        files += sorted((corpus / "polnear" / split / "text").glob("*.txt"))
    # BBC files are Latin-1 in places; decoding is not what is measured here.
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files]


def paragraphs(text: str) -> list[str]:
    return [m.group().strip() for m in _PARAGRAPHS.finditer(text)]


def baseline(text: str) -> int:
    return len(paragraphs(text))


def analyse(text: str) -> int:
    lines = paragraphs(text)
    if not lines:
        return 0
    title, body = lines[0], lines[1:]
    blocks: list[Block] = []
    captions = 0
    for line in body:
        if strip_credit_prefix(line) is not None or is_credit_line(line):
            continue
        caption = strip_caption_prefix(line)
        if caption is not None or looks_like_caption(line):
            split_credit(caption or line)
            captions += 1
            continue
        blocks.append(Block(PARAGRAPH, line))
    article = finish(Article(format="text", title=title, blocks=tuple(blocks)))
    return captions + len(article.quotes)


def best_rate(step: Callable[[str], int], articles: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for text in articles:
            step(text)
        best = min(best, time.perf_counter() - began)
    return len(articles) / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = texts(args.corpus)
    if not articles:
        parser.error(f"no BBC or PolNeAR texts under {args.corpus}")
    analyse(articles[0])  # imports and compiled patterns before the clock starts
    split_rate = best_rate(baseline, articles, args.repeat)
    rate = best_rate(analyse, articles, args.repeat)
    print(f"articles: {len(articles)} (BBC + PolNeAR), one core, best of {args.repeat}")
    print(f"baseline (split paragraphs): {split_rate:,.0f} articles/s")
    print(f"quote + caption analysis:    {rate:,.0f} articles/s")
    print(f"analysis costs {split_rate / rate:.0f}x the bare split")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
