"""The command line's fixed forms for tags, marks, highlights and export; unknown commands."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsviewer import __main__ as entry
from newsviewer.cli import main
from newsviewer.domain import ARCHIVED, READ, STARRED, Highlight
from newsviewer.library import Library, marks, tags
from newsviewer.library import highlights as hl
from tests.living_helpers import fill, story


@pytest.fixture
def lib_path(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as library:
        fill(library, 3)
    return path


def run(lib_path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--library", str(lib_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_tag_adds_and_removes(lib_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(lib_path, "tag", "1", "Iraq", "foreign policy", capsys=capsys) == (
        0,
        "#1: foreign policy, Iraq\n",
        "",
    )
    assert run(lib_path, "tag", "1", "iraq", "--remove", capsys=capsys)[1] == "#1: foreign policy\n"
    code, _, err = run(lib_path, "tag", "99", "x", capsys=capsys)
    assert code == 1 and "no story #99" in err
    code, out, _ = run(lib_path, "tags", "--json", capsys=capsys)
    # A tag taken off its last story stays listed, for use again.
    assert out == '{"name": "foreign policy", "stories": 1}\n{"name": "Iraq", "stories": 0}\n'


def test_mark_sets_each_mark_on_several_stories(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(lib_path, "mark", "1", "2", "--read", capsys=capsys)[:2] == (0, "2 changed (read)\n")
    run(lib_path, "mark", "2", "3", "--star", capsys=capsys)
    run(lib_path, "mark", "3", "--archive", capsys=capsys)
    run(lib_path, "mark", "2", "--unread", capsys=capsys)
    with Library.open(lib_path) as library:
        assert marks.counts(library) == marks.Counts(3, unread=2, starred=2, archived=1)
    run(lib_path, "mark", "2", "--unstar", capsys=capsys)
    run(lib_path, "mark", "3", "--unarchive", capsys=capsys)
    with Library.open(lib_path) as library:
        assert marks.counts(library) == marks.Counts(3, unread=2, starred=1, archived=0)
    with pytest.raises(SystemExit):
        main(["--library", str(lib_path), "mark", "1", "--read", "--star"])  # one at a time
    code, _, err = run(lib_path, "mark", "1", "77", "--star", capsys=capsys)
    assert code == 1 and "no story #77" in err


def test_highlight_with_note_and_colour(lib_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        lib_path,
        "highlight",
        "2",
        "--text",
        "not consider sending troops",
        "--note",
        "Key line",
        "--colour",
        "green",
        capsys=capsys,
    )
    assert code == 0 and out == "highlighted in #2 (green): “not consider sending troops”\n"
    with Library.open(lib_path) as library:
        [made] = hl.highlights_of(library, 2)
    assert (made.text, made.note, made.colour) == (
        "not consider sending troops",
        "Key line",
        "green",
    )
    code, _, err = run(lib_path, "highlight", "2", "--text", "boots on the ground", capsys=capsys)
    assert code == 2 and "does not contain “boots on the ground”" in err


def test_export_of_a_search_or_everything(
    lib_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "part.html"
    code, said, _ = run(
        lib_path, "export", "part", "1", "--format", "html", "-o", str(out), capsys=capsys
    )
    assert code == 0 and said == f"1 story exported to {out}\n"
    assert "part 1" in out.read_text(encoding="utf-8")
    code, said, _ = run(lib_path, "export", "--format", "json", "-o", str(out), capsys=capsys)
    assert said == f"3 stories exported to {out}\n"
    code, _, err = run(lib_path, "export", "zebra", "--format", "md", "-o", "x", capsys=capsys)
    assert code == 1 and "no stories to export" in err


def test_search_after_double_dash_takes_a_leading_minus(
    lib_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(lib_path, "search", "--", "troops", "-zebra", "--json", capsys=capsys)
    assert code == 0 and out.count('"id"') == 0  # after "--", --json is a word too
    code, out, _ = run(lib_path, "search", "--json", "--", "troops", "-zebra", capsys=capsys)
    assert code == 0 and out.count('"id"') == 3


def test_an_unknown_command_lists_the_commands_instead_of_opening_the_window(
    tmp_path: Path,
) -> None:
    assert entry.window_arguments(["serch", "kerry"]) is None
    assert entry.window_arguments(["story.html"]) == (None, [Path("story.html")])
    done = subprocess.run(
        [sys.executable, "-m", "newsviewer", "--library", str(tmp_path / "l.sqlite3"), "serch"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={"QT_QPA_PLATFORM": "minimal", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "unknown command 'serch'" in done.stderr
    assert "import, search, show, parse, tag, mark, highlight, export" in done.stderr


def test_an_import_keeps_the_tags_marks_and_highlights_a_read_later_export_gave(
    tmp_path: Path,
) -> None:
    saved = datetime(2020, 3, 1, 12, 0, tzinfo=UTC)
    article = dataclasses.replace(
        story(1),
        published=None,
        tags=("Iraq", "iraq", "Kerry"),
        marks=(READ, STARRED, ARCHIVED),
        saved=saved,
        highlights=(
            Highlight("not consider sending troops", "the key line"),
            Highlight("words the extraction lost", "kept anyway"),
        ),
    )
    with Library.open(tmp_path / "l.sqlite3") as library:
        _, new_id = library.add(article, source_path="/x/wallabag.json", original=b"w")
        assert tags.tags_of(library, [new_id]) == {new_id: ("Iraq", "Kerry")}
        assert marks.marks_of(library, [new_id])[new_id] == marks.Marks(True, True, True)
        stored = library.get(new_id)
        assert stored is not None and stored.imported_at == saved
        [placed, lost] = hl.highlights_of(library, new_id)
        assert (placed.text, placed.note) == ("not consider sending troops", "the key line")
        assert stored.text[placed.start : placed.end] == placed.text
        assert not lost.placed and lost.note == "kept anyway"
