"""Small files of every container format, for the bundle's smoke test.

    python packaging/smoke_formats.py OUT_DIR

Each format's parser may load modules or data files of its own (pdfminer's, the email
package, zipfile...), which a frozen bundle lacks if PyInstaller did not see them:
packaging/smoke-test.sh parses these files with the source tree and with the bundle and
requires the same result. The stories are synthetic; each is long enough to be kept.
"""

from __future__ import annotations

import gzip
import io
import mailbox
import sys
import tarfile
import zipfile
from email.message import EmailMessage
from pathlib import Path

TITLE = "Lighthouse keeper retires after forty years"
PARAGRAPHS = (
    "The last keeper of the Point lighthouse retired on Friday after forty years in the "
    "job, the coastal trust said.",
    '"I will miss the sea more than the stairs," said Morag Reid, who climbed them every '
    "night to check the lamp.",
    "The light has been automatic since 1998, but the trust kept a keeper to look after the "
    "building and to show visitors round in the summer.",
)
URL = "https://coast.example/news/lighthouse-keeper"
PAGE = (
    f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head>"
    f"<body><article><h1>{TITLE}</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></body></html>"
)


def feed() -> bytes:
    escaped = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)
    items = "".join(
        f"<item><title>{title}</title><link>{URL}/{n}</link>"
        f"<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate>"
        f"<description>{escaped}</description></item>"
        for n, title in enumerate((TITLE, "Ferry timetable changes for the summer"))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Coast News</title><link>https://coast.example/</link>{items}</channel></rss>"
    ).encode()


def mhtml() -> bytes:
    lines = [
        "From: <Saved by Blink>",
        f"Subject: {TITLE}",
        "MIME-Version: 1.0",
        'Content-Type: multipart/related; type="text/html"; boundary="----B"',
        "",
        "------B",
        "Content-Type: text/html",
        f"Content-Location: {URL}",
        "",
        PAGE,
        "------B--",
        "",
    ]
    return "\r\n".join(lines).encode()


def message(subject: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = "Coast News <news@coast.example>"
    mail["To"] = "reader@example.org"
    mail["Subject"] = subject
    mail["Date"] = "Mon, 02 Jun 2025 08:00:00 +0000"
    mail.set_content("\n\n".join(PARAGRAPHS))
    mail.add_alternative(PAGE, subtype="html")
    return mail


def mbox(path: Path) -> None:
    box = mailbox.mbox(str(path))
    for subject in (TITLE, "Ferry timetable changes for the summer"):
        box.add(message(subject))
    box.close()


def pdf(path: Path) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPainter, QPdfWriter

    _app = QGuiApplication.instance() or QGuiApplication(["smoke", "-platform", "offscreen"])
    writer = QPdfWriter(str(path))
    writer.setTitle(TITLE)
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 20))
    painter.drawText(QRectF(56, 60, 480, 60), int(Qt.TextFlag.TextWordWrap), TITLE)
    painter.setFont(QFont("DejaVu Serif", 11))
    for n, paragraph in enumerate(PARAGRAPHS):
        rect = QRectF(56, 140 + n * 70, 480, 70)
        painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), paragraph)
    painter.end()


def epub() -> bytes:
    chapter = PAGE.replace("<!DOCTYPE html><html>", '<html xmlns="http://www.w3.org/1999/xhtml">')
    files = {
        "META-INF/container.xml": (
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>"
        ),
        "OEBPS/content.opf": (
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
            'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:identifier id="id">coast-news-2025</dc:identifier><dc:title>Coast News</dc:title>'
            "<dc:language>en</dc:language></metadata><manifest>"
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
            '<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>'
            '<spine><itemref idref="c1"/></spine></package>'
        ),
        "OEBPS/nav.xhtml": (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f'<body><nav epub:type="toc"><ol><li><a href="c1.xhtml">{TITLE}</a></li></ol></nav>'
            "</body></html>"
        ),
        "OEBPS/c1.xhtml": chapter,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


def warc() -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + PAGE.encode()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        "WARC-Record-ID: <urn:uuid:6f1b7d1e-3c1a-4c55-9a51-0d3f5b0e2a11>\r\n"
        f"WARC-Date: 2025-06-02T08:00:00Z\r\nWARC-Target-URI: {URL}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    (out / "feed.rss").write_bytes(feed())
    (out / "page.mhtml").write_bytes(mhtml())
    (out / "story.eml").write_bytes(bytes(message(TITLE)))
    mbox(out / "stories.mbox")
    pdf(out / "story.pdf")
    (out / "book.epub").write_bytes(epub())
    (out / "crawl.warc.gz").write_bytes(warc())
    with zipfile.ZipFile(out / "pages.zip", "w") as z:
        z.writestr("lighthouse.html", PAGE)
        z.writestr("lighthouse.txt", TITLE + "\n\n" + "\n\n".join(PARAGRAPHS))
    with tarfile.open(out / "pages.tar.gz", "w:gz") as tar:
        data = PAGE.encode()
        info = tarfile.TarInfo("lighthouse.html")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
