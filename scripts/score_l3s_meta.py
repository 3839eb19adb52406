#!/usr/bin/env python3
"""Publication days and bylines on L3S-GN1, against what its annotators marked apart.

Usage: scripts/score_l3s_meta.py CORPUS_DIR [--failures] [--only TEXT]

L3S-GN1's truth has no date or byline fields, but its ``supplemental`` strings hold
the text the annotators set apart from the body: datelines ("Published: Friday,
January 18, 2008"), bylines ("By TERENCE HUNT", or "By" then the name), captions and
copyright lines. The gold day is the first short supplemental string that reads as a
date (a numeric day such as 01/08/2008 is either reading); the gold byline is the
first "By ...", "Posted by ...", "Author: ..." string (agencies and desks are left
out: they are not people). Both are heuristics over free text, so the figures are for
comparing versions, not exact accuracies. The pages are of 2007-2008: a day outside
2006-2008 is wrong whatever the gold says, and is counted apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dateutil import parser as date_parser

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

Day = tuple[int, int, int]
_MONTH = re.compile(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_COMPACT = re.compile(r"\b(20\d\d)(\d\d)(\d\d)\b")
_NUMERIC = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)\b")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)")
_BY = re.compile(r"^(?:posted\s+)?(?:written\s+)?by\s*:?\s*(.*)$|^author\s*:\s*(.+)$", re.I)
_BY_AT_END = re.compile(r"\bby\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){1,3})\s*$", re.I)
_DESK = re.compile(r"^(?:the\s+)?(?:associated press|ap|afp|reuters|agencies|staff|wire)", re.I)


def gold_days(supplemental: list[str]) -> set[Day]:
    for raw in supplemental:
        text = raw.replace("Ã\x82", " ").replace("\xa0", " ")
        if len(text) > 90 or re.search(r"copyright|©|photo", text, re.I):
            continue
        if match := _COMPACT.search(text):
            return {(int(match[1]), int(match[2]), int(match[3]))}
        if match := _NUMERIC.search(text):
            a, b, year = int(match[1]), int(match[3]), int(match[4])
            return {(year, m, d) for m, d in ((a, b), (b, a)) if 1 <= m <= 12 and 1 <= d <= 31}
        if match := _ISO.search(text):
            return {(int(match[1]), int(match[2]), int(match[3]))}
        if _MONTH.search(text) and _YEAR.search(text):
            try:
                day = date_parser.parse(
                    re.sub(r"[|:]", " ", text), fuzzy=True, default=datetime(2008, 1, 1)
                )
            except (ValueError, OverflowError):
                continue
            return {(day.year, day.month, day.day)}
    return set()


def gold_byline(supplemental: list[str]) -> str:
    for index, raw in enumerate(supplemental):
        text = raw.strip()
        match = _BY.match(text)
        name = (match.group(1) or match.group(2) or "") if match else ""
        if not match:
            at_end = _BY_AT_END.search(text)
            if at_end is None:
                continue
            name = at_end.group(1)
        if not name.strip() and index + 1 < len(supplemental):
            name = supplemental[index + 1]
        name = re.split(r",| - |\|", name.strip())[0].strip()
        if name and len(name) < 60:
            return "" if _DESK.match(name) else name
    return ""


def _words(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", text.casefold()).split()) - {"by", "and", "the"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--failures", action="store_true", help="list every miss")
    parser.add_argument("--only", default=None, help="pages whose name contains this")
    args = parser.parse_args(argv)
    root: Path = args.corpus_dir / "l3s-gn1"
    if not (root / "truth").is_dir():
        parser.error(f"{args.corpus_dir} has no l3s-gn1/truth/ folder")
    importer = HtmlImporter()
    counts = {"day": 0, "day right": 0, "day none": 0, "off years": 0}
    counts |= {"byline": 0, "byline right": 0, "byline none": 0}
    misses: list[str] = []
    for truth_path in sorted((root / "truth").glob("*.json")):
        if args.only and args.only not in truth_path.name:
            continue
        truth: dict[str, Any] = json.loads(truth_path.read_text("utf-8"))
        page = root / "pages" / f"{truth_path.stem}.html"
        article: Article | None
        try:
            article = importer.parse(SourceFile(path=page, data=page.read_bytes()))
        except ParseError:
            article = None
        published = article.published if article else None
        if published is not None and not 2006 <= published.year <= 2008:
            counts["off years"] += 1
        if days := gold_days(truth["supplemental"]):
            counts["day"] += 1
            ours = None if published is None else (published.year, published.month, published.day)
            if ours in days:
                counts["day right"] += 1
            else:
                counts["day none"] += ours is None
                misses.append(f"day {truth_path.stem}: {published} != {sorted(days)}")
        if name := gold_byline(truth["supplemental"]):
            counts["byline"] += 1
            byline = article.byline if article else ""
            if byline and _words(name) & _words(byline):
                counts["byline right"] += 1
            else:
                counts["byline none"] += not byline
                misses.append(f"byline {truth_path.stem}: {byline!r} != {name!r}")
    if args.failures:
        print("\n".join(misses))
    for what in ("day", "byline"):
        total, right, none = counts[what], counts[f"{what} right"], counts[f"{what} none"]
        print(f"{what:7} {right}/{total} right, {total - right - none} wrong, {none} none")
    print(f"days outside 2006-2008: {counts['off years']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
