"""MIME messages for the MHTML and e-mail importers, read quickly.

The ``email`` package's modern policy parses a header into a structured object every
time it is read, about a millisecond each; a mailbox of ten thousand newsletters or a
page of five thousand parts reads thousands of headers. The classic ``compat32``
policy keeps them as strings, and the few we need are decoded here.
"""

from __future__ import annotations

import email
import re
from email.errors import CloseBoundaryNotFoundDefect, HeaderParseError, StartBoundaryNotFoundDefect
from email.header import decode_header, make_header
from email.message import Message
from email.policy import compat32

_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


def read_message(data: bytes) -> Message:
    return email.message_from_bytes(data, policy=compat32)


def header_block(head: bytes) -> bytes:
    """The header lines of a message: everything before the first blank line."""
    end = _BLANK_LINE.search(head)
    return head[: end.start()] if end else head


def header(message: Message, name: str) -> str:
    """A header's text with RFC 2047 encoded words (``=?utf-8?Q?...?=``) decoded."""
    raw = message.get(name)
    if raw is None:
        return ""
    try:
        text = str(make_header(decode_header(str(raw))))
    except (HeaderParseError, UnicodeError, LookupError, ValueError):
        text = str(raw)
    return " ".join(text.split())


def cut_off(message: Message) -> bool:
    """True when a multipart message ends before its closing boundary."""
    return any(
        isinstance(d, CloseBoundaryNotFoundDefect | StartBoundaryNotFoundDefect)
        for d in message.defects
    )


def payload(part: Message) -> bytes:
    """A part's bytes with its transfer encoding undone."""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def text_of(part: Message) -> str:
    """A text part decoded by its charset (UTF-8 when it names none or an unknown one)."""
    data = payload(part)
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def body_part(message: Message) -> Message | None:
    """The message's HTML part, else its plain-text part; attachments are not the body."""
    html: Message | None = None
    plain: Message | None = None
    for part in message.walk():
        if part.is_multipart():
            continue
        if str(part.get("Content-Disposition") or "").strip().lower().startswith("attachment"):
            continue
        kind = part.get_content_type()
        if kind == "text/html" and html is None:
            html = part
        elif kind == "text/plain" and plain is None:
            plain = part
    return html or plain
