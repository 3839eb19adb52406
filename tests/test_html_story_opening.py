"""Where an imported page's story starts: site notices above it are left out,
the dateline that opens it is kept."""

from __future__ import annotations

from pathlib import Path

from newsviewer.domain import Article
from newsviewer.importers.base import SourceFile
from newsviewer.importers.html import HtmlImporter

_STORY = "".join(
    f"<p>Paragraph {i} of the story tells readers what the council decided about the "
    "harbour wall, who spoke at the meeting and what happens next.</p>"
    for i in range(1, 6)
)


def opening(
    before: str, first: str = "<p>The council voted on Tuesday to rebuild the wall.</p>"
) -> str:
    html = (
        "<!DOCTYPE html><html><head><title>Harbour wall to be rebuilt</title></head><body>"
        f"<article><h1>Harbour wall to be rebuilt</h1>{before}{first}{_STORY}</article>"
        "</body></html>"
    )
    source = SourceFile(path=Path("page.html"), data=html.encode())
    article: Article = HtmlImporter().parse(source)
    return article.blocks[0].text


def test_notification_prompt_above_the_story_is_left_out() -> None:
    text = opening(
        "<p>To make sure you never miss out on your favourite stories, we're happy to send "
        "you some reminders</p><p>Click 'OK' then 'Allow' to enable notifications</p>"
        "<p>Published</p>"
    )
    assert text == "The council voted on Tuesday to rebuild the wall."


def test_sign_up_prompt_and_keyboard_tip_are_left_out() -> None:
    text = opening(
        "<p>Not a member of Gazette yet? Sign Up, it unlocks many cool features!</p>"
        "<p>Tip: Go to your accessibility settings to change your keyboard shortcuts</p>"
    )
    assert text == "The council voted on Tuesday to rebuild the wall."


def test_archive_banner_and_summary_label_are_left_out() -> None:
    text = opening(
        "<p>This is historical material “frozen in time”. The website is no longer updated "
        "and links to external websites may not work.</p><p>Summary:</p>"
    )
    assert text == "The council voted on Tuesday to rebuild the wall."


def test_a_story_that_opens_on_cookies_is_kept() -> None:
    first = "<p>The bakery says it uses cookies from an old family recipe.</p>"
    assert opening("", first) == "The bakery says it uses cookies from an old family recipe."


def test_dateline_in_its_own_bold_element_opens_the_first_paragraph() -> None:
    text = opening(
        "",
        '<b class="place">Washington/ New Delhi: </b>'
        "<p>The council voted on Tuesday to rebuild the wall.</p>",
    )
    assert text == "Washington/ New Delhi: The council voted on Tuesday to rebuild the wall."


def _with_description(header: str, first: str) -> Article:
    html = (
        "<!DOCTYPE html><html><head><title>Harbour wall to be rebuilt</title>"
        '<meta name="description" content="The 19th-century wall failed in the storms.">'
        "</head><body><article><h1>Harbour wall to be rebuilt</h1>"
        f"{header}{first}{_STORY}</article></body></html>"
    )
    return HtmlImporter().parse(SourceFile(path=Path("page.html"), data=html.encode()))


def test_standfirst_above_the_byline_is_shown_once_as_the_summary() -> None:
    article = _with_description(
        '<p class="dek">The 19th-century wall failed in the storms.</p>'
        '<div class="byline">By Ana Silva</div>',
        "<p>The council voted on Tuesday to rebuild the wall.</p>",
    )
    assert article.summary == "The 19th-century wall failed in the storms."
    assert article.blocks[0].text == "The council voted on Tuesday to rebuild the wall."


def test_lede_that_the_description_repeats_stays_in_the_story() -> None:
    article = _with_description(
        '<div class="byline">By Ana Silva</div>',
        "<p>The 19th-century wall failed in the storms.</p>",
    )
    assert article.blocks[0].text == "The 19th-century wall failed in the storms."


def test_opening_sentence_set_loose_after_a_floated_picture_is_kept() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Survey numbers</title></head><body><article>"
        '<h1>Survey numbers</h1><div class="content"><div style="float: left">'
        '<img alt="Logo" src="https://gazette.example/logo.png" width="100" height="100">'
        "</div>\nWith the start of a new month, the survey numbers for May are out."
        + "".join(
            f"<br><br>Paragraph {i} of the story tells readers what the survey found and "
            "how it compares with the month before."
            for i in range(1, 6)
        )
        + "</div></article></body></html>"
    )
    article = HtmlImporter().parse(SourceFile(path=Path("page.html"), data=html.encode()))
    assert article.blocks[0].text == (
        "With the start of a new month, the survey numbers for May are out."
    )
    assert article.blocks[1].text.startswith("Paragraph 1 of the story")


def test_excerpt_cut_off_above_the_story_is_left_out() -> None:
    text = opening(
        "<p>The council voted on Tuesday...</p>",
        "<p>The council voted on Tuesday to rebuild the wall.</p>",
    )
    assert text == "The council voted on Tuesday to rebuild the wall."


def test_paragraph_ending_in_an_ellipsis_that_nothing_repeats_is_kept() -> None:
    first = "<p>The council voted on Tuesday, and then...</p>"
    assert opening("", first) == "The council voted on Tuesday, and then..."


def test_back_link_in_a_short_list_above_the_story_is_left_out() -> None:
    text = opening("<ul><li>2019.03.08</li><li>Back to the news list</li></ul>")
    assert text == "The council voted on Tuesday to rebuild the wall."


def test_a_story_that_opens_with_a_long_list_of_short_items_keeps_it() -> None:
    items = "".join(f"<li>{name}</li>" for name in ("Eggs", "Flour", "Butter", "Sugar", "Salt"))
    assert opening(f"<ul>{items}</ul>") == "Eggs"


def test_standfirst_followed_by_a_written_out_by_line_is_shown_once() -> None:
    article = _with_description(
        "<p>The 19th-century wall failed in the storms.</p><p>Un texte de Frédéric Zalac</p>",
        "<p>Le conseil a voté mardi pour reconstruire le mur.</p>",
    )
    assert article.blocks[0].text == "Un texte de Frédéric Zalac"
