#!/usr/bin/env python3
"""Score extracted body text against the corpora's gold text, beside bare trafilatura.

Usage: scripts/score_bodies.py CORPUS_DIR [--json] [--no-baseline] [--only TEXT]
       [--corpus NAME] [--jobs N] [--pages]

CORPUS_DIR is the folder holding readability/, l3s-gn1/ and cleanportaleval/ (for
instance ../shared/corpora). Mercury has no whole-body truth (only its first words,
which score_corpora.py measures), so it is not scored here.

The measure is the Scrapinghub article-extraction benchmark's: the predicted and gold
texts become bags of 4-word shingles (words are runs of \\w); per page, true positives,
false positives and false negatives are divided by their sum so that long pages weigh
no more than short ones; precision is averaged over pages that predicted something,
recall over pages whose gold has text; F1 is computed from the two averages. A refused
page predicts nothing: it lowers recall and is counted under "refused".

What is compared, per corpus:
  readability      the body and its figure captions vs the text of expected.html
  l3s-gn1          the body vs the truth's annotated ``body``
  cleanportaleval  headline + standfirst + body and its figure captions vs the gold
                   text, <h>/<p>/URL removed

Bare trafilatura's row is ``trafilatura.extract`` in its standard mode on the same
bytes, scored by the same rule on its own text (which holds the captions it keeps).
Its outputs are cached in a file under the system's temporary folder, keyed by the
page's hash and trafilatura's version, so a second run only extracts our side.
With --json the last line is one flat JSON object of our figures (and trafilatura's
under ``baseline.``), for the quality gate.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from newsviewer.domain import Article

_TOKEN = re.compile(r"\w+")
SHINGLE = 4

CORPORA = ("readability", "l3s-gn1", "cleanportaleval")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    # A text shorter than n words is one shingle of all its words (as the benchmark).
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def match(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised by their sum."""
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


@dataclass
class Row:
    """One extractor's scores on one corpus."""

    pages: list[tuple[str, float, float, float]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        values = [tp / (tp + fp) for _, tp, fp, _ in self.pages if tp + fp > 0]
        return statistics.fmean(values) if values else 0.0

    @property
    def recall(self) -> float:
        values = [tp / (tp + fn) for _, tp, _, fn in self.pages if tp + fn > 0]
        return statistics.fmean(values) if values else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def page_f1(self) -> dict[str, float]:
        out = {}
        for name, tp, fp, fn in self.pages:
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            out[name] = 2 * p * r / (p + r) if p + r else 0.0
        return out


@dataclass(frozen=True)
class Page:
    corpus: str
    name: str
    path: Path
    truth: str


def _markup_text(markup: str) -> str:
    """Visible text of an HTML fragment, block elements kept apart by newlines."""
    import lxml.html

    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag not in _INLINE:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return str(root.text_content())


# Elements that run inside a line of text; every other element starts a new block.
_INLINE_TAGS = "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub "
_INLINE = frozenset(f"{_INLINE_TAGS} sup time u var".split())
_GOLD_MARKER = re.compile(r"^\s*(URL:.*|<[hpl]>)", re.M)


def pages(root: Path, corpus: str) -> Iterator[Page]:
    if corpus == "readability":
        for folder in sorted((root / "readability" / "test-pages").iterdir()):
            expected = folder / "expected.html"
            if expected.exists():
                truth = _markup_text(expected.read_text("utf-8"))
                yield Page(corpus, folder.name, folder / "source.html", truth)
    elif corpus == "l3s-gn1":
        for path in sorted((root / "l3s-gn1" / "pages").glob("*.html")):
            truth_path = root / "l3s-gn1" / "truth" / f"{path.stem}.json"
            if truth_path.exists():
                truth = json.loads(truth_path.read_text("utf-8")).get("body") or ""
                yield Page(corpus, path.stem, path, truth)
    elif corpus == "cleanportaleval":
        for path in sorted((root / "cleanportaleval" / "pages").glob("*.html")):
            gold = root / "cleanportaleval" / "gold" / f"{path.stem}.txt"
            if gold.exists():
                raw = gold.read_text("utf-8", errors="replace")
                truth = html.unescape(_GOLD_MARKER.sub(" ", raw))
                yield Page(corpus, path.stem, path, truth)


def ours(page: Page) -> str | None:
    """Our text for the page, or None when the importer refuses it."""
    from newsviewer.errors import ParseError
    from newsviewer.importers.base import SourceFile
    from newsviewer.importers.html import HtmlImporter

    try:
        article = HtmlImporter().parse(SourceFile(path=page.path, data=page.path.read_bytes()))
    except ParseError:
        return None
    if page.corpus == "cleanportaleval":
        summary = "" if _excerpt_of(article.summary, article.text) else article.summary
        shown = _with_captions(article)
        return "\n\n".join(x for x in (article.title, summary, shown) if x)
    if page.corpus == "readability":
        return _with_captions(article)
    return article.text


def _with_captions(article: Article) -> str:
    """The body as the reader shows it: each figure's caption above the block it stands
    before. Both gold texts that keep a page's captions (Readability's expected.html,
    CleanEval's) hold the captions a page shows with its story; L3S-GN1's annotators
    set them apart (``supplemental``), so its body is compared without them."""
    parts: list[str] = []
    for i, block in enumerate(article.blocks):
        parts.extend(f.caption for f in article.figures if f.position == i and f.caption)
        parts.append(block.text)
    return "\n\n".join(parts)


def _excerpt_of(summary: str, body: str) -> bool:
    """Whether a description only repeats the story's own words (a page describing
    itself by its first paragraphs): that is not a standfirst, and the text is read once."""
    own = shingles(summary)
    if not summary or not own:
        return False
    inside = shingles(body)
    return sum((own & inside).values()) >= 0.8 * sum(own.values())


def trafilatura_text(data: bytes) -> str | None:
    import trafilatura

    return trafilatura.extract(data)


def _cache_path() -> Path:
    import trafilatura

    return Path(tempfile.gettempdir()) / f"newsviewer-trafilatura-{trafilatura.__version__}.json"


def _score_page(
    page: Page, want_ours: bool, cached: dict[str, str | None] | None
) -> dict[str, Any]:
    out: dict[str, Any] = {"corpus": page.corpus, "name": page.name}
    data = page.path.read_bytes()
    key = hashlib.sha1(data).hexdigest()
    if want_ours:
        out["ours"] = ours(page)
    if cached is not None:
        out["key"] = key
        out["baseline"] = cached[key] if key in cached else trafilatura_text(data)
    return out


def _worker(args: tuple[Page, bool, dict[str, str | None] | None]) -> dict[str, Any]:
    return _score_page(*args)


def score(
    root: Path, corpora: list[str], *, baseline: bool, jobs: int, only: str | None
) -> dict[str, dict[str, Row]]:
    todo = [p for c in corpora for p in pages(root, c) if only is None or only in p.name]
    cache: dict[str, str | None] = {}
    cache_file = _cache_path() if baseline else None
    if cache_file is not None and cache_file.exists():
        try:
            cache = json.loads(cache_file.read_text("utf-8"))
        except ValueError:
            cache = {}
    args = []
    for page in todo:
        # Each worker gets the one cached entry it needs, not the whole cache.
        entry: dict[str, str | None] | None = None
        if baseline:
            key = hashlib.sha1(page.path.read_bytes()).hexdigest()
            entry = {key: cache[key]} if key in cache else {}
        args.append((page, True, entry))
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_worker, args, chunksize=4))
    else:
        results = [_worker(a) for a in args]
    rows: dict[str, dict[str, Row]] = {c: {"ours": Row(), "trafilatura": Row()} for c in corpora}
    for page, result in zip(todo, results, strict=True):
        for side, key in (("ours", "ours"), ("trafilatura", "baseline")):
            if key not in result:
                continue
            text = result[key]
            row = rows[page.corpus][side]
            if not text:
                row.refused.append(page.name)
            row.pages.append((page.name, *match(page.truth, text or "")))
        if baseline:
            cache[result["key"]] = result["baseline"]
    if cache_file is not None:
        cache_file.write_text(json.dumps(cache), "utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--json", action="store_true", help="end with one line of JSON figures")
    parser.add_argument("--no-baseline", action="store_true", help="skip trafilatura's row")
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="only this corpus")
    parser.add_argument("--only", default=None, help="pages whose name contains this")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--pages", action="store_true", help="list pages where we trail")
    parser.add_argument("--save", type=Path, help="write our per-page F1 to this JSON file")
    parser.add_argument(
        "--compare", type=Path, help="list pages whose F1 moved since a --save file"
    )
    args = parser.parse_args(argv)
    root: Path = args.corpus_dir
    corpora = [c for c in (args.corpus or CORPORA) if (root / c).is_dir()]
    if not corpora:
        parser.error(f"{root} holds none of {', '.join(CORPORA)}")
    baseline = not args.no_baseline
    rows = score(root, corpora, baseline=baseline, jobs=args.jobs, only=args.only)
    figures: dict[str, float] = {}
    print(f"{'corpus':16} {'extractor':12} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'refused':>7}")
    for corpus, sides in rows.items():
        for side, row in sides.items():
            if not row.pages:
                continue
            print(
                f"{corpus:16} {side:12} {len(row.pages):5} {row.precision:6.3f} "
                f"{row.recall:6.3f} {row.f1:6.3f} {len(row.refused):7}"
            )
            prefix = f"{corpus}.body" if side == "ours" else f"baseline.{corpus}.body"
            figures[f"{prefix}_f1"] = round(row.f1, 4)
            figures[f"{prefix}_refused"] = len(row.refused)
        ours_row, base_row = sides["ours"], sides["trafilatura"]
        if ours_row.pages and base_row.pages:
            print(f"{'':16} {'margin':12} {'':5} {'':6} {'':6} {ours_row.f1 - base_row.f1:+6.3f}")
        if args.pages and base_row.pages:
            mine, theirs = ours_row.page_f1(), base_row.page_f1()
            worse = sorted(mine, key=lambda n: mine[n] - theirs[n])
            for name in worse[:25]:
                if mine[name] < theirs[name] - 0.01:
                    print(f"    {mine[name]:.2f} vs {theirs[name]:.2f}  {name}")
    per_page = {
        f"{c}/{n}": f for c, sides in rows.items() for n, f in sides["ours"].page_f1().items()
    }
    if args.compare:
        before = json.loads(args.compare.read_text("utf-8"))
        moved = [(per_page[k] - before[k], k) for k in per_page if k in before]
        for delta, name in sorted(moved):
            if abs(delta) > 0.01:
                print(f"    {delta:+.2f} -> {per_page[name]:.2f}  {name}")
    if args.save:
        args.save.write_text(json.dumps(per_page), "utf-8")
    pooled = [r["ours"] for r in rows.values() if r["ours"].pages]
    if pooled:
        mean_f1 = statistics.fmean(r.f1 for r in pooled)
        print(f"pooled (mean of corpora) ours F1 {mean_f1:.4f}", end="")
        base = [r["trafilatura"] for r in rows.values() if r["trafilatura"].pages]
        if base:
            print(f", trafilatura {statistics.fmean(r.f1 for r in base):.4f}", end="")
        print()
    if args.json:
        print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
