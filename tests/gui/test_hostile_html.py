"""Hostile pages: every way a page can name something remote (images, srcset,
styles, fonts, frames, media, scripts, refreshes, SVG, forms) points at a server on
127.0.0.1; importing each page and showing it in the real reader makes no request."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtWidgets import QApplication

from newsviewer.domain import IMPORTED
from newsviewer.gui.reader import ReaderView
from newsviewer.importing import import_paths
from newsviewer.library import Library

BODY = (
    "<p>The council approved the plan to rebuild the harbour wall on Tuesday, after "
    "engineers said the old stones could not survive another winter of storms.</p>"
    "<p>“We cannot let the sea take the harbour,” said Tom Reed, the council leader, "
    "at a meeting attended by dozens of fishermen and their families.</p>"
    "<p>Work is due to start in April and will take about eighteen months, with boats "
    "moved to a temporary mooring on the eastern side of the bay.</p>"
)

# Each vector names the server as {u}; the page is a plain story around it.
VECTORS = (
    '<img src="{u}/img.png">',
    '<img src="x.png" srcset="{u}/a.png 1x, {u}/b.png 2x">',
    '<picture><source srcset="{u}/p.webp"><img src="{u}/p.jpg"></picture>',
    '<figure><img src="{u}/fig.jpg"><figcaption>The wall</figcaption></figure>',
    '<img data-src="{u}/lazy.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
    '<link rel="stylesheet" href="{u}/style.css">',
    '<style>@import url("{u}/import.css"); body {{ background: url({u}/bg.png) }}</style>',
    "<style>@font-face {{ font-family: x; src: url({u}/font.woff2) }}</style>",
    '<p style="background-image: url({u}/inline.png)">Styled paragraph of the story.</p>',
    '<div background="{u}/attr.png">Old background attribute</div>',
    '<table background="{u}/table.png"><tr><td>cell</td></tr></table>',
    '<iframe src="{u}/frame.html"></iframe>',
    '<object data="{u}/object.swf"></object>',
    '<embed src="{u}/embed.swf">',
    '<video poster="{u}/poster.jpg" src="{u}/video.mp4"></video>',
    '<audio src="{u}/audio.mp3"></audio>',
    '<video><source src="{u}/source.mp4"><track src="{u}/track.vtt"></video>',
    '<script src="{u}/script.js"></script>',
    "<script>fetch('{u}/fetch'); new Image().src='{u}/beacon.gif';</script>",
    '<meta http-equiv="refresh" content="0; url={u}/refresh">',
    '<base href="{u}/base/"><img src="relative.png">',
    '<svg><image href="{u}/svg.png"/><image xlink:href="{u}/svg2.png"/></svg>',
    '<svg><use href="{u}/sprite.svg#icon"/></svg>',
    '<input type="image" src="{u}/input.png">',
    '<link rel="preload" href="{u}/preload.js"><link rel="prefetch" href="{u}/prefetch">',
    '<link rel="icon" href="{u}/favicon.ico">',
    '<form action="{u}/form"><button>Send</button></form>',
    '<a href="{u}/link">a link to read later</a>',
    '<img src="{u}/track.gif" width="1" height="1">',
    "<img src=\"javascript:fetch('{u}/js')\">",
    "<body onload=\"fetch('{u}/onload')\"><img src=x onerror=\"fetch('{u}/onerror')\">",
    '<math><mi xlink:href="{u}/math">x</mi></math>',
    '<img src="//127.0.0.1:{port}/protocol-relative.png">',
    '<img src="{u}/img.svg">',
    '<object type="image/svg+xml" data="{u}/object.svg"></object>',
    '<meta property="og:image" content="{u}/og.png">',
    '<script type="application/ld+json">{{"@type": "NewsArticle", '
    '"image": "{u}/ld.png", "url": "{u}/story"}}</script>',
    "<noscript><img src='{u}/noscript.png'></noscript>",
    '<img src="{u}/a.png" longdesc="{u}/long">',
    '<blockquote cite="{u}/cite">A quote</blockquote>',
)


class _Counter(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    do_POST = do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, int]]:
    _Counter.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", httpd.server_port
    httpd.shutdown()
    httpd.server_close()


def test_no_hostile_page_makes_a_request_on_import_or_in_the_reader(
    qapp: QApplication, tmp_path: Path, server: tuple[str, int]
) -> None:
    base, port = server
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, vector in enumerate(VECTORS):
        html = vector.format(u=base, port=port)
        (pages / f"page-{n:02}.html").write_text(
            f"<!doctype html><html><head><title>Harbour wall {n}</title></head>"
            f"<body><article><h1>Harbour wall {n}</h1>{html}{BODY}{html}</article></body></html>",
            encoding="utf-8",
        )
    with Library.open(tmp_path / "lib.sqlite3") as library:
        # (Every page is the same story: each is kept, as a user who keeps both would.)
        report = import_paths(library, [pages], workers=0, keep_duplicates=True)
        assert [o.status for o in report.outcomes] == [IMPORTED] * len(VECTORS)
        reader = ReaderView(library.figure_image)
        reader.resize(700, 500)
        reader.show()
        for outcome in report.outcomes:
            assert outcome.article_id is not None
            article = library.get(outcome.article_id)
            assert article is not None
            reader.show_article(article)
            for _ in range(5):
                qapp.processEvents()
            assert "Tom Reed" in reader.toPlainText()
        reader.close()
    assert _Counter.requests == []
