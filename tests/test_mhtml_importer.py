"""A page saved by Chrome as "Webpage, Single File" (.mhtml)."""

from __future__ import annotations

import base64
import quopri
from datetime import datetime
from pathlib import Path

import pytest

from newsviewer.domain import Article
from newsviewer.errors import ParseError
from newsviewer.importers.base import SourceFile
from newsviewer.importers.mhtml import MhtmlImporter
from newsviewer.importers.registry import Registry
from tests.formats_story import IMAGE_URL, PHOTO, URL, assert_photo, assert_story, page_html

BOUNDARY = "----MultipartBoundary--Qm9sZ2VyYW5kSGFyYm91cldhbGxTdG9yeQ----"


def chrome_mhtml(
    img_src: str = IMAGE_URL, *, cid: bool = False, charset: str = "", town: str = ""
) -> bytes:
    """The file as Chrome writes it: headers, a quoted-printable page, base64 parts."""
    html = page_html(img_src, '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">')
    if town:
        html = html.replace("Port Alder", town)
    page_type = f"text/html; charset={charset}" if charset else "text/html"
    encoded = html.encode(charset or "utf-8")
    qp = quopri.encodestring(encoded).decode("ascii").replace("\n", "\r\n")
    image = base64.encodebytes(PHOTO).decode("ascii").replace("\n", "\r\n")
    image_id = "Content-ID: <image-1@mhtml.blink>\r\n" if cid else ""
    return (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {URL}\r\n"
        "Subject: =?utf-8?Q?Harbour_wall_to_be_rebuilt_after_winter_storms_|_The_Coastal_Ga?=\r\n"
        " =?utf-8?Q?zette?=\r\n"
        "Date: Sat, 5 Dec 2026 10:12:30 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        '\ttype="text/html";\r\n'
        f'\tboundary="{BOUNDARY}"\r\n'
        "\r\n\r\n"
        f"--{BOUNDARY}\r\n"
        f"Content-Type: {page_type}\r\n"
        "Content-ID: <frame-9C1E2B7A4F@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {URL}\r\n"
        "\r\n"
        f"{qp}\r\n"
        f"--{BOUNDARY}\r\n"
        "Content-Type: text/css\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: cid:css-1@mhtml.blink\r\n"
        "\r\n"
        "@charset =22utf-8=22;\r\n"
        f"--{BOUNDARY}\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        f"{image_id}"
        f"Content-Location: {IMAGE_URL}\r\n"
        "\r\n"
        f"{image}\r\n"
        f"--{BOUNDARY}--\r\n"
    ).encode("ascii")


def parse(data: bytes, name: str = "page.mhtml") -> Article:
    return MhtmlImporter().parse(SourceFile(path=Path(name), data=data))


def test_chrome_single_file_page_keeps_story_url_and_photo() -> None:
    article = parse(chrome_mhtml())
    assert article.format == "mhtml"
    assert article.url == URL
    assert article.authors == ("Maria Lopez",)
    assert article.site == "The Coastal Gazette"
    done = assert_story(article, published=datetime(2024, 3, 5, 8, 30))
    assert_photo(done)


def test_relative_and_cid_image_links_find_their_parts() -> None:
    assert_photo(parse(chrome_mhtml("//cdn.gazette.example/img/harbour.png")))
    assert_photo(parse(chrome_mhtml("cid:image-1@mhtml.blink", cid=True)))


def test_the_part_charset_is_honoured() -> None:
    data = chrome_mhtml(charset="iso-8859-2", town="Łódź")
    # The page's <meta> says UTF-8; the part's own charset is the truth.
    assert "Łódź" in assert_story(parse(data)).text


def test_sniffed_by_content_under_any_name() -> None:
    data = chrome_mhtml()
    chosen = Registry().choose(Path("download.bin"), data[:4096])
    assert chosen.name == "mhtml"
    # A plain e-mail is not a saved page.
    assert not MhtmlImporter().sniff(b"From: a@b.example\r\nSubject: hi\r\n\r\nhello")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (chrome_mhtml()[:3000], "cut off"),
        (chrome_mhtml().replace(b"text/html", b"text/plain"), "no web page"),
        (
            chrome_mhtml()
            .replace(b"Content-Type: image/png", b"Content-Type: image/png")
            .replace(b"iVBOR", b"!!**"),
            "damaged",
        ),
    ],
)
def test_broken_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse(data)


def test_a_file_of_too_many_parts_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsviewer.importers import mhtml

    monkeypatch.setattr(mhtml, "_MAX_PARTS", 2)
    with pytest.raises(ParseError, match="too many parts"):
        parse(chrome_mhtml())
