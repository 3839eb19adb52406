"""Newsletters kept as e-mail: a multipart/related .eml and an .mbox of messages."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import cast

import pytest

from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile, is_container
from newsviewer.importers.mail import EmailImporter, MboxImporter
from newsviewer.importers.registry import Registry
from tests.formats_story import (
    PARAGRAPHS,
    PHOTO,
    SITE,
    TITLE,
    assert_photo,
    assert_story,
    body_html,
)

MARCH_5 = datetime(2024, 3, 5, 8, 30, tzinfo=UTC)


def newsletter(
    subject: str = TITLE,
    date: str = "Tue, 05 Mar 2024 08:30:00 +0000",
    *,
    meta_charset: str = "utf-8",
    town: str = "",
) -> bytes:
    """A newsletter as a mailing program sends it: text and HTML alternatives, the
    HTML with its photo as a related part, a tracking pixel and an unsubscribe footer."""
    msg = EmailMessage()
    msg["Return-Path"] = "<bounce-42@mail.gazette.example>"
    msg["From"] = f"{SITE} <briefing@gazette.example>"
    msg["To"] = "reader@example.org"
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = "<20240305083000.42@mail.gazette.example>"
    msg["List-Unsubscribe"] = "<https://gazette.example/unsub?u=42>"
    msg.set_content("\n\n".join(PARAGRAPHS) + "\n\nUnsubscribe: https://gazette.example/unsub\n")
    html = f"""<!DOCTYPE html><html><head><meta charset="{meta_charset}">
<title>{subject}</title></head><body><table width="100%"><tr><td align="center">
<p class="preheader"><a href="https://gazette.example/view/42">View this email in your browser</a>
</p>
<table width="600"><tr><td>
<h1>{TITLE}</h1>
<p>By Maria Lopez</p>
{body_html("cid:photo1@gazette.example")}
</td></tr></table>
<table width="600"><tr><td class="footer">
<p>You are receiving this email because you signed up at gazette.example.</p>
<p><a href="https://gazette.example/unsub?u=42">Unsubscribe</a> |
<a href="https://gazette.example/prefs">Manage preferences</a></p>
<p>The Coastal Gazette, 1 Quay Street, Port Alder</p>
</td></tr></table>
<img src="https://track.gazette.example/open?u=42" width="1" height="1" alt="">
</td></tr></table></body></html>"""
    if town:
        html = html.replace("Port Alder", town)
    msg.add_alternative(html, subtype="html")
    html_part = cast(EmailMessage, msg.get_payload()[1])  # type: ignore[index]
    html_part.add_related(PHOTO, maintype="image", subtype="png", cid="<photo1@gazette.example>")
    return msg.as_bytes(policy=SMTP)


def plain_message(subject: str, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Harbour Watch <watch@example.org>"
    msg["To"] = "reader@example.org"
    msg["Subject"] = subject
    msg["Date"] = "Wed, 06 Mar 2024 07:00:00 +0000"
    msg.set_content(body)
    return msg.as_bytes(policy=SMTP)


def mbox(*messages: bytes) -> bytes:
    """An mbox as mail programs write it: a From_ line per message, body lines starting
    with "From " quoted as ">From "."""
    out = b""
    for raw in messages:
        quoted = b"\n".join(
            b">" + line if line.lstrip(b">").startswith(b"From ") else line
            for line in raw.replace(b"\r\n", b"\n").split(b"\n")
        )
        out += b"From MAILER-DAEMON Tue Mar  5 08:30:00 2024\n" + quoted.rstrip(b"\n") + b"\n\n"
    return out


def test_newsletter_subject_sender_date_photo_and_no_furniture() -> None:
    article = EmailImporter().parse(SourceFile(path=Path("briefing.eml"), data=newsletter()))
    assert article.format == "email"
    assert article.title == TITLE
    assert article.site == SITE
    assert article.published == MARCH_5
    done = assert_story(article, published=MARCH_5)
    assert_photo(done)
    assert len(done.figures) == 1  # the tracking pixel is gone
    for furniture in ("Unsubscribe", "View this email", "receiving this email", "preferences"):
        assert furniture not in done.text


def test_mbox_has_one_story_per_message_with_from_quoting_undone() -> None:
    letter = (
        "From the harbour office, the latest on the rebuilding works and moorings.\n\n"
        '"The boats are safe for now," said Ana Silva, who runs the harbour office.\n'
    )
    data = mbox(newsletter(), plain_message("Harbour Watch: week 10", letter))
    assert b"\n>From the harbour office" in data
    parts = list(MboxImporter().parse_parts(SourceFile(path=Path("inbox.mbox"), data=data)))
    assert [p.number for p in parts] == [1, 2]
    assert [p.label for p in parts] == [TITLE, "Harbour Watch: week 10"]
    first, second = parts[0].article, parts[1].article
    assert first is not None and second is not None
    assert_story(first, published=MARCH_5)
    assert second.title == "Harbour Watch: week 10"
    assert second.site == "Harbour Watch"
    assert second.blocks[0].text.startswith("From the harbour office")
    assert parts[0].original != parts[1].original


def test_sniffed_by_content() -> None:
    registry = Registry()
    assert registry.choose(Path("letter.txt"), newsletter()[:4096]).name == "email"
    chosen = registry.choose(Path("Inbox"), mbox(newsletter())[:4096])
    assert chosen.name == "mbox" and is_container(chosen)


def test_a_cut_off_message_is_refused_and_its_neighbours_import() -> None:
    whole = newsletter()
    with pytest.raises(ParseError, match="cut off"):
        EmailImporter().parse(SourceFile(path=Path("x.eml"), data=whole[: len(whole) - 400]))
    data = mbox(plain_message("First", "A first letter about the harbour wall and its repair."))
    data += b"From MAILER-DAEMON Tue Mar  5 08:30:00 2024\n" + whole[: len(whole) - 400]
    parts = list(MboxImporter().parse_parts(SourceFile(path=Path("x.mbox"), data=data)))
    assert parts[0].article is not None
    assert parts[1].article is None and "cut off" in parts[1].reason


@pytest.mark.parametrize(
    ("importer", "data", "reason"),
    [
        (EmailImporter(), b"Hello there, this is not a message at all.", "not an e-mail"),
        (MboxImporter(), b"Subject: x\n\nno From_ line", "not a mailbox"),
        (MboxImporter(), b"From x Tue Mar  5 08:30:00 2024\n\n", "no messages"),
    ],
)
def test_broken_files_are_refused(importer, data: bytes, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError, match=reason):
        if hasattr(importer, "parse_parts"):
            list(importer.parse_parts(SourceFile(path=Path("x"), data=data)))
        else:
            importer.parse(SourceFile(path=Path("x"), data=data))


def test_the_part_charset_wins_over_a_stale_meta_charset() -> None:
    data = newsletter(meta_charset="iso-8859-1", town="Łódź")
    article = EmailImporter().parse(SourceFile(path=Path("b.eml"), data=data))
    assert "Łódź" in article.text


def test_encoded_subject_and_sender_are_decoded() -> None:
    data = newsletter(subject="Łódź: harbour wall to be rebuilt").replace(
        b"From: The Coastal Gazette", b"From: =?utf-8?q?Gazeta_Wybrze=C5=BCa?="
    )
    assert b"=?utf-8?" in data.split(b"\n\n")[0]
    article = EmailImporter().parse(SourceFile(path=Path("b.eml"), data=data))
    assert article.title == "Łódź: harbour wall to be rebuilt"
    assert article.site == "Gazeta Wybrzeża"
