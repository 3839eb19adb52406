"""Dropping files of the newer formats on the window: a single-file page, a newsletter,
and broken ones that are explained, not stored."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pytestqt.qtbot import QtBot

from newsviewer.domain import DUPLICATE, FAILED, IMPORTED
from tests.formats_story import TITLE
from tests.gui.conftest import MakeWindow
from tests.test_archive_importer import make_zip, saved_pages
from tests.test_epub_importer import epub
from tests.test_feed_importer import rss
from tests.test_mail_importer import mbox, newsletter, plain_message
from tests.test_mhtml_importer import chrome_mhtml
from tests.test_pdf_importer import printed_pdf
from tests.test_readlater_importer import omnivore_zip, wallabag_json
from tests.test_warc_importer import warc_gz

from .helpers import IMPORT_TIMEOUT_MS, drop_and_wait

LETTER = "Harbour Watch: week 10"


def test_dropped_formats_import_with_their_images_and_broken_ones_say_why(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "harbour-wall.mhtml").write_bytes(chrome_mhtml())
    (folder / "week-10.eml").write_bytes(
        plain_message(
            LETTER,
            "The harbour office says the rebuilding works will close the western quay.\n\n"
            '"The boats are safe for now," said Ana Silva, who runs the harbour office.\n',
        )
    )
    book = epub()
    (folder / "gazette.epub").write_bytes(book[: len(book) // 2])
    printed_pdf(folder / "scan.pdf", text=False)

    window = make_window()
    report = drop_and_wait(qtbot, window, [folder])

    assert report.count(IMPORTED) == 2
    assert report.count(FAILED) == 2
    titles = {window.model.index(r, 0).data() for r in range(window.model.rowCount())}
    assert titles == {TITLE, LETTER}
    reasons = {Path(o.path).name: o.reason for o in report.outcomes if o.status == FAILED}
    assert "not a readable zip" in reasons["gazette.epub"]
    assert "no text layer" in reasons["scan.pdf"]

    page = next(o for o in report.outcomes if o.path.endswith(".mhtml"))
    assert page.format == "mhtml"
    assert page.article_id is not None
    assert window.select_article(page.article_id)

    def shows_the_page() -> bool:
        article = window.current_article()
        return article is not None and article.id == page.article_id

    qtbot.waitUntil(shows_the_page)
    article = window.current_article()
    assert article is not None and article.title == TITLE
    assert [f.has_image for f in article.figures] == [True]
    assert "Image not stored" not in window.reader.document().toPlainText()
    assert window.details_button.text() == "Show 2 failed…"


def test_dropped_containers_import_a_story_per_item_with_a_line_for_each_failure(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "news.rss").write_bytes(rss())
    whole = newsletter()
    (folder / "inbox.mbox").write_bytes(mbox(whole) + mbox(whole[: len(whole) - 400]))
    (folder / "crawl.warc.gz").write_bytes(warc_gz())
    (folder / "saved.zip").write_bytes(make_zip(saved_pages()))
    (folder / "gazette.epub").write_bytes(epub())
    (folder / "wallabag.json").write_bytes(wallabag_json())
    (folder / "omnivore.zip").write_bytes(omnivore_zip())

    window = make_window()
    # Every item is the one story of formats_story: copies that an import offers as
    # already in the library; all are kept here, as the summary's Keep Both does.
    with qtbot.waitSignal(window.import_summarized, timeout=IMPORT_TIMEOUT_MS) as blocker:
        window.imports.start([folder], keep_duplicates=True)
    report = blocker.args[0]

    per_file = Counter(Path(o.path).name for o in report.outcomes if o.status == IMPORTED)
    assert per_file == {
        "news.rss": 2,
        "inbox.mbox": 1,
        "crawl.warc.gz": 2,
        "saved.zip": 2,
        "gazette.epub": 2,
        "wallabag.json": 1,
        "omnivore.zip": 1,
    }
    assert all(o.part > 0 for o in report.outcomes)
    assert window.model.rowCount() == 11
    assert window.statusBar().currentMessage() == "Imported 11 stories, 3 failed."
    window.details_button.click()
    dialog = window.summary_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {name: reason for name, status, reason in dialog.rows() if status == "Failed"}
    assert set(rows) == {
        f"inbox.mbox #2: {TITLE}",
        "omnivore.zip #2: Ferry report (PDF)",
        "wallabag.json #2: An entry Wallabag could not fetch",
    }
    assert "cut off" in rows[f"inbox.mbox #2: {TITLE}"]
    assert "no saved copy" in rows["omnivore.zip #2: Ferry report (PDF)"]
    dialog.close()

    # The same exports dropped again store nothing twice.
    again = drop_and_wait(qtbot, window, [folder])
    assert again.count(IMPORTED) == 0 and again.count(DUPLICATE) == 11
    assert window.model.rowCount() == 11
