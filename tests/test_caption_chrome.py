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


_PARAGRAPHS = [
    f"Paragraph {i} of the story about the harbour wall and the storms of the last winter."
    for i in range(5)
]


def _story_with(middle: str, end: str = "") -> list[str]:
    story = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS[:2]) + middle
    story += "".join(f"<p>{p}</p>" for p in _PARAGRAPHS[2:]) + end
    page = (
        "<html><head><title>Harbour wall</title></head><body><article><h1>Harbour wall</h1>"
        f"{story}</article></body></html>"
    )
    article = HtmlImporter().parse(SourceFile(path=Path("p.html"), data=page.encode()))
    return [b.text for b in article.blocks]


def test_a_trailing_advert_label_is_not_in_the_story() -> None:
    assert _story_with("", "<div class='ad-slot'><p>Advertisement</p></div>") == _PARAGRAPHS


def test_an_advert_label_run_onto_a_paragraph_is_cut_off_and_the_word_in_a_sentence_kept() -> None:
    texts = _story_with("<p>The wall is old. Advertisement</p><p>The advertisement ran.</p>")
    assert texts[2:4] == ["The wall is old.", "The advertisement ran."]
    assert clean_caption("Waves break over the wall. Advertisement") == "Waves break over the wall."


def test_newsletter_promotions_in_brackets_are_not_in_the_story() -> None:
    texts = _story_with(
        "<p>[Sign up for our daily newsletter here.]</p>"
        "<p><em>(Want the news in your inbox? Subscribe to the Morning Briefing.)</em></p>",
        "<p>The council meets again in May. [Sign up for our weekly newsletter.]</p>",
    )
    assert texts == [*_PARAGRAPHS, "The council meets again in May."]


def test_a_bracketed_aside_that_promotes_nothing_stays() -> None:
    texts = _story_with("<p>[The council declined to comment.]</p>")
    assert "[The council declined to comment.]" in texts
