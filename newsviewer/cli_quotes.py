"""Command-line forms of the quote ledger: who said what, across the whole library.

Fixed forms (checked by scripts):
    newsviewer quotes [WORDS] [--speaker NAME] [--site S] [--after D] [--before D]
                      [--limit N] [--json]
    newsviewer speakers [--json]
    newsviewer quote QUOTE_ID (--speaker NAME | --not-quote)
Corrections of speakers (sub-options of ``speakers``, the fixed forms unchanged):
    newsviewer speakers --merge NAME INTO     (NAME's quotations become INTO's)
    newsviewer speakers --split NAME FORM     (NAME's quotations written FORM: their own)
    newsviewer speakers --forms NAME          (the forms NAME is written in, with counts)
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from newsviewer.paths import library_path

if TYPE_CHECKING:
    from newsviewer.library import Library
    from newsviewer.library.ledger import LedgerQuote

COMMANDS = ("quotes", "speakers", "quote")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_commands(sub: Any) -> None:
    """Add this module's sub-commands to the main parser's subparsers."""
    p = sub.add_parser("quotes", help="list quotations, newest first, with who said them")
    p.add_argument("words", nargs="*", help="words the quotation contains")
    p.add_argument("--speaker", metavar="NAME", help="only this speaker (any form of the name)")
    p.add_argument("--site", metavar="S", help="only stories of this site")
    p.add_argument("--after", type=_day, metavar="D", help="only stories from this date on")
    p.add_argument("--before", type=_day, metavar="D", help="only stories before this date")
    p.add_argument("--limit", type=int, default=50, help="most quotations to show (default 50)")
    p.add_argument("--json", action="store_true", help="one JSON object per quotation")

    p = sub.add_parser("speakers", help="list the people quoted, the most quoted first")
    p.add_argument("--json", action="store_true", help="one JSON object per speaker")
    fix = p.add_mutually_exclusive_group()
    fix.add_argument(
        "--merge", nargs=2, metavar=("NAME", "INTO"), help="make NAME and INTO one speaker"
    )
    fix.add_argument(
        "--split",
        nargs=2,
        metavar=("NAME", "FORM"),
        help="make NAME's quotations written FORM a speaker of their own",
    )
    fix.add_argument("--forms", metavar="NAME", help="the forms NAME is written in")

    p = sub.add_parser("quote", help="correct a quotation: its speaker, or not a quote at all")
    p.add_argument("id", type=int, metavar="QUOTE_ID")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--speaker", metavar="NAME", help="who really said it")
    group.add_argument("--not-quote", action="store_true", help="this is not a quotation")


def _open(args: argparse.Namespace) -> Library:
    from newsviewer.library import Library

    return Library.open(library_path(args.library))


def quote_json(q: LedgerQuote) -> dict[str, Any]:
    return {
        "id": q.id,
        "article_id": q.article_id,
        "text": q.text,
        "speaker": q.speaker,
        "role": q.role,
        "mention": q.mention,
        "cue": q.cue,
        "title": q.title,
        "site": q.site,
        "published": q.published.isoformat() if q.published else None,
    }


def _line(obj: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _quote_line(q: LedgerQuote) -> str:
    who = q.speaker or "unattributed"
    if q.role:
        who += f" ({q.role})"
    day = q.published.date().isoformat() if q.published else ""
    meta = " · ".join(x for x in (q.title, q.site, day) if x)
    return f"#{q.id}  “{q.text}” — {who}\n    #{q.article_id} {meta}\n"


def cmd_quotes(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.library import ledger

    with _open(args) as library:
        found = ledger.quotes(
            library,
            " ".join(args.words),
            speaker=args.speaker,
            site=args.site,
            after=args.after,
            before=args.before,
            limit=max(args.limit, 0),
        )
    for q in found:
        if args.json:
            _line(quote_json(q), out)
        else:
            out.write(_quote_line(q))
    if not found and not args.json:
        out.write("no quotations match\n")
    return 0


def cmd_speakers(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.library import ledger

    with _open(args) as library:
        if args.merge or args.split:
            if args.merge:
                changed = ledger.merge_speakers(library, *args.merge)
                said = f"{args.merge[0]} merged into {changed.name}"
            else:
                changed = ledger.split_speaker(library, *args.split)
                said = f"{changed.name} split off {args.split[0]}"
            found = [changed]
            if not args.json:
                out.write(said + "\n")
        elif args.forms:
            for form, count in ledger.forms(library, args.forms):
                if args.json:
                    _line({"form": form, "quotes": count}, out)
                else:
                    out.write(f"{count:>6}  {form}\n")
            return 0
        else:
            found = ledger.speakers(library)
    for s in found:
        if args.json:
            _line(
                {"name": s.name, "quotes": s.quotes, "stories": s.stories, "roles": list(s.roles)},
                out,
            )
        else:
            roles = f"  ({'; '.join(s.roles)})" if s.roles else ""
            out.write(f"{s.quotes:>6} quotes {s.stories:>5} stories  {s.name}{roles}\n")
    return 0


def cmd_quote(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.library import ledger

    with _open(args) as library:
        fixed = ledger.correct(library, args.id, speaker=args.speaker, not_quote=args.not_quote)
    if args.not_quote:
        out.write(f"#{fixed.id} is not a quote: “{fixed.text}”\n")
    else:
        out.write(f"#{fixed.id} said by {fixed.speaker}: “{fixed.text}”\n")
    return 0


def run(args: argparse.Namespace, out: TextIO) -> int:
    handlers = {"quotes": cmd_quotes, "speakers": cmd_speakers, "quote": cmd_quote}
    return handlers[args.command](args, out)
