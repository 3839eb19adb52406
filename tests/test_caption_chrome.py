"""Viewer buttons, labels and advert markers never reach captions, credits or the story."""

from __future__ import annotations

from pathlib import Path

from newsviewer.html.caption_chrome import clean_alt, clean_caption, clean_credit, is_ad_label
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter


def test_viewer_buttons_and_a_repeated_credit_leave_the_credit() -> None:
    caption = "The harbour wall after the storm."
    credit = f"{caption} Jo Smith/AP hide caption toggle caption Jo Smith/AP Jo Smith/AP"
    assert clean_credit(credit, caption) == "Jo Smith/AP"
    assert clean_caption("The harbour wall. Enlarge this image") == "The harbour wall."
    assert clean_caption(f"{caption} {caption}") == caption


def test_credit_labels_are_not_part_of_the_name() -> None:
    assert clean_credit("Credit Credit Jo Smith for The Gazette", "") == (
        "Jo Smith for The Gazette"
    )
    assert clean_credit("Credit…Jo Smith", "") == "Jo Smith"
    assert clean_credit("Credits: Jo Smith", "") == "Jo Smith"


def test_an_alt_text_repeating_the_caption_is_dropped() -> None:
    assert clean_alt("The harbour wall after the storm", "The harbour wall after the storm.") == ""
    assert clean_alt("The harbour wall", "The harbour wall after the storm.") == "The harbour wall"
    assert clean_alt("A stone wall", "The harbour wall after the storm.") == "A stone wall"


def test_advert_markers_are_labels_and_sentences_are_not() -> None:
    assert is_ad_label("Advertisement")
    assert is_ad_label("ADVERTISEMENT:")
    assert is_ad_label("Story continues below advertisement")
    assert not is_ad_label("Advertisement revenue fell by a third last year, the paper said.")


def test_an_advert_marker_between_paragraphs_is_not_in_the_story() -> None:
    paragraphs = [
        f"Paragraph {i} of the story about the harbour wall and the storms of the last winter."
        for i in range(5)
    ]
    story = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
    story += "<p>Advertisement</p>" + "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    page = (
        "<html><head><title>Harbour wall</title></head><body><article><h1>Harbour wall</h1>"
        f"{story}</article></body></html>"
    )
    article = HtmlImporter().parse(SourceFile(path=Path("p.html"), data=page.encode()))
    assert [b.text for b in article.blocks] == paragraphs
