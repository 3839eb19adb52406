"""Several users on one server library: importers that overlap, and news of each other's work."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from newsviewer.domain import Article, Block
from newsviewer.library import Library

STORIES = 60


def write_folders(root: Path) -> tuple[Path, Path]:
    """Two folders sharing a third of their files (the same bytes under other names)."""
    first, second = root / "desk-a", root / "desk-b"
    first.mkdir()
    second.mkdir()
    for n in range(STORIES):
        text = (
            f"Council story number {n}\n\n"
            f"The council met for the {n}th time and voted on the harbour plan. "
            f"Item {n * 7919} was approved after a long debate.\n"
        )
        if n < 40:
            (first / f"story-{n:03}.txt").write_text(text)
        if n >= 20:
            (second / f"saved-{n:03}.txt").write_text(text)
    return first, second


def test_two_importers_of_overlapping_folders_store_each_file_once(
    pg_url: str, tmp_path: Path
) -> None:
    first, second = write_folders(tmp_path)
    with Library.open(pg_url):
        pass  # tables made, so both importers start at once
    env = {**os.environ, "NEWSVIEWER_LIBRARY": pg_url}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "newsviewer", "import", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for folder in (first, second)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
    lines = [line for out, _ in outputs for line in out.splitlines() if line.strip()]
    assert sum(line.startswith("imported") for line in lines) == STORIES
    assert sum(line.startswith("duplicate") for line in lines) == 20
    assert not [line for line in lines if line.startswith("failed")]
    with Library.open(pg_url) as library:
        assert library.count() == STORIES
        titles = [s.title for s in library.newest_page(0, 100)]
        assert sorted(titles) == sorted(f"Council story number {n}" for n in range(STORIES))


def story(title: str) -> Article:
    return Article(format="text", title=title, blocks=(Block("p", f"{title} happened."),))


def heard(library: Library, watcher: object, seconds: float = 5.0) -> bool:
    from newsviewer.library.changes import ChangeWatcher

    assert isinstance(watcher, ChangeWatcher)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watcher.changed():
            return True
        time.sleep(0.05)
    return False


def test_a_library_hears_of_stories_another_user_adds_or_removes_but_not_its_own(
    pg_url: str,
) -> None:
    with Library.open(pg_url) as mine, Library.open(pg_url) as theirs:
        watcher = mine.watch_changes()
        assert watcher is not None
        try:
            mine.add(story("Mine"), source_path="mine.txt", original=b"mine")
            assert not heard(mine, watcher, 1.0)
            _, added = theirs.add(story("Theirs"), source_path="t.txt", original=b"theirs")
            assert heard(mine, watcher)
            assert not heard(mine, watcher, 0.5)  # told once
            theirs.delete(added)
            assert heard(mine, watcher)
        finally:
            watcher.close()


def test_a_library_hears_of_highlights_marks_and_tags_another_user_makes(pg_url: str) -> None:
    from newsviewer.library import highlights, marks, saved_searches, tags

    with Library.open(pg_url) as mine, Library.open(pg_url) as theirs:
        _, story_id = mine.add(story("Shared"), source_path="s.txt", original=b"shared")
        watcher = mine.watch_changes()
        assert watcher is not None
        try:
            highlights.add_highlight_text(mine, story_id, "Shared")
            marks.set_starred(mine, [story_id])
            assert not heard(mine, watcher, 1.0)  # our own
            made = highlights.add_highlight_text(theirs, story_id, "happened", note="why?")
            assert heard(mine, watcher)
            assert not heard(mine, watcher, 0.5)
            highlights.update_highlight(theirs, made.id, note="because")
            assert heard(mine, watcher)
            marks.set_read(theirs, [story_id])
            assert heard(mine, watcher)
            tags.add_tags(theirs, [story_id], ["Harbour"])
            assert heard(mine, watcher)
            saved_searches.save_search(theirs, "Harbour news", "tag:harbour")
            assert heard(mine, watcher)
        finally:
            watcher.close()


def test_a_library_file_is_watched_for_other_processes_commits(tmp_path: Path) -> None:
    # (By SQLite's data_version: tests/gui/test_two_windows.py covers it.)
    with Library.open(tmp_path / "lib.sqlite3") as library:
        watcher = library.watch_changes()
        assert watcher is not None and not watcher.changed()
