"""Command-line forms for living in the library: tag, mark, highlight, export, tags, saved.

Fixed forms (checked by scripts):
    newsviewer tag ID TAG... [--remove]
    newsviewer mark ID... (--read | --unread | --star | --unstar | --archive | --unarchive)
    newsviewer highlight ID --text "EXACT WORDS" [--note "..."] [--colour NAME]
    newsviewer export [QUERY] --format md|html|epub|json -o PATH
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newsviewer.domain import ArticleId
from newsviewer.paths import library_path

if TYPE_CHECKING:
    from newsviewer.library import Library

COMMANDS = ("tag", "mark", "highlight", "export", "tags")

_MARKS = {
    "read": ("set_read", True),
    "unread": ("set_read", False),
    "star": ("set_starred", True),
    "unstar": ("set_starred", False),
    "archive": ("set_archived", True),
    "unarchive": ("set_archived", False),
}


def add_commands(sub: Any) -> None:
    """Add this module's sub-commands to the main parser's subparsers."""
    p = sub.add_parser("tag", help="add tags to a story (or take them off with --remove)")
    p.add_argument("id", type=int)
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.add_argument("--remove", action="store_true", help="take these tags off the story")

    p = sub.add_parser("mark", help="mark stories read, unread, starred or archived")
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    group = p.add_mutually_exclusive_group(required=True)
    for name in _MARKS:
        group.add_argument(f"--{name}", dest="mark", action="store_const", const=name)

    p = sub.add_parser("highlight", help="highlight words of a story, with an optional note")
    p.add_argument("id", type=int)
    p.add_argument("--text", required=True, help="the exact words to highlight")
    p.add_argument("--note", default="")
    p.add_argument(
        "--colour",
        "--color",
        default="yellow",
        help="yellow (default), green, blue, pink or purple",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="export stories as Markdown, HTML, EPUB or JSON")
    p.add_argument("query", nargs="*", help="a search (default: every story)")
    p.add_argument("--format", required=True, choices=("md", "html", "epub", "json"))
    p.add_argument("-o", "--output", required=True, type=Path, metavar="PATH")
    p.add_argument("--title", default="NewsViewer export", help="title of an HTML page or book")

    p = sub.add_parser("tags", help="list the tags with their story counts")
    p.add_argument("--json", action="store_true")


def _open(args: argparse.Namespace) -> Library:
    from newsviewer.library import Library

    return Library.open(library_path(args.library))


def _missing(library: Library, ids: list[int]) -> list[int]:
    from newsviewer.library import marks

    known = marks.marks_of(library, ids)
    return [i for i in ids if ArticleId(i) not in known]


def _no_story(ids: list[int]) -> int:
    listed = ", ".join(f"#{i}" for i in ids)
    sys.stderr.write(f"newsviewer: no story {listed} in the library\n")
    return 1


def cmd_tag(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.library import tags

    with _open(args) as library:
        if _missing(library, [args.id]):
            return _no_story([args.id])
        if args.remove:
            tags.remove_tags(library, [args.id], args.tags)
        else:
            tags.add_tags(library, [args.id], args.tags)
        now = tags.tags_of(library, [args.id]).get(ArticleId(args.id), ())
    out.write(f"#{args.id}: " + (", ".join(now) if now else "no tags") + "\n")
    return 0


def cmd_mark(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.library import marks

    ids = list(dict.fromkeys(args.ids))
    with _open(args) as library:
        missing = _missing(library, ids)
        function, on = _MARKS[args.mark]
        changed = getattr(marks, function)(library, ids, on)
    out.write(f"{changed} changed ({args.mark})\n")
    return _no_story(missing) if missing else 0


def cmd_highlight(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.library import highlights

    with _open(args) as library:
        made = highlights.add_highlight_text(
            library, args.id, args.text, colour=args.colour, note=args.note
        )
    if args.json:
        row = {
            "id": made.id,
            "article_id": made.article_id,
            "text": made.text,
            "start": made.start,
            "end": made.end,
            "colour": made.colour,
            "note": made.note,
        }
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        out.write(f"highlighted in #{made.article_id} ({made.colour}): “{made.text}”\n")
    return 0


def export_ids(library: Library, query: str) -> list[ArticleId]:
    """The stories a query selects, newest first; every story for an empty query."""
    if not query.strip():
        return library.ids()
    return [h.id for h in library.search(query, limit=None, sort="date", exact=True)]


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.export import export_stories

    query = " ".join(args.query)
    with _open(args) as library:
        ids = export_ids(library, query)
        if not ids:
            sys.stderr.write("newsviewer: no stories to export\n")
            return 1
        written = export_stories(library, ids, args.format, args.output, title=args.title)
    out.write(f"{written} {'story' if written == 1 else 'stories'} exported to {args.output}\n")
    return 0


def cmd_tags(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.library import tags

    with _open(args) as library:
        found = tags.all_tags(library)
    for t in found:
        if args.json:
            out.write(json.dumps({"name": t.name, "stories": t.stories}, ensure_ascii=False))
            out.write("\n")
        else:
            out.write(f"{t.stories:>7}  {t.name}\n")
    return 0


def run(args: argparse.Namespace, out: TextIO) -> int:
    handlers = {
        "tag": cmd_tag,
        "mark": cmd_mark,
        "highlight": cmd_highlight,
        "export": cmd_export,
        "tags": cmd_tags,
    }
    return handlers[args.command](args, out)
