"""An import killed with SIGKILL at any point leaves a sound library: every story it
reported imported is there, the tables and search indexes pass their integrity
checks, no parse process outlives it, and the next import finishes the job."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

ROUNDS = int(os.environ.get("NEWSVIEWER_CRASH_ROUNDS", "3"))
FILES = 60


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii")
        except OSError:
            continue
        if int(stat.rsplit(") ", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return False
    return stat.rsplit(") ", 1)[1][0] != "Z"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "stories"
    folder.mkdir()
    for n in range(FILES):
        words = " ".join(f"word{n}x{k}" for k in range(40))
        (folder / f"story-{n:03}.txt").write_text(
            f"Council report {n}\n\nThe council met to discuss storyword{n}. {words}\n\n"
            f'"We will act," said councillor Jo Reyes on day {n}.\n',
            encoding="utf-8",
        )
    return folder


def _check_library(library: Path, reported: set[int]) -> set[int]:
    with sqlite3.connect(library) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
            )
        ]
        assert tables
        for table in tables:
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        stored = {row[0] for row in conn.execute("SELECT id FROM articles")}
    assert reported <= stored, f"reported imported but lost: {sorted(reported - stored)}"
    return stored


def test_an_import_killed_at_random_points_loses_nothing_and_leaves_no_process(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    library = tmp_path / "lib.sqlite3"
    command = [sys.executable, "-m", "newsviewer", "--library", str(library)]
    # A first, complete import creates the library, so each kill lands in an import.
    subprocess.run([*command, "search", "x"], check=True, capture_output=True, timeout=120)
    chance = random.Random(17)
    reported: set[int] = set()
    watched = 0  # parse processes seen alive before a kill
    for _ in range(ROUNDS):
        proc = subprocess.Popen(
            [*command, "import", str(folder), "--json"], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        lines_before_kill = chance.randrange(0, FILES // 2)
        children: set[int] = set()
        seen = 0
        deadline = time.monotonic() + 120
        while seen < lines_before_kill and time.monotonic() < deadline:
            children.update(_children(proc.pid))
            line = proc.stdout.readline()
            if not line:
                break
            row = json.loads(line)
            if row["status"] == "imported":
                reported.add(row["id"])
            seen += 1
        children.update(_children(proc.pid))
        watched += len(children)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        wait_until = time.monotonic() + 15
        while any(_alive(pid) for pid in children) and time.monotonic() < wait_until:
            time.sleep(0.1)
        assert not [pid for pid in children if _alive(pid)], "a parse process survived"
        _check_library(library, reported)
    assert watched, "no kill landed while parse processes were at work"
    finished = subprocess.run(
        [*command, "import", str(folder), "--json"], capture_output=True, text=True, timeout=300
    )
    rows = [json.loads(line) for line in finished.stdout.splitlines()]
    assert [r["status"] for r in rows].count("failed") == 0
    stored = _check_library(library, reported)
    assert len(stored) == FILES
