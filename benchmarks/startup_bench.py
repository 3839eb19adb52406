"""Start-up of the window on a big library, against a bare PySide6 window in the same run.

    python benchmarks/startup_bench.py LIBRARY [--runs 5] [--big LIBRARY]

LIBRARY is a library file (e.g. 100,000 stories from benchmarks/make_library.py). The
app opens it as it is: an older schema is migrated in place, so run on a copy, and open
the copy once beforehand (a migration of 100,000 stories takes minutes).

Each run starts a fresh process: ``python -m newsviewer --library LIBRARY`` with
NEWSVIEWER_EXIT_AFTER_PAINT=1 (it prints when the window is first painted, when the parts
built after that paint are there, and when the painted list shows the stories, then
quits), and a bare QMainWindow that quits after its first paint. The window's first
frame has its menus, search field, status bar and (still empty) list pane, with
stand-ins of the same look for the reader and quotations: no story is open before the
library is, and the real panes replace them right after that paint ("complete").
Times are from just before the process is started; peak RSS is the process's own. Both
run with compiled modules cached, as installed (one uncounted start of each writes them).
Targets: window painted within 1.5x the bare window, RSS within the bare window's + 80 MB.

Then, in one process on ``--big`` (default LIBRARY): the time from building the window
to the full list painted, to all its ids read in the background, to End (jump to the
last story) painted, and from typing a
word found in nearly every story to the first results and to the whole ranked list.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_TARGET = 1.5
RSS_TARGET_MB = 80.0
# Words in nearly every English story: the worst case for a search's first page.
COMMON_WORDS = ("said", "the")

_BARE = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"painted {time.time():.6f}", flush=True)
        print(f"peak_rss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
        QApplication.quit()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare window"))
window.resize(1200, 780)
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def _env(config: Path, pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT)
    # Compiled modules kept as an installed app keeps them (pip writes .pyc files): with
    # PYTHONDONTWRITEBYTECODE each start compiled every module again (~20 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["NEWSVIEWER_EXIT_AFTER_PAINT"] = "1"
    # Settings of a first start: no remembered story, size or search.
    env["XDG_CONFIG_HOME"] = str(config)
    return env


def _launch(command: list[str], env: dict[str, str]) -> dict[str, float]:
    start = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    found: dict[str, float] = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in ("painted", "ready", "listed"):
            found[key] = (float(value) - start) * 1000.0
        elif key == "peak_rss_kb":
            found["rss_mb"] = float(value) / 1024.0
    if "painted" not in found:
        raise SystemExit(f"no paint reported by {command}:\n{done.stdout}\n{done.stderr}")
    return found


def _summary(label: str, values: list[float], unit: str) -> str:
    return (
        f"{label:<34} min {min(values):8.1f} {unit}  median {statistics.median(values):8.1f} {unit}"
    )


def startup(library: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="newsviewer-startup-") as tmp:
        app_cmd = [sys.executable, "-m", "newsviewer", "--library", str(library)]
        bare_cmd = [sys.executable, "-c", _BARE]
        apps: list[dict[str, float]] = []
        bares: list[dict[str, float]] = []
        pycache = Path(tmp) / "pycache"
        warm = Path(tmp) / "warm-up"
        warm.mkdir()
        # One start of each, not counted, writes the compiled modules.
        _launch(bare_cmd, _env(warm, pycache))
        _launch(app_cmd, _env(warm, pycache))
        # Alternate so that disk cache and machine load affect both alike.
        for n in range(runs):
            config = Path(tmp) / f"config{n}"
            config.mkdir()
            bares.append(_launch(bare_cmd, _env(config, pycache)))
            apps.append(_launch(app_cmd, _env(config, pycache)))
        bare_paint = [r["painted"] for r in bares]
        app_paint = [r["painted"] for r in apps]
        app_ready = [r.get("ready", float("nan")) for r in apps]
        app_listed = [r.get("listed", float("nan")) for r in apps]
        bare_rss = [r["rss_mb"] for r in bares]
        app_rss = [r["rss_mb"] for r in apps]
        print(f"start-up, {runs} runs each, library {library}")
        print(_summary("bare QMainWindow painted", bare_paint, "ms"))
        print(_summary("NewsViewer window painted", app_paint, "ms"))
        print(_summary("NewsViewer window complete", app_ready, "ms"))
        print(_summary("NewsViewer list painted", app_listed, "ms"))
        print(_summary("bare QMainWindow peak RSS", bare_rss, "MB"))
        print(_summary("NewsViewer peak RSS", app_rss, "MB"))
        ratio = statistics.median(app_paint) / statistics.median(bare_paint)
        extra = statistics.median(app_rss) - statistics.median(bare_rss)
        print(
            f"painted: {ratio:.2f}x the bare window (target <= {TIME_TARGET}x): "
            f"{'ok' if ratio <= TIME_TARGET else 'MISSED'}"
        )
        print(
            f"RSS: bare + {extra:.0f} MB (target <= + {RSS_TARGET_MB:.0f} MB): "
            f"{'ok' if extra <= RSS_TARGET_MB else 'MISSED'}"
        )


_LIST = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from newsviewer.gui.app import create_application
from newsviewer.gui.main_window import MainWindow
from newsviewer.gui.settings import WindowSettings
from newsviewer.library import Library

app = create_application(sys.argv[:1])
library = Library.open(Path(sys.argv[1]))
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)

class Painted(QObject):
    def __init__(self):
        super().__init__()
        self.loop = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.loop is not None:
            QTimer.singleShot(0, self.loop.quit)
        return False

def wait_paint(widget):
    probe = Painted()
    probe.loop = QEventLoop()
    widget.installEventFilter(probe)
    widget.update()
    QTimer.singleShot(10000, probe.loop.quit)
    probe.loop.exec()
    widget.removeEventFilter(probe)

def wait_signal(signal):
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(60000, loop.quit)
    loop.exec()

start = time.perf_counter()
window = MainWindow(library, WindowSettings(settings))
window.resize(1200, 780)
window.show()
wait_signal(window.list_refreshed)
wait_paint(window.list_view.viewport())
took = (time.perf_counter() - start) * 1e3
print(f"full list ({window.model.total():,} stories) painted {took:.1f} ms")
if window.model.is_partial():
    wait_signal(window.list_completed)
    took = (time.perf_counter() - start) * 1e3
    print(f"all ids read in the background {took:.1f} ms after building the window")

window.list_view.setFocus()
start = time.perf_counter()
QTest.keyClick(window.list_view, Qt.Key.Key_End)
wait_paint(window.list_view.viewport())
row = window.list_view.currentIndex().row()
took = (time.perf_counter() - start) * 1e3
print(f"End to the last story (row {row + 1:,}) painted {took:.1f} ms")

for word in sys.argv[3:]:
    start = time.perf_counter()
    window.search_bar.set_query(word)
    wait_signal(window.list_refreshed)
    wait_paint(window.list_view.viewport())
    first = (time.perf_counter() - start) * 1e3
    print(f"search {word!r}: first {window.model.total():,} results painted {first:.1f} ms")
    wait_signal(window.list_ranked)
    ranked = (time.perf_counter() - start) * 1e3
    print(f"search {word!r}: whole ranked list ({window.model.total():,}) {ranked:.1f} ms")
window.close()
library.close()
"""


def big_list(library: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="newsviewer-list-") as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        command = [
            sys.executable,
            "-c",
            _LIST,
            str(library),
            str(Path(tmp) / "settings.ini"),
            *COMMON_WORDS,
        ]
        print(f"in the window, library {library}")
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
        print(done.stdout, end="")
        if done.returncode:
            print(done.stderr, file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", type=Path, help="library for the list timings")
    args = parser.parse_args()
    startup(args.library, args.runs)
    big_list(args.big or args.library)
    return 0


if __name__ == "__main__":
    sys.exit(main())
