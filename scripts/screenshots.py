"""Screenshots of the real window, light and dark, for review and for the README.

    python scripts/screenshots.py OUT_DIR [--theme light|dark|both]

Runs the app under Xvfb (``xvfb-run``, QT_QPA_PLATFORM=xcb) on a temporary library
holding the sample story, a saved page with photos and the small test stories, and
saves PNGs of the main window: the empty library, a story with images, the sample story
with its quotations, a search (site and speaker chips, hits marked in the story, the
second hit selected with F3), the Quotes view (every quotation of the library) and
the most quoted speaker's page, the search syntax popup, the drop indicator, and the
summary of an import with failed files; the library organised (sidebar with tags,
marks and a saved search; a story with highlights and notes beside it; the Tag
dialog; the settings dialog); then the story with its quotations in a small window
(800x600, with the sidebar folded and unfolded) and a wide one (1920x1080).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsviewer.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "nbc-kerry-iraq.txt"
PAGE = FIXTURES / "gui" / "harbour-gallery.html"
BAD_FOLDER = FIXTURES / "gui" / "mixed-folder"
# Small stories from several sites with quoted people, so a search has chips to show.
MORE = [FIXTURES / "text", FIXTURES / "batch", FIXTURES / "markdown" / "with_front_matter.md"]
# Found in three stories from three sites, one of them the page with photos.
SEARCH = "harbour"
# Big enough to show list, reader and quotations side by side, as on a laptop screen.
WINDOW_SIZE = (1280, 800)
# The organised library: sidebar, list, reader and highlights panel.
LIBRARY_SIZE = (1440, 900)
# A small laptop window, and a full HD screen: the reader must read well in both.
SMALL_SIZE = (800, 600)
WIDE_SIZE = (1920, 1080)


def _relaunch_under_xvfb(out: Path, theme: str) -> int:
    if shutil.which("xvfb-run") is None:
        print("xvfb-run is not installed", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    command = [
        "xvfb-run",
        "-a",
        "-s",
        f"-screen 0 {WIDE_SIZE[0] + 160}x{WIDE_SIZE[1] + 160}x24",
        sys.executable,
        str(Path(__file__).resolve()),
        str(out),
        "--theme",
        theme,
        "--child",
    ]
    return subprocess.run(command, env=env, check=False).returncode


def _shoot(out: Path, theme: str) -> int:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from newsviewer.gui.app import create_application
    from newsviewer.gui.main_window import MainWindow
    from newsviewer.gui.settings import WindowSettings
    from newsviewer.library import Library

    app = create_application([sys.argv[0]], theme=theme)

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(signal: object, timeout_ms: int = 60000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()

    with tempfile.TemporaryDirectory(prefix="newsviewer-shots-") as tmp:
        folder = Path(tmp)
        saved = folder / "saved"
        saved.mkdir()
        shutil.copy(PAGE, saved)
        shutil.copytree(PAGE.with_name(PAGE.stem + "_files"), saved / (PAGE.stem + "_files"))
        library = Library.open(folder / "library.sqlite3")
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, WindowSettings(settings))
        window.resize(*WINDOW_SIZE)
        window.show()
        settle()
        window.grab().save(str(out / f"empty-{theme}.png"))

        window.import_files([SAMPLE, saved / PAGE.name, *MORE])
        wait_for(window.import_summarized)
        settle()
        for row in range(window.model.rowCount()):
            if "Fishing fleet" in str(window.model.index(row, 0).data()):
                window.list_view.setCurrentIndex(window.model.index(row, 0))
        settle(400)
        window.grab().save(str(out / f"story-{theme}.png"))

        for row in range(window.model.rowCount()):
            if "Kerry" in str(window.model.index(row, 0).data()):
                window.list_view.setCurrentIndex(window.model.index(row, 0))
        settle(400)
        window.grab().save(str(out / f"quotes-{theme}.png"))

        _shoot_ledger(window, out, theme, settle, wait_for)

        window.search_bar.setText(SEARCH)
        wait_for(window.facets_shown)
        settle(200)
        for row in range(window.model.rowCount()):
            if "Fishing fleet" in str(window.model.index(row, 0).data()):
                window.list_view.setCurrentIndex(window.model.index(row, 0))
        settle(300)
        window.next_hit()
        window.next_hit()
        settle(400)
        window.grab().save(str(out / f"search-{theme}.png"))

        window.search_bar.setFocus()
        window.show_search_help()
        settle(400)
        screen = window.screen()
        top_left = window.frameGeometry().topLeft()
        screen.grabWindow(0, top_left.x(), top_left.y(), *WINDOW_SIZE).save(
            str(out / f"help-{theme}.png")
        )
        window.search_help.close()

        window.search_bar.clear_search()
        wait_for(window.list_refreshed)
        window.drop_overlay.cover("Drop to import these files")
        settle()
        window.grab().save(str(out / f"drop-{theme}.png"))
        window.drop_overlay.hide()

        window.import_files([BAD_FOLDER])
        wait_for(window.import_summarized)
        settle()
        window.grab().save(str(out / f"imported-{theme}.png"))
        dialog = window.show_summary()
        if dialog is not None:
            settle()
            dialog.grab().save(str(out / f"summary-{theme}.png"))
            dialog.close()

        _organise(window, library)
        window.living.reload()
        for row in range(window.model.rowCount()):
            if "Kerry" in str(window.model.index(row, 0).data()):
                window.list_view.setCurrentIndex(window.model.index(row, 0))
        settle(600)
        window.living.highlights_dock.show()
        # Sidebar, list, reader and highlights side by side need a little more room.
        window.resize(*LIBRARY_SIZE)
        settle(500)
        window.grab().save(str(out / f"library-{theme}.png"))
        window.resize(*WINDOW_SIZE)
        tagging = window.living.tag_selected()
        if tagging is not None:
            tagging.new_tags.setText("Iraq, for")
            settle(300)
            tagging.grab().save(str(out / f"tag-dialog-{theme}.png"))
            tagging.reject()
        settings_dialog = window.living.show_settings()
        settle(300)
        settings_dialog.grab().save(str(out / f"settings-{theme}.png"))
        settings_dialog.close()

        for name, size in (("small", SMALL_SIZE), ("wide", WIDE_SIZE)):
            window.resize(*size)
            settle(500)
            window.grab().save(str(out / f"{name}-{theme}.png"))
            if name == "small":
                window.living.dock.show()
                settle(500)
                window.grab().save(str(out / f"small-sidebar-{theme}.png"))
                window.living.dock.hide()

        window.close()
        library.close()
    app.quit()
    print(f"saved {theme} screenshots in {out}")
    return 0


def _organise(window: Any, library: Any) -> None:
    """Tags, marks, a saved search and highlights with notes, as a reader leaves them."""
    from newsviewer.library import highlights, marks, saved_searches, tags

    ids = {str(window.model.index(r, 0).data()): window.model.id_at(r) for r in range(13)}

    def story(words: str) -> Any:
        return next(i for title, i in ids.items() if words in title)

    kerry, fleet, floods = story("Kerry"), story("Fishing fleet"), story("Floods")
    harbour = [i for title, i in ids.items() if "arbour" in title or "Lighthouse" in title]
    tags.add_tags(library, [kerry, floods], ["Iraq"])
    tags.add_tags(library, [kerry], ["Foreign policy"])
    tags.add_tags(library, [fleet, *harbour], ["Coast"])
    tags.add_tags(library, [fleet], ["Fishing"])
    marks.set_starred(library, [kerry, fleet])
    marks.set_read(library, [fleet, floods, *harbour])
    marks.set_archived(library, [floods])
    saved_searches.save_search(library, "Kerry on Iraq", "kerry iraq")
    saved_searches.save_search(library, "Harbour news", "harbour")
    highlights.add_highlight_text(
        library,
        kerry,
        "will not consider sending troops to the region",
        note="The line every headline used.",
    )
    highlights.add_highlight_text(
        library,
        kerry,
        "two cities in the Sunni Muslim-dominated Anbar province",
        colour="green",
        note="Ramadi and Fallujah: check the map.",
    )
    highlights.add_highlight_text(library, kerry, "extremely dire", colour="pink")


def _shoot_ledger(
    window: MainWindow,
    out: Path,
    theme: str,
    settle: Callable[..., None],
    wait_for: Callable[..., None],
) -> None:
    """The Quotes view (every quotation of the library) and the most quoted speaker's page."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget

    dock = window.findChild(QDockWidget, "quotes_dock")
    assert dock is not None
    view = window.quotes_view
    window.resize(*WIDE_SIZE)
    dock.toggleViewAction().trigger()
    wait_for(view.quotes_loaded)
    window.resizeDocks([dock], [WIDE_SIZE[1] // 2], Qt.Orientation.Vertical)
    for column in range(1, view.tree.columnCount()):
        view.tree.resizeColumnToContents(column)
    view.tree.setColumnWidth(0, WIDE_SIZE[0] // 2)
    settle(400)
    window.grab().save(str(out / f"ledger-{theme}.png"))
    view.open_speaker(str(view.speaker.itemData(1)))
    wait_for(view.speaker_opened)
    page = view.page.tree
    for column in range(page.columnCount()):
        page.resizeColumnToContents(column)
    page.setColumnWidth(1, min(page.columnWidth(1), WIDE_SIZE[0] // 2))
    settle(400)
    window.grab().save(str(out / f"speaker-{theme}.png"))
    view.page.back.click()
    dock.hide()
    window.resize(*WINDOW_SIZE)
    settle(300)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--theme", choices=("light", "dark", "both"), default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    themes = ("light", "dark") if args.theme == "both" else (args.theme,)
    if args.child:
        return _shoot(args.out.resolve(), themes[0])
    status = 0
    for theme in themes:
        status = status or _relaunch_under_xvfb(args.out.resolve(), theme)
    return status


if __name__ == "__main__":
    sys.exit(main())
