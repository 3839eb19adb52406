"""Site furniture removal, captions and credits, and date lines in text scrapes."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsviewer.text.boilerplate import drop_boilerplate, looks_like_boilerplate
from newsviewer.text.captions import (
    is_credit_line,
    looks_like_caption,
    split_credit,
    strip_caption_prefix,
    strip_credit_prefix,
)
from newsviewer.text.dates import dateline_date, find_date


@pytest.mark.parametrize(
    "line",
    [
        "IE 11 is not supported. For an optimal experience visit our site on another browser.",
        "Advertisement",
        "ADVERTISEMENT",
        "Read more",
        "Share this article",
        "Sign up for our morning newsletter",
        "We use cookies to give you the best experience.",
        "Follow us on Twitter",
        "Copyright 2014 Example Media. All rights reserved.",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert looks_like_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Secretary of State John Kerry pledged support to the Iraqi government.",
        "Read the room, the senator told his colleagues before the vote on Tuesday.",
        "Share prices fell 3% in early trading in London.",
        "The firm said users who sign up for the service get a free month of storage and "
        "access to all of its features without advertising.",
    ],
)
def test_story_sentences_are_kept(line: str) -> None:
    assert not looks_like_boilerplate(line)


def test_shape_rules_never_remove_more_than_a_bounded_share() -> None:
    # A short piece made mostly of furniture-shaped lines keeps most of its text.
    lines = [
        "Sign up for the newsletter, the regulator said, is a phrase that misleads.",
        "Subscribe now and save",
        "Sign up for alerts",
        "Follow us on Instagram",
        "Share on WhatsApp",
    ]
    kept = drop_boilerplate(lines)
    assert lines[0] in kept
    removed = sum(len(s) for s in lines) - sum(len(s) for s in kept)
    assert removed <= 0.2 * sum(len(s) for s in lines)


def test_known_banner_always_goes() -> None:
    lines = ["IE 11 is not supported. For an optimal experience visit our site on another browser."]
    assert drop_boilerplate(lines) == []


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        (
            "Protesters gather outside the court, Jan. 5, 2014. (AP Photo/Khalid Mohammed)",
            "Protesters gather outside the court, Jan. 5, 2014.",
            "AP Photo/Khalid Mohammed",
        ),
        (
            "The prime minister arrives in Brussels. REUTERS/Yves Herman",
            "The prime minister arrives in Brussels.",
            "REUTERS/Yves Herman",
        ),
        (
            "Fans queue for tickets. Photograph: Jane Doe/AFP/Getty Images",
            "Fans queue for tickets.",
            "Photograph: Jane Doe/AFP/Getty Images",
        ),
        ("Firefighters at the scene. Getty Images", "Firefighters at the scene.", "Getty Images"),
        ("A plain sentence about the economy.", "A plain sentence about the economy.", ""),
    ],
)
def test_credits_are_split_from_captions(caption: str, text: str, credit: str) -> None:
    assert split_credit(caption) == (text, credit)


def test_caption_and_credit_labels() -> None:
    assert strip_caption_prefix("Image caption, Rescuers work through the night") == (
        "Rescuers work through the night"
    )
    assert strip_caption_prefix("Rescuers work through the night") is None
    assert strip_credit_prefix("Image source, Getty Images") == "Getty Images"
    assert is_credit_line("REUTERS/Yves Herman")
    assert is_credit_line("Getty Images")
    assert not is_credit_line("The firm said Getty Images would buy it for $1bn.")


def test_caption_shapes() -> None:
    assert looks_like_caption(
        "Gunmen patrol in Fallujah, 40 miles west of Baghdad, Iraq, Jan. 5, 2014."
    )
    assert not looks_like_caption("The talks resume on Monday.")


def test_dates_in_prose_and_date_lines() -> None:
    assert find_date("Gunmen patrol in Fallujah, Iraq, Jan. 5, 2014.") == datetime(2014, 1, 5)
    assert find_date("Published 5 January 2014") == datetime(2014, 1, 5)
    assert find_date("2014-01-05") == datetime(2014, 1, 5)
    assert find_date("no date at all") is None
    assert dateline_date("Updated 5:03 PM ET, Jan 5, 2014") == datetime(2014, 1, 5, 17, 3)
    assert (
        dateline_date("Kerry arrived in Jerusalem on Jan. 5, 2014, for talks with leaders.") is None
    )
