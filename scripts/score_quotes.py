"""Score ``find_quotes`` on PolNeAR, on our multilingual set, and the BBC speakers.

Usage: python scripts/score_quotes.py CORPUS_DIR [--split train|dev|both] [--show N]
       [--multilingual DIR] [--no-bbc]

The multilingual set (``tests/fixtures/quotes/<lang>.json``, written for this project:
short stories in English, French, German, Spanish and Italian with their expected
quotations and speakers) is scored per language: F1 of quotations (a prediction matches
an expected one when they overlap by at least half of the longer) and the share of
matched quotations whose speaker names the expected person (the expected surname is one
of the speaker's words). The BBC corpus has no annotation; its speakers are checked for
strings that cannot be anyone's name (starting with a function word or sentence adverb,
ending in a possessive, a month or a number), reported as a count and as the share of
clean speaker strings, with the number of distinct speakers.

CORPUS_DIR holds ``polnear/{train,dev}/{text,attributions}``. A gold direct quotation
is a run between double quotation marks that an annotated attribution ``Content`` span
covers; its speaker is that attribution's ``Source``. Marks are paired over the whole
paragraph, nested quotations inside the run included, so a span that starts next to
another quotation's mark or holds a “nested” title does not yield the narration between
two quotations or half a quotation as gold. Articles annotated twice count the union of
both annotators' runs; a discontinuous Content span is read piece by piece (annotators
list pieces out of the text's order), and a Source that is one lowercase word beside a
capitalised Cue ("said" / "Hester") is read as the two labels swapped. The headline
(line 1) is left out on both sides: the app keeps it as the title and looks for
quotations in the body only. Reported:

- detection precision/recall/F1 for quotations of 4+ words (a prediction matches a gold
  run when they overlap by at least half of the longer one),
- recall of shorter (partial) quotations,
- speaker accuracy over matched quotations whose gold source is not only a pronoun:
  the resolved speaker, or the mention it was resolved from, shares a name word with
  the annotated source. The source is annotated as written ("the Florida senator"), so
  a mention resolved to the person it means ("Marco Rubio") is checked by its mention.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsviewer.domain import Block, Quote, block_offsets
from newsviewer.text.quotes import find_quotes

ROOT = Path(__file__).resolve().parent.parent
MULTILINGUAL = ROOT / "tests" / "fixtures" / "quotes"

LONG_WORDS = 4
# Overlap needed between a predicted and a gold run, as a share of the longer one:
# the marks and trailing punctuation may differ, the words should not.
MATCH_SHARE = 0.5
_DOUBLE = '“”"„«»'
_PRONOUN_SOURCES = frozenset(
    [
        "he",
        "she",
        "they",
        "i",
        "we",
        "you",
        "it",
        "who",
        "his",
        "her",
        "their",
        "its",
        "him",
        "them",
        "us",
        "me",
        "which",
        "that",
        "this",
        "one",
    ]
)
_NAME_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "for",
        "and",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "s",
        "’s",
        "'s",
    ]
)


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    source: str


@dataclass
class Tally:
    gold_long: int = 0
    gold_long_found: int = 0
    pred_long: int = 0
    pred_long_right: int = 0
    gold_short: int = 0
    gold_short_found: int = 0
    pred_short: int = 0
    pred_short_right: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0
    articles: int = 0
    seconds: float = 0.0


def read_ann(
    path: Path,
) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, where = parts[1].partition(" ")
            pieces = []
            for piece in where.split(";"):
                a, b = piece.split()
                pieces.append((int(a), int(b)))
            spans[parts[0]] = (kind, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            links.append(roles)
    return spans, links


def gold_quotes(text: str, anns: list[Path]) -> list[Gold]:
    """Gold runs of every annotator of the article (their union: one may miss a quote)."""
    found: dict[tuple[int, int], Gold] = {}
    for ann in anns:
        _gold_of(text, ann, found)
    return list(found.values())


def _gold_of(text: str, ann: Path, found: dict[tuple[int, int], Gold]) -> None:
    spans, links = read_ann(ann)
    for link in links:
        content = spans.get(link.get("Content", ""))
        if content is None:
            continue
        source = _source_of(text, spans, link)
        # A discontinuous span lists its pieces in the order the annotator marked them,
        # not always in the text's order ("10010 10091;9763 9905"): each piece is read.
        for start, end in content[1]:
            for g in _runs(text, start, end):
                found.setdefault((g[0], g[1]), Gold(g[0], g[1], source))


def _source_of(
    text: str, spans: dict[str, tuple[str, list[tuple[int, int]]]], link: dict[str, str]
) -> str:
    """The annotated source's words; when an annotator swapped the Source and Cue labels
    (Source "said", Cue "Hester"), the span labelled Cue is the source."""

    def words_of(role: str) -> str:
        if role not in link or link[role] not in spans:
            return ""
        return " ".join(text[a:b] for a, b in spans[link[role]][1])

    source, cue = words_of("Source"), words_of("Cue")
    swapped = re.fullmatch(r"[a-z]+", source.strip()) and cue.strip()[:1].isupper()
    return cue if swapped else source


_OPENING = "“„«"
_CLOSING = "”»"


def _family(c: str) -> str:
    return '"' if c == '"' else "«" if c in "«»" else "“"


def _one_mark(m: re.Match[str]) -> str:
    """A typewriter double as one mark beside its text; three marks are a single and a double."""
    opens = bool(m.string[m.end() : m.end() + 1].strip())
    if len(m.group()) == 3:
        return " \"'" if opens else "'\" "
    return ' "' if opens else '" '


def _paragraph_runs(text: str, begin: int, stop: int) -> list[tuple[int, int]]:
    """The quoted runs of one paragraph, its double marks paired as a reader pairs them.

    A mark opens when text follows it and closes when text precedes it, so the narration
    between a closing and the next opening mark is never a run; marks of another style
    inside a run (“…"nested"…”, "…“nested”…") are a quotation within the quotation.
    """
    # Typewriter doubles ('') are one mark, kept next to the text it opens or closes.
    para = re.sub("'''|''", _one_mark, text[begin:stop])
    runs: list[tuple[int, int]] = []
    opened = -1
    nested = 0
    for i, c in enumerate(para):
        if c not in _DOUBLE:
            continue
        before = para[i - 1] if i > 0 else " "
        after = para[i + 1] if i + 1 < len(para) else " "
        # Flanks first, glyphs second: scrapes put ” where “ belongs.
        can_open = not after.isspace() and (before.isspace() or not before.isalnum())
        can_close = not before.isspace() and (after.isspace() or not after.isalnum())
        if before == " " and i >= 2 and para[i - 2] in "'’" and after.isspace():
            can_close, can_open = True, False  # "…'Well done,' " closes after a nested mark
        if can_open and can_close:
            can_open, can_close = c not in _CLOSING, c not in _OPENING
        elif not (can_open or can_close):
            can_open = can_close = True  # 'about"joint', 'voters!”After': a lost space
        if opened < 0:
            if can_open:
                opened = i
            continue
        if _family(c) != _family(para[opened]):
            # Another style inside the run: a nested quotation when it opens, its end
            # when it closes one; a lone one (curly opened, straight closed) ends the run.
            if can_open and not can_close:
                nested += 1
                continue
            if nested:
                nested -= 1
                continue
        if can_close:
            runs.append((begin + opened + 1, begin + i))
            opened, nested = -1, 0
        elif can_open:
            opened = i  # two openers in a row: the first was never closed
    if opened >= 0:
        # A run left open by the paragraph (it continues in the next one).
        runs.append((begin + opened + 1, begin + len(para.rstrip())))
    return [(a, b) for a, b in runs if text[a:b].strip()]


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted runs of the paragraphs under an annotated Content span that it covers.

    Marks are paired over the whole paragraph, so a span that starts or stops next to
    another quotation's mark does not shift the pairing; marks may sit just outside it.
    """
    begin = text.rfind("\n", 0, start) + 1
    runs: list[tuple[int, int]] = []
    while begin < end:
        stop = text.find("\n", begin)
        stop = len(text) if stop < 0 else stop
        for a, b in _paragraph_runs(text, begin, stop):
            # Mostly inside the span, or the span mostly inside the run: an annotator
            # may mark only the first sentences of a long quotation.
            inside = min(b, end + 2) - max(a, start - 2)
            if inside > 0 and inside >= min(b - a, end - start) / 2:
                runs.append((a, b))
        begin = stop + 1
    return runs


def body_start(text: str) -> int:
    """Offset past the headline (line 1): the app keeps it as the title, not as body text."""
    first = re.search(r"[^\n]*\S[^\n]*", text)
    return first.end() if first else 0


def predicted(text: str) -> tuple[list[tuple[int, int, Quote]], float]:
    blocks: list[Block] = []
    starts: list[int] = []
    for m in re.finditer(r"[^\n]+", text[body_start(text) :]):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            blocks.append(Block("p", line.strip()))
            starts.append(body_start(text) + m.start() + lead)
    began = time.perf_counter()
    quotes = find_quotes(blocks)
    took = time.perf_counter() - began
    offsets = block_offsets(blocks)
    out: list[tuple[int, int, Quote]] = []
    for q in quotes:
        b = bisect.bisect_right(offsets, q.start) - 1
        base = starts[b] - offsets[b]
        out.append((q.start + base, q.end + base, q))
    return out, took


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= MATCH_SHARE * max(a[1] - a[0], b[1] - b[0])


def _name_words(text: str) -> set[str]:
    # A possessive names its owner: the source "Stumpf’s" (repeated emphasis) is Stumpf.
    found = (re.sub(r"[’']s$", "", w.lower()).strip(".’'") for w in re.findall(r"[\w’'.-]+", text))
    return {w for w in found if w and w not in _NAME_STOP}


def score_article(text: str, anns: list[Path], tally: Tally, show: list[str]) -> None:
    golds = [g for g in gold_quotes(text, anns) if g.start >= body_start(text)]
    name = anns[0].stem
    preds, took = predicted(text)
    tally.articles += 1
    tally.seconds += took
    for g in golds:
        words = len(text[g.start : g.end].split())
        match = next((p for p in preds if _overlap((g.start, g.end), (p[0], p[1]))), None)
        if words >= LONG_WORDS:
            tally.gold_long += 1
            tally.gold_long_found += match is not None
            if match is None:
                show.append(f"MISS {name}: {text[g.start : g.end][:90]!r}")
        else:
            tally.gold_short += 1
            tally.gold_short_found += match is not None
            if match is None:
                show.append(f"MISS short {name}: {text[g.start : g.end][:90]!r}")
        source_words = _name_words(g.source)
        if match is None or not source_words or source_words <= _PRONOUN_SOURCES:
            continue
        tally.speaker_checked += 1
        speaker = match[2].speaker or ""
        mention = match[2].mention or ""
        if (_name_words(speaker) | _name_words(mention)) & source_words:
            tally.speaker_right += 1
        else:
            show.append(f"WHO  {name}: gold={g.source!r} got={speaker!r} cue={match[2].cue}")
    for start, end, q in preds:
        if len(q.text.split()) < LONG_WORDS:
            tally.pred_short += 1
            tally.pred_short_right += any(_overlap((g.start, g.end), (start, end)) for g in golds)
            continue
        tally.pred_long += 1
        if any(_overlap((g.start, g.end), (start, end)) for g in golds):
            tally.pred_long_right += 1
        else:
            show.append(f"FP   {name}: {q.text[:90]!r} who={q.speaker!r} cue={q.cue}")


def score_split(root: Path, show_n: int) -> Tally:
    tally = Tally()
    show: list[str] = []
    anns: dict[str, list[Path]] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    for stem, files in anns.items():
        txt = root / "text" / f"{stem}.txt"
        if txt.exists():
            score_article(txt.read_text(encoding="utf-8"), files, tally, show)
    for line in show[:show_n]:
        print(line)
    return tally


def figures(name: str, t: Tally) -> dict[str, float]:
    """The gate's figures for one split, as percentages and a rate."""
    p = t.pred_long_right / t.pred_long if t.pred_long else 0.0
    r = t.gold_long_found / t.gold_long if t.gold_long else 0.0
    return {
        f"polnear.{name}.long_f1": round(100 * (2 * p * r / (p + r) if p + r else 0.0), 2),
        f"polnear.{name}.short_recall": round(
            100 * (t.gold_short_found / t.gold_short if t.gold_short else 0.0), 2
        ),
        f"polnear.{name}.speaker": round(
            100 * (t.speaker_right / t.speaker_checked if t.speaker_checked else 0.0), 2
        ),
        f"polnear.{name}.articles_per_s": round(t.articles / t.seconds if t.seconds else 0.0),
    }


def report(name: str, t: Tally) -> None:
    p = t.pred_long_right / t.pred_long if t.pred_long else 0.0
    r = t.gold_long_found / t.gold_long if t.gold_long else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    short = t.gold_short_found / t.gold_short if t.gold_short else 0.0
    short_p = t.pred_short_right / t.pred_short if t.pred_short else 0.0
    who = t.speaker_right / t.speaker_checked if t.speaker_checked else 0.0
    rate = t.articles / t.seconds if t.seconds else 0.0
    print(
        f"{name}: articles={t.articles} long P={p:.3f} R={r:.3f} F1={f1:.3f} "
        f"(gold {t.gold_long}, predicted {t.pred_long}) | short recall={short:.3f} "
        f"(gold {t.gold_short}, precision {short_p:.3f}) | "
        f"speaker={who:.3f} (checked {t.speaker_checked}) | "
        f"{rate:.0f} articles/s"
    )


@dataclass
class Multi:
    expected: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0
    speaker_checked: int = 0
    speaker_right: int = 0


def _surname_in(expected: str, got: str | None) -> bool:
    if not got:
        return False
    want = expected.lower().split()[-1]
    return want in {w.strip(".,").lower() for w in got.split()}


def score_multilingual(folder: Path, show: list[str]) -> dict[str, Multi]:
    """Tallies per language of the hand-written stories in ``folder``."""
    out: dict[str, Multi] = {}
    for path in sorted(folder.glob("*.json")):
        tally = out.setdefault(path.stem, Multi())
        for story in json.loads(path.read_text(encoding="utf-8")):
            blocks = [Block("p", t) for t in story["paragraphs"]]
            body = "\n\n".join(story["paragraphs"])
            quotes = find_quotes(
                blocks, known_names=[story["title"]], language=story.get("language", "")
            )
            gold = []
            for item in story["quotes"]:
                at = body.find(item["text"])
                if at < 0:
                    raise SystemExit(f"{path.name} {story['id']}: not in text: {item['text']!r}")
                gold.append((at, at + len(item["text"]), item["speaker"]))
            tally.expected += len(gold)
            tally.predicted += len(quotes)
            for q in quotes:
                if any(_overlap((q.start, q.end), (a, b)) for a, b, _ in gold):
                    tally.right += 1
                else:
                    show.append(f"FP   {story['id']}: {q.text[:70]!r} who={q.speaker!r}")
            for a, b, who in gold:
                match = next((q for q in quotes if _overlap((q.start, q.end), (a, b))), None)
                if match is None:
                    show.append(f"MISS {story['id']}: {body[a:b][:70]!r}")
                    continue
                tally.found += 1
                tally.speaker_checked += 1
                if _surname_in(who, match.speaker):
                    tally.speaker_right += 1
                else:
                    show.append(
                        f"WHO  {story['id']}: want={who!r} got={match.speaker!r} "
                        f"mention={match.mention!r} {body[a:b][:40]!r}"
                    )
    return out


def multi_figures(tallies: dict[str, Multi]) -> dict[str, float]:
    out: dict[str, float] = {}
    for lang, t in tallies.items():
        p = t.right / t.predicted if t.predicted else 0.0
        r = t.found / t.expected if t.expected else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        who = t.speaker_right / t.speaker_checked if t.speaker_checked else 0.0
        out[f"multi.{lang}.f1"] = round(100 * f1, 2)
        out[f"multi.{lang}.speaker"] = round(100 * who, 2)
        print(
            f"multilingual {lang}: F1={f1:.3f} (expected {t.expected}, found {t.found}, "
            f"predicted {t.predicted}) | speaker={who:.3f} ({t.speaker_checked} checked)"
        )
    return out


# Speaker strings that cannot be anyone's name: what readers saw filed as speakers.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION_WORDS = _words(
    """a an the of in on at to for with by from and but or nor as if so yet its his her
    their our my your this that these those it he she they we i you there here when while
    after before within during meanwhile however earlier also speaking then than some any
    all many most much more few several each every both either neither no not what which
    who whom whose why how where whereas although though because since until unless
    despite about among between into onto upon over under through against without instead
    indeed still even only just now later today yesterday tonight already again once
    perhaps maybe elsewhere moreover nevertheless nonetheless otherwise thus hence
    therefore besides likewise similarly accordingly consequently"""
)
_NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred hundreds thousand thousands million millions dozen dozens billion"""
)
_MONTHS = _words(
    "january february march april may june july august september october november december"
)
# -ly words that are names or nouns, not adverbs.
_LY_WORDS = _words(
    """emily beverly kimberly shirley holly molly sally kelly lily lilly ely billy reilly
    riley daly connolly ally italy july assembly family supply rally belly fly"""
)


def bad_speaker(name: str) -> bool:
    """True for a speaker string no reader would take for a name."""
    words = name.split()
    if not words:
        return False
    first = words[0].lower().strip(".,")
    # "Strictly Dance Fever" and "Daily Sport" are titles; "Originally" alone is an adverb.
    adverb = first.endswith("ly") and len(first) > 4 and first not in _LY_WORDS
    adverb = adverb and (len(words) == 1 or not words[1][:1].isupper())
    if first in _FUNCTION_WORDS or first in _NUMBER_WORDS or adverb:
        return True
    if name.endswith(("'s", "’s", "s'", "s’")):
        return True
    return name.lower() in _MONTHS or re.fullmatch(r"[\d.,%]+", words[0]) is not None


def score_bbc(corpus: Path, show: list[str]) -> dict[str, float]:
    files = sorted((corpus / "bbc-txt").glob("*/*.txt"))
    if not files:
        return {}
    speakers: dict[str, int] = {}
    for f in files:
        lines = [m.group().strip() for m in re.finditer(r"[^\n]*\S[^\n]*", _bbc_text(f))]
        if not lines:
            continue
        quotes = find_quotes([Block("p", t) for t in lines[1:]], known_names=[lines[0]])
        for q in quotes:
            if q.speaker:
                speakers[q.speaker] = speakers.get(q.speaker, 0) + 1
    bad = sorted(s for s in speakers if bad_speaker(s))
    for s in bad:
        show.append(f"BAD  bbc: {s!r} x{speakers[s]}")
    print(
        f"bbc: distinct speakers={len(speakers)} | bad speaker strings={len(bad)} "
        f"({sum(speakers[s] for s in bad)} quotations)"
    )
    clean = 100 * (1 - len(bad) / len(speakers)) if speakers else 100.0
    return {"bbc.quotes.clean_speakers": round(clean, 2)}


def _bbc_text(path: Path) -> str:
    # BBC files are Latin-1 in places; decoding is not what is scored here.
    return path.read_bytes().decode("utf-8", errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--split", choices=("train", "dev", "both"), default="both")
    parser.add_argument("--show", type=int, default=0, help="print N misses/errors")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON figures")
    parser.add_argument("--multilingual", type=Path, default=MULTILINGUAL)
    parser.add_argument("--no-bbc", action="store_true", help="skip the BBC speaker check")
    parser.add_argument("--only", choices=("polnear", "multi", "bbc"), help="one part only")
    args = parser.parse_args()
    root = args.corpus / "polnear"
    if not root.is_dir():
        parser.error(f"{root} not found")
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    out: dict[str, float] = {}
    for split in splits if args.only in (None, "polnear") else ():
        tally = score_split(root / split, args.show)
        report(split, tally)
        out.update(figures(split, tally))
    show: list[str] = []
    if args.only in (None, "multi") and args.multilingual.is_dir():
        out.update(multi_figures(score_multilingual(args.multilingual, show)))
    if args.only in (None, "bbc") and not args.no_bbc:
        out.update(score_bbc(args.corpus, show))
    for line in show[: args.show]:
        print(line)
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
