"""Publication days written out in a page or a story, in the ways papers write them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsviewer.html.dates import date_in_text
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter
from newsviewer.text.dates import dateline_date, find_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Veröffentlicht am 04.03.2019, 10:52 Uhr", datetime(2019, 3, 4)),
        ("Mis à jour le 4 avril 2019", datetime(2019, 4, 4)),
        ("Publicado el 4 de abril de 2019", datetime(2019, 4, 4)),
        ("Berlin, 4. März 2019", datetime(2019, 3, 4)),
        ("Pubblicato il 12 settembre 2018", datetime(2018, 9, 12)),
        ("Sept. 12, 2018", datetime(2018, 9, 12)),
        ("2019年4月4日", datetime(2019, 4, 4)),
    ],
)
def test_a_day_written_in_the_ways_papers_write_it(text: str, day: datetime) -> None:
    assert date_in_text(text) == day


def test_the_first_day_written_wins_whatever_its_form() -> None:
    assert date_in_text("Stand: 01.02.2020. Zuerst erschienen am 5 January 2019") == datetime(
        2020, 2, 1
    )


def test_a_time_or_a_version_number_is_not_a_day() -> None:
    assert date_in_text("Posted 10:52 AM") is None
    assert date_in_text("Version 1.10.2019.3 released") is None
    assert date_in_text("Il mai 2019 pas") is None


def test_plain_text_stories_read_the_same_days_with_their_time() -> None:
    assert find_date("Aktualisiert 04.03.2019 um 10:52") == datetime(2019, 3, 4, 10, 52)
    assert dateline_date("Updated 5:03 PM ET, Jan 5, 2014") == datetime(2014, 1, 5, 17, 3)
    assert dateline_date("The minister said on 5 January 2014 that the talks would go on") is None


def test_a_page_printing_only_a_time_is_not_dated_on_the_import_day() -> None:
    story = "".join(
        f"<p>Paragraph {i} of the story about the harbour wall and the storms of the winter.</p>"
        for i in range(6)
    )
    page = (
        "<html><head><title>Harbour wall</title></head><body><article><h1>Harbour wall</h1>"
        f'<span class="time">10:52</span>{story}</article></body></html>'
    )
    article = HtmlImporter().parse(SourceFile(path=Path("p.html"), data=page.encode()))
    assert article.published is None or article.published.date() != datetime.now().date()
