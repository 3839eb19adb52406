"""Files that are not what they seem: each answered at once with a reason, or read
with what is unsafe in it left out; never a traceback, never a stalled import."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from newsviewer.cli import main
from newsviewer.domain import Article, Block, Figure
from newsviewer.importers import parse_file, pipeline
from newsviewer.importers.base import SourceFile
from newsviewer.importers.text import TextImporter
from newsviewer.library import Library
from newsviewer.parse_worker import ParsedFile, parse_one
from tests.formats_story import png

BODY = "The council met on Tuesday to discuss the harbour wall and the ferry timetable. " * 3


def _parse_within(path: Path, seconds: float = 20) -> list[ParsedFile]:
    done: list[list[ParsedFile]] = []
    thread = threading.Thread(target=lambda: done.append(parse_one(path)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert done, f"reading {path.name} did not end"
    return done[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    [parsed] = _parse_within(fifo)
    assert parsed.reason == "not a regular file (a device, a pipe or a socket)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "story.txt"
    link.symlink_to("/dev/zero")
    [parsed] = _parse_within(link)
    assert parsed.reason == "not a regular file (a device, a pipe or a socket)"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("long.md", f"# Harbour wall\n\n{BODY}\n\n![The wall]({'a' * 300}.png)\n"),
        (
            "long.html",
            f"<html><body><article><h1>Harbour wall</h1><p>{BODY}</p>"
            f"<img src='{'b' * 300}.jpg' alt='The wall'><p>{BODY}</p></article></body></html>",
        ),
    ],
)
def test_an_image_name_over_the_system_limit_leaves_the_story_readable(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    article, _ = parse_file(path)
    assert article.title == "Harbour wall"
    assert all(f.image is None for f in article.figures)


BOMB = """---
title: Harbour wall
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
summary: *g
---
"""


@pytest.mark.parametrize(
    "front",
    [
        BOMB,
        "---\ntitle: " + "[" * 60_000 + "\n---\n",  # PyYAML's scanner: ten minutes
        "---\ntitle: " + "[{" * 100 + "}]" * 100 + "\n---\n",
        "---\ntitle: [\n---\n",
    ],
)
def test_bad_front_matter_is_ignored_with_a_warning_and_the_story_imports(
    tmp_path: Path, front: str
) -> None:
    path = tmp_path / "story.md"
    path.write_text(front + f"\n# Harbour wall\n\n{BODY}\n", encoding="utf-8")
    article, _ = parse_file(path)
    assert article.title == "Harbour wall"
    assert article.summary == ""
    assert article.text.startswith("The council met")
    assert len(article.warnings) == 1
    assert article.warnings[0].startswith("the front matter ")
    assert "was ignored" in article.warnings[0]


def test_lone_surrogates_and_script_links_in_a_page_are_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ld = (
        '{"@type": "NewsArticle", "headline": "Harbour \\ud800 wall", "author": "Jo \\udfff Reyes"}'
    )
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Harbour wall</title>"
        '<link rel="canonical" href="javascript:alert(1)">'
        f'<script type="application/ld+json">{ld}</script></head><body><article>'
        f"<h1>Harbour wall</h1><p>{BODY}</p>"
        '<figure><img src="javascript:alert(2)"><figcaption>The wall</figcaption></figure>'
        f"<p>{BODY}</p></article></body></html>",
        encoding="utf-8",
    )
    assert main(["parse", str(page), "--json"]) == 0
    [doc] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    shown = json.dumps(doc)
    assert "javascript" not in shown
    assert "\\ud800" not in shown and "\\udfff" not in shown
    library = tmp_path / "lib.sqlite3"
    assert main(["--library", str(library), "import", str(page)]) == 0
    with Library.open(library) as lib:
        assert lib.count() == 1


def test_control_characters_are_not_kept_in_a_text_story(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(
        b"Harbour\x00 wall\x02 to be\x03 rebuilt\n\n" + BODY.encode() + b"\x02more\x03 text\x00\n"
    )
    article, _ = parse_file(path)
    assert article.title == "Harbour wall to be rebuilt"
    assert not any(c in article.text for c in "\x00\x02\x03")
    assert "more text" in article.text


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        (b"BM this is a text file that starts like a bitmap\n" * 4, False),
        (b"\xff\xd8\xff not a photo at all, a note\n" * 4, False),
        (png()[:-20], False),  # cut short
        (png(), True),
    ],
)
def test_only_whole_images_are_stored_as_images(tmp_path: Path, data: bytes, kept: bool) -> None:
    (tmp_path / "picture.img").write_bytes(data)
    path = tmp_path / "story.md"
    path.write_text(f"# Harbour wall\n\n{BODY}\n\n![The wall](picture.img)\n", encoding="utf-8")
    article, _ = parse_file(path)
    [figure] = article.figures
    assert (figure.image is not None) is kept
    assert figure.alt == "The wall"


def test_script_links_are_never_a_story_url_or_an_image_source(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\nurl: 'javascript:alert(1)'\n---\n"
        f"# Harbour wall\n\n{BODY}\n\n![The wall](vbscript:msgbox)\n\n"
        "![Other](https://example.org/wall.jpg)\n",
        encoding="utf-8",
    )
    article, _ = parse_file(path)
    assert article.url == ""
    assert [f.src for f in article.figures if f.src] == ["https://example.org/wall.jpg"]
    # Whatever the format, the shared last pass keeps web and inline images only.
    figures = tuple(
        Figure(src=src)
        for src in (" JavaScript:alert(1)", "vbscript:x", "file:///etc/passwd", "data:x", "a.png")
    )
    safe = pipeline.made_safe(
        Article("html", "T", url="vbscript:x", blocks=(Block("p", "x"),), figures=figures)
    )
    assert safe.url == ""
    assert [f.src for f in safe.figures] == ["", "", "", "data:x", "a.png"]


def test_parse_goes_on_after_a_bug_in_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = TextImporter.parse

    def buggy(self: TextImporter, source: SourceFile) -> object:
        if source.path.name == "bug.txt":
            raise AttributeError("a bug")
        return real(self, source)

    monkeypatch.setattr(TextImporter, "parse", buggy)
    for name in ("a.txt", "bug.txt", "b.txt"):
        (tmp_path / name).write_text(f"Story {name}\n\n{BODY}\n", encoding="utf-8")
    code = main(["parse", *(str(tmp_path / n) for n in ("a.txt", "bug.txt", "b.txt")), "--json"])
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [d.get("title") for d in docs] == ["Story a.txt", None, "Story b.txt"]
    assert docs[1]["error"].startswith("internal error while parsing")


def test_a_file_name_that_is_not_text_is_read_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes in a UTF-8 system's name
    (tmp_path / name).write_text(f"Harbour wall\n\n{BODY}\n", encoding="utf-8")
    library = tmp_path / "lib.sqlite3"
    assert main(["--library", str(library), "import", str(tmp_path / name), "--json"]) == 0
    [row] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["status"], row["title"]) == ("imported", "Harbour wall")
    assert os.fsencode(row["path"]).endswith(b"caf\xe9.txt")
