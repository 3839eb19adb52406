"""A story's blocks cut into runs of text, each knowing its quotation and its highlight.

Quotations and highlights are offsets into the whole body text; the writers work
block by block. Cutting at every boundary of either gives runs that lie wholly
inside or outside each, so a highlight that starts in a quotation and ends after
it is still written as well-formed markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsviewer.domain import Block, Quote, StoredArticle, StoredFigure, block_offsets
from newsviewer.library.highlights import Highlight


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    quote: Quote | None
    highlight: Highlight | None
    # True on the last run of a highlight: where a note's marker goes.
    highlight_ends: bool = False


def runs(
    blocks: Sequence[Block], quotes: Sequence[Quote], highlights: Sequence[Highlight]
) -> list[list[Run]]:
    """For each block, its runs in order."""
    placed = [h for h in highlights if h.placed]
    out: list[list[Run]] = []
    for block, start in zip(blocks, block_offsets(list(blocks)), strict=True):
        end = start + len(block.text)
        cuts = {start, end}
        bounds = [(q.start, q.end) for q in quotes] + [(h.start, h.end) for h in placed]
        for pair in bounds:
            for at in pair:
                if start < at < end:
                    cuts.add(at)
        edges = sorted(cuts)
        block_runs: list[Run] = []
        for left, right in pairwise(edges):
            quote = next((q for q in quotes if q.start <= left and right <= q.end), None)
            mark = next((h for h in placed if h.start <= left and right <= h.end), None)
            block_runs.append(
                Run(
                    block.text[left - start : right - start],
                    quote,
                    mark,
                    highlight_ends=mark is not None and right == mark.end,
                )
            )
        out.append(block_runs)
    return out


def story_parts(
    article: StoredArticle,
    highlights: Sequence[Highlight],
    figure: Callable[[StoredFigure], str | None],
    block: Callable[[Block, list[Run]], str],
) -> list[str]:
    """The story's blocks and figures in reading order, each written by a format's writer.

    ``figure`` gives a figure's markup, or None when it has nothing to show; a figure
    stands before the block at its position, or after the last block. Every figure is
    written before the first block, then each block in order, so writers may number
    their notes as they go.
    """
    figures: dict[int, list[str]] = {}
    for item in article.figures:
        written = figure(item)
        if written is not None:
            figures.setdefault(item.position, []).append(written)
    out: list[str] = []
    for index, (each, block_runs) in enumerate(
        zip(article.blocks, runs(article.blocks, article.quotes, highlights), strict=True)
    ):
        out.extend(figures.get(index, []))
        out.append(block(each, block_runs))
    out.extend(figures.get(len(article.blocks), []))
    return out
