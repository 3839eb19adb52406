"""How long the window freezes while it imports 2,000 small files.

    python benchmarks/gui_import_stall.py [--files 2000]

Imports generated text stories through the window's own import path (worker thread,
throttled progress, list refreshes) while a timer on the GUI thread ticks every few
milliseconds; the longest gap between ticks is the longest the user saw a frozen
window. Target: under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Tick period of the probe timer: short enough to resolve a 100 ms stall finely.
TICK_MS = 5
TARGET_MS = 100.0


def _write_stories(folder: Path, count: int) -> None:
    for n in range(count):
        (folder / f"story-{n:05}.txt").write_text(
            f"Harbour council report number {n}\n\n"
            f"The council met on day {n} to discuss the harbour and its {n % 17} boats.\n\n"
            f"“We will decide next week,” said councillor Jo Reyes about item {n}.\n\n"
            "Residents asked for longer opening hours at the fish market.\n",
            encoding="utf-8",
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from newsviewer.gui.app import create_application
    from newsviewer.gui.main_window import MainWindow
    from newsviewer.gui.settings import WindowSettings
    from newsviewer.library import Library

    app = create_application([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="newsviewer-stall-") as tmp:
        folder = Path(tmp) / "stories"
        folder.mkdir()
        _write_stories(folder, args.files)
        library = Library.open(Path(tmp) / "library.sqlite3")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, WindowSettings(settings))
        window.resize(1200, 780)
        window.show()

        gaps: list[float] = []
        clock = QElapsedTimer()
        probe = QTimer()
        probe.setInterval(TICK_MS)

        def tick() -> None:
            gap = clock.nsecsElapsed() / 1e6
            gaps.append(gap)
            clock.restart()
            if gap > 40 and os.environ.get("STALL_DEBUG"):
                print(f"  stall {gap:.0f} ms at {time.perf_counter() - started:.2f} s")

        probe.timeout.connect(tick)
        done = QEventLoop()
        reports: list[object] = []

        def finished(report: object) -> None:
            reports.append(report)
            done.quit()

        window.import_summarized.connect(finished)

        started = time.perf_counter()
        clock.start()
        probe.start()
        window.import_files([folder])
        done.exec()
        probe.stop()
        elapsed = time.perf_counter() - started

        report = reports[0]
        worst = max(gaps) if gaps else 0.0
        ordered = sorted(gaps)
        p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else 0.0
        print(f"files: {args.files}, imported: {report.count('imported')}")  # type: ignore[attr-defined]
        print(f"import time: {elapsed:.1f} s ({args.files / elapsed:.0f} files/s)")
        print(
            f"GUI ticks: {len(gaps)}, median gap {statistics.median(gaps):.1f} ms, p99 {p99:.1f} ms"
        )
        print(f"longest stall: {worst:.1f} ms (target < {TARGET_MS:.0f} ms)")
        print(f"rows in list: {window.model.rowCount()}")
        window.close()
        library.close()
    app.quit()
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
