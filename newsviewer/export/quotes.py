"""The Quotes view's list as a file: CSV for a spreadsheet, Markdown for a note.

Both keep the list's order and say who said each quotation, in what role, in which
story, site and date, with the story's address, so a reader can cite from the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from newsviewer.library.ledger import LedgerQuote

CSV_COLUMNS = ("date", "speaker", "role", "quotation", "story", "site", "url", "quote_id")


def _day(q: LedgerQuote) -> str:
    return q.published.date().isoformat() if q.published else ""


def to_csv(quotes: Sequence[LedgerQuote]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in quotes:
        writer.writerow(
            (
                _day(q),
                q.speaker or "",
                q.role or "",
                " ".join(q.text.split()),
                q.title,
                q.site,
                q.url,
                q.id,
            )
        )
    return out.getvalue()


def _md(text: str) -> str:
    """Text that Markdown shows as written (its marks escaped)."""
    for mark in ("\\", "*", "_", "[", "]", "`", "<", ">", "#"):
        text = text.replace(mark, "\\" + mark)
    return text


def to_markdown(quotes: Sequence[LedgerQuote], title: str = "Quotations") -> str:
    lines = [f"# {_md(title)}", ""]
    for q in quotes:
        who = q.speaker or "unattributed"
        if q.role:
            who += f" ({q.role})"
        source = ", ".join(x for x in (f"*{_md(q.title)}*", _md(q.site), _day(q)) if x.strip("*"))
        link = f" <{q.url}>" if q.url else ""
        lines += [
            f"> “{_md(' '.join(q.text.split()))}”",
            ">",
            f"> — {_md(who)}, {source}{link}",
            "",
        ]
    return "\n".join(lines)


def write(path: Path, quotes: Sequence[LedgerQuote], title: str = "Quotations") -> None:
    """Write ``quotes`` as CSV when ``path`` ends in .csv, else as Markdown."""
    text = to_csv(quotes) if path.suffix.lower() == ".csv" else to_markdown(quotes, title)
    path.write_text(text, encoding="utf-8")
