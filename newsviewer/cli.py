"""The command line: the same services as the window, for scripts and people."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from newsviewer.cli_library import COMMANDS as LIBRARY_COMMANDS
from newsviewer.cli_library import add_commands
from newsviewer.cli_quotes import COMMANDS as QUOTE_COMMANDS
from newsviewer.cli_quotes import add_commands as add_quote_commands
from newsviewer.domain import (
    DUPLICATE,
    FAILED,
    HIT_CLOSE,
    HIT_OPEN,
    IMPORTED,
    Article,
    ArticleId,
    Figure,
    FileOutcome,
    StoredArticle,
    StoredFigure,
)
from newsviewer.errors import NewsViewerError
from newsviewer.paths import library_path

COMMANDS = ("import", "search", "show", "parse", *LIBRARY_COMMANDS, *QUOTE_COMMANDS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsviewer",
        description="Keep news articles offline. With no command, opens the window "
        "(and imports any files given).",
    )
    parser.add_argument(
        "--library",
        metavar="PATH",
        help="library file to use (default: $NEWSVIEWER_LIBRARY, else the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import article files and folders into the library")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="store a story already in the library from another file (same address or "
        "nearly the same words) as a second copy, instead of reporting it as a duplicate",
    )

    p = sub.add_parser("search", help="full-text search of the library")
    # Several words are one query; after "--" a query may start with "-".
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20, help="most results to show (default 20)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="print one stored article")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("parse", help="parse files without touching the library")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per line (default)")
    add_commands(sub)
    add_quote_commands(sub)
    return parser


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def article_json(article: Article | StoredArticle) -> dict[str, Any]:
    """The stable JSON shape of an article (``parse --json`` and ``show --json``)."""
    from newsviewer.text.speakers import story_speakers

    return {
        "format": article.format,
        "title": article.title,
        "summary": article.summary,
        "byline": article.byline,
        "authors": list(article.authors),
        "published": _iso(article.published),
        "published_inferred": article.published_inferred,
        "site": article.site,
        "url": article.url,
        "language": article.language,
        "text": article.text,
        "figures": [_figure_json(f) for f in article.figures],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "mention": q.mention,
                "cue": q.cue,
                "role": q.role,
                "confidence": q.confidence,
            }
            for q in article.quotes
        ],
        # Who speaks in the story: each person once, under the name every mention of
        # them resolved to ("Trump", "the president", "he" -> Donald Trump).
        "speakers": [
            {"name": s.name, "role": s.role, "mentions": list(s.mentions), "quotes": s.quotes}
            for s in story_speakers(article.quotes)
        ],
    }


def _figure_json(figure: Figure | StoredFigure) -> dict[str, Any]:
    shown: dict[str, Any] = {"src": figure.src, "caption": figure.caption, "credit": figure.credit}
    if isinstance(figure, Figure):
        # So that scripts can check the images were kept: 0 when only the URL is known.
        shown["image_bytes"] = len(figure.image or b"")
    return shown


def _emit(obj: dict[str, Any], out: TextIO) -> None:
    line = json.dumps(obj, ensure_ascii=False) + "\n"
    try:
        out.write(line)
    except UnicodeEncodeError:
        # A file name that is not valid text (bytes kept as lone surrogates) or a
        # terminal without UTF-8: escaped, the line is still valid JSON, and the name
        # still round-trips through os.fsencode.
        out.write(json.dumps(obj) + "\n")


def _write(text: str, out: TextIO) -> None:
    try:
        out.write(text)
    except UnicodeEncodeError:
        out.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def _where(path: Path | str, part: int) -> dict[str, Any]:
    # "part" only for a story inside a file that holds several.
    return {"path": str(path), "part": part} if part else {"path": str(path)}


def cmd_parse(files: Sequence[Path], out: TextIO) -> int:
    from newsviewer.parse_worker import parse_path

    status = 0
    for path in files:
        # parse_path answers for every file, whatever goes wrong inside it.
        for parsed in parse_path(path):
            article = parsed.article
            if article is None:
                _emit({**_where(path, parsed.part), "error": parsed.reason}, out)
                status = 1
                continue
            _emit(
                {
                    **_where(path, parsed.part),
                    **article_json(article),
                    "warnings": list(article.warnings),
                },
                out,
            )
            out.flush()
    return status


def _open_library(args: argparse.Namespace) -> Any:
    from newsviewer.library import Library

    return Library.open(library_path(args.library))


def _outcome_line(o: FileOutcome) -> str:
    if o.status == IMPORTED:
        return f"imported   #{o.article_id}  {o.shown}  — {o.title}"
    if o.status == FAILED:
        label = f" ({o.label})" if o.part and o.label else ""
        return f"failed     {o.shown}{label}: {o.reason}"
    if o.repeats:
        return f"duplicate  #{o.article_id}  {o.shown}  (already in the library: {o.reason})"
    return f"duplicate  #{o.article_id}  {o.shown}  (already in the library)"


def similar_to(library: Any, outcome: FileOutcome) -> list[Any]:
    """Stories an imported one repeats (none for a failure or an exact duplicate)."""
    if outcome.status == DUPLICATE and outcome.repeats and outcome.article_id is not None:
        from newsviewer.library.dedupe import Similar

        return [Similar(outcome.article_id, outcome.repeats, "")]
    if outcome.status != IMPORTED or outcome.article_id is None:
        return []
    from newsviewer.library.dedupe import find_similar

    return find_similar(library, outcome.article_id)


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from newsviewer.importing import import_paths

    library = _open_library(args)

    def report(o: FileOutcome) -> None:
        # A story saved before under another file: the same address or the same words.
        found = similar_to(library, o)
        if args.json:
            _emit(
                {
                    **_where(o.path, o.part),
                    "status": o.status,
                    "id": o.article_id,
                    "title": o.title or (o.label if o.part else "") or None,
                    "format": o.format or None,
                    "reason": o.reason or None,
                    "similar": [{"id": s.article_id, "why": s.reason} for s in found],
                },
                out,
            )
        else:
            _write(_outcome_line(o) + "\n", out)
            for s in found if o.status == IMPORTED else ():
                _write(f"           already in the library as #{s.article_id} ({s.reason})\n", out)
        out.flush()

    # (A NewsViewer JSON export is restored whole: stories, tags, marks, highlights.)
    try:
        result = import_paths(
            library, args.paths, on_outcome=report, keep_duplicates=args.keep_duplicates
        )
    finally:
        library.close()
    if not args.json:
        out.write(
            f"{result.count(IMPORTED)} imported, {result.count(DUPLICATE)} duplicates, "
            f"{result.count(FAILED)} failed\n"
        )
        if any(o.repeats for o in result.outcomes):
            out.write(
                "stories already in the library from another file were not stored again; "
                "import them with --keep-duplicates to keep both copies\n"
            )
    return 1 if result.count(FAILED) else 0


def _marked(snippet: str, tty: bool) -> str:
    if tty:
        return snippet.replace(HIT_OPEN, "\x1b[1m").replace(HIT_CLOSE, "\x1b[0m")
    return snippet.replace(HIT_OPEN, "**").replace(HIT_CLOSE, "**")


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    library = _open_library(args)
    try:
        hits = library.search(" ".join(args.query), limit=max(args.limit, 1))
        rows = {s.id: s for s in library.summaries([h.id for h in hits])}
    finally:
        library.close()
    tty = out.isatty()
    for hit in hits:
        row = rows.get(hit.id)
        if row is None:
            continue
        if args.json:
            _emit(
                {
                    "id": hit.id,
                    "title": row.title,
                    "site": row.site,
                    "published": _iso(row.published),
                    "rank": hit.rank,
                    "snippet": _marked(hit.snippet, False),
                },
                out,
            )
        else:
            date = row.published.date().isoformat() if row.published else ""
            meta = " · ".join(x for x in (row.site, date) if x)
            out.write(f"#{hit.id}  {row.title}" + (f"  ({meta})" if meta else "") + "\n")
            out.write(f"    {_marked(hit.snippet, tty)}\n")
    if not hits and not args.json:
        out.write("no stories match\n")
    return 0


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    library = _open_library(args)
    try:
        article = library.get(ArticleId(args.id))
    finally:
        library.close()
    if article is None:
        sys.stderr.write(f"newsviewer: no article #{args.id} in the library\n")
        return 1
    if args.json:
        _emit(
            {
                "id": article.id,
                **article_json(article),
                "source": article.source_path,
                "imported": _iso(article.imported_at),
            },
            out,
        )
        return 0
    out.write(article.title + "\n" + "=" * min(len(article.title), 78) + "\n")
    if article.summary:
        out.write(article.summary + "\n")
    date = article.published.isoformat() if article.published else ""
    if article.published_inferred and date:
        date += " (inferred)"
    meta = " · ".join(x for x in (article.byline, article.site, date) if x)
    if meta:
        out.write(meta + "\n")
    out.write("\n")
    for fig in article.figures:
        label = "image" if fig.has_image else "image not stored"
        out.write(f"[{label}] {fig.caption}" + (f" ({fig.credit})" if fig.credit else "") + "\n")
    if article.figures:
        out.write("\n")
    out.write(article.text + "\n")
    if article.quotes:
        out.write("\nQuotations:\n")
        for q in article.quotes:
            out.write(f"  {q.speaker or 'unattributed'}: “{q.text}”\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # Anything that is not a command opens the window, with files to import.
    first = next((a for a in _skip_global(argv)), None)
    if first is None or (first not in COMMANDS and not first.startswith("-")):
        if first is not None and _looks_like_command(first):
            parser.print_usage(sys.stderr)
            sys.stderr.write(
                f"newsviewer: unknown command '{first}'; the commands are: {', '.join(COMMANDS)}\n"
            )
            return 2
        return _run_gui(argv)
    hint = _dash_query_hint(_skip_global(argv))
    if hint:
        sys.stderr.write(hint)
        return 2
    args = parser.parse_args(argv)
    if args.command is None:
        return _run_gui(argv)
    out = sys.stdout
    try:
        if args.command == "parse":
            return cmd_parse(args.files, out)
        if args.command == "import":
            return cmd_import(args, out)
        if args.command == "search":
            return cmd_search(args, out)
        if args.command in LIBRARY_COMMANDS:
            from newsviewer.cli_library import run

            return run(args, out)
        if args.command in QUOTE_COMMANDS:
            from newsviewer.cli_quotes import run as run_quotes

            return run_quotes(args, out)
        return cmd_show(args, out)
    except NewsViewerError as exc:
        sys.stderr.write(f"newsviewer: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0


# The search command's own options; any other word starting with "-" is a query word.
_SEARCH_OPTIONS = {"--json", "--limit", "-h", "--help"}


def _taken_for_option(word: str) -> bool:
    """Whether argparse reads ``word`` as an option: "-" alone, a negative number and
    words holding a space are query words to it."""
    return (
        word.startswith("-")
        and word != "-"
        and " " not in word
        and re.fullmatch(r"-\d+|-\d*\.\d+", word) is None
    )


def _dash_query_hint(argv: list[str]) -> str:
    """How to search for words starting with "-", when they were given without "--"
    (argparse would take them for unknown options and say only that a query is missing)."""
    if not argv or argv[0] != "search" or "--" in argv:
        return ""
    words = argv[1:]
    takes_value = {i + 1 for i, w in enumerate(words) if w == "--limit"}
    dashed = [
        w
        for i, w in enumerate(words)
        if _taken_for_option(w) and i not in takes_value and w.split("=")[0] not in _SEARCH_OPTIONS
    ]
    if not dashed:
        return ""
    option = [i in takes_value or w.split("=")[0] in _SEARCH_OPTIONS for i, w in enumerate(words)]
    query = [w for w, is_option in zip(words, option, strict=True) if not is_option]
    options = [w for w, is_option in zip(words, option, strict=True) if is_option]
    return (
        f"newsviewer search: {dashed[0]!r} looks like an option; a query that starts with "
        f"'-' goes after '--':\n  newsviewer search {' '.join([*options, '--', *query])}\n"
    )


def _looks_like_command(word: str) -> bool:
    """A bare word that names no file: a mistyped command, not a story to open."""
    return re.fullmatch(r"[A-Za-z][\w-]*", word) is not None and not Path(word).exists()


def _skip_global(argv: list[str]) -> list[str]:
    rest: list[str] = []
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a == "--library":
            skip = True
            continue
        if a.startswith("--library="):
            continue
        rest.append(a)
    return rest


def _run_gui(argv: list[str]) -> int:
    gui = argparse.ArgumentParser(prog="newsviewer", description="Open the window.")
    gui.add_argument("--library", metavar="PATH")
    gui.add_argument("files", nargs="*", type=Path)
    args = gui.parse_args(argv)
    from newsviewer.gui.app import run

    return run(library_path(args.library), list(args.files))
