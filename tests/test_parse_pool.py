"""The ordered parse executors: same stories in the same order, in a thread or in
processes; a file that hangs, crashes its process or eats memory is reported by
name and the import goes on; parse processes end with the import, or with their
parent when it is killed.

The misbehaving parsers are real: a ``sitecustomize`` module on the processes'
``PYTHONPATH`` makes the text importer loop, exit or allocate for files named so.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsviewer.parse_pool import ProcessParser, SerialParser

MISBEHAVE = textwrap.dedent(
    """
    import os
    from newsviewer.importers import text

    real = text.TextImporter.parse

    def parse(self, source):
        name = source.path.name
        if name.startswith("hang"):
            while True:
                pass
        if name.startswith("crash"):
            os._exit(9)
        if name.startswith("hog"):
            hoard = [bytearray(64 * 1024 * 1024) for _ in range(1000)]
            return hoard
        return real(self, source)

    text.TextImporter.parse = parse
    """
)


def _story(n: int) -> str:
    return f"Harbour story {n}\n\nThe council met about the harbour on day {n}, said Jo Reyes.\n"


def _files(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n, name in enumerate(names):
        path = folder / name
        path.write_text(_story(n), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def misbehaving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(MISBEHAVE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(site))


def _summary(results: list[tuple[int, object]]) -> list[tuple[int, str, str]]:
    out = []
    for index, parsed in results:
        assert hasattr(parsed, "path")
        title = parsed.article.title if parsed.article is not None else ""  # type: ignore[attr-defined]
        out.append((index, parsed.path.name, title or parsed.reason))  # type: ignore[attr-defined]
    return out


def test_processes_give_the_stories_of_the_serial_parser_in_file_order(tmp_path: Path) -> None:
    names = [f"s{n:02}.txt" for n in range(30)]
    paths = _files(tmp_path / "in", names)
    (tmp_path / "in" / "s07.txt").write_bytes(b"")
    serial = _summary(list(SerialParser().results(paths)))
    parallel = _summary(list(ProcessParser(2, helping=False).results(paths)))
    assert parallel == serial
    assert [name for _, name, _ in serial] == names
    assert serial[7][2] == "empty file"
    assert serial[8][2] == "Harbour story 8"


@pytest.mark.usefixtures("misbehaving")
def test_a_file_that_hangs_is_reported_and_the_next_files_are_read(tmp_path: Path) -> None:
    paths = _files(tmp_path / "in", ["a.txt", "hang.txt", "b.txt", "c.txt"])
    parser = ProcessParser(1, file_seconds=3, helping=False)
    results = _summary(list(parser.results(paths)))
    assert results[1] == (1, "hang.txt", "took too long to read (over 3 s)")
    assert [title for _, _, title in results[2:]] == ["Harbour story 2", "Harbour story 3"]
    assert parser.replaced == 1


@pytest.mark.usefixtures("misbehaving")
def test_a_parse_process_that_dies_costs_its_file_alone(tmp_path: Path) -> None:
    paths = _files(tmp_path / "in", ["a.txt", "crash.txt", "b.txt", "hog.txt", "c.txt"])
    # A small memory budget, so the test does not spend seconds zeroing pages.
    parser = ProcessParser(1, helping=False, memory_budget=200 * 1024 * 1024)
    results = _summary(list(parser.results(paths)))
    assert [name for _, name, _ in results] == ["a.txt", "crash.txt", "b.txt", "hog.txt", "c.txt"]
    assert results[1][2].startswith("the parser stopped while reading this file")
    assert results[3][2] == "too large to read (over the memory allowed for one file)"
    assert results[4][2] == "Harbour story 4"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended; only its parent has not read its status yet.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except OSError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.usefixtures("misbehaving")
def test_parse_processes_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    paths = _files(tmp_path / "in", [f"hang{n}.txt" for n in range(4)])
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from newsviewer.parse_pool import ProcessParser
        parser = ProcessParser(2, helping=False)
        stream = parser.results([Path(p) for p in {[str(p) for p in paths]!r}])
        import threading
        def report():
            while len([p for p in parser._processes if p.ready]) < 2:
                time.sleep(0.05)
            print(" ".join(str(p.popen.pid) for p in parser._processes), flush=True)
        threading.Thread(target=report, daemon=True).start()
        for item in stream:
            pass
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    children = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(children) == 2 and all(_alive(pid) for pid in children)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in children)


def test_a_small_import_starts_a_process_only_for_a_large_file(tmp_path: Path) -> None:
    paths = _files(tmp_path / "in", ["a.txt", "b.txt", "c.txt"])
    small = ProcessParser(2, lazy=True)
    assert [t for _, _, t in _summary(list(small.results(paths)))] == [
        "Harbour story 0",
        "Harbour story 1",
        "Harbour story 2",
    ]
    assert small._started == 0
    big = tmp_path / "in" / "big.txt"
    big.write_text("Big harbour story\n\n" + "The wall was rebuilt. " * 20_000, encoding="utf-8")
    large = ProcessParser(2, lazy=True)
    titles = [t for _, _, t in _summary(list(large.results([paths[0], big, paths[1]])))]
    assert titles == ["Harbour story 0", "Big harbour story", "Harbour story 1"]
    assert large._started == 1  # one file for processes: one process
