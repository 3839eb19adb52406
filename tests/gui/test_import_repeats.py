"""A story saved twice in different files is offered as already in the library; the user
can keep both."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from newsviewer.domain import DUPLICATE, IMPORTED
from newsviewer.library import Library
from tests.gui.conftest import MakeWindow
from tests.test_dedupe import WORDS

from .helpers import IMPORT_TIMEOUT_MS, drop_and_wait, import_and_wait


def _files(folder: Path) -> tuple[Path, Path, Path]:
    first = folder / "bridge.md"
    first.write_text(f"# Bridge closed\n\n{WORDS}\n", encoding="utf-8")
    again = folder / "bridge (copy from the app).md"
    again.write_text(f"# Bridge closed to lorries\n\n{WORDS} Updated at 10:40.\n", encoding="utf-8")
    other = folder / "ferry.md"
    other.write_text(
        "# Ferry returns\n\n" + " ".join(reversed(WORDS.split())) + "\n", encoding="utf-8"
    )
    return first, again, other


def test_a_story_saved_again_is_offered_and_kept_both_on_request(
    qtbot: QtBot, make_window: MakeWindow, library: Library, tmp_path: Path
) -> None:
    first, again, other = _files(tmp_path)
    window = make_window()
    import_and_wait(qtbot, window, [first])
    (first_id,) = library.ids()

    report = drop_and_wait(qtbot, window, [again, other])
    statuses = {Path(o.path).name: (o.status, o.repeats) for o in report.outcomes}
    assert statuses == {again.name: (DUPLICATE, "same text"), other.name: (IMPORTED, "")}
    assert len(library.ids()) == 2  # the copy was not stored
    message = window.statusBar().currentMessage()
    assert "1 story already in the library from another file" in message
    assert window.details_button.isVisible()
    assert window.details_button.text() == "Keep Both?…"

    window.details_button.click()
    dialog = window.summary_dialog
    assert dialog is not None
    assert dialog.rows() == [
        (
            again.name,
            "Already in library",
            f"Already in the library: same text as #{first_id} “Bridge closed”",
        )
    ]
    assert dialog.keep_both_button is not None
    with qtbot.waitSignal(window.import_summarized, timeout=IMPORT_TIMEOUT_MS) as blocker:
        dialog.keep_both_button.click()
    kept = blocker.args[0]
    assert [(Path(o.path).name, o.status) for o in kept.outcomes] == [(again.name, IMPORTED)]
    assert len(library.ids()) == 3
    assert "Bridge closed to lorries" in [window.model.index(r, 0).data() for r in range(3)]
    assert not window.details_button.isVisible()


def test_an_exact_copy_of_a_file_offers_nothing_to_keep(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    first, _, _ = _files(tmp_path)
    window = make_window()
    import_and_wait(qtbot, window, [first])
    report = import_and_wait(qtbot, window, [first])
    assert [(o.status, o.repeats) for o in report.outcomes] == [(DUPLICATE, "")]
    window.details_button.click()
    dialog = window.summary_dialog
    assert dialog is not None
    assert dialog.keep_both_button is None
    assert dialog.rows()[0][2] == "Same file as “Bridge closed”"
