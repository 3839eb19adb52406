"""Interface words that pages print inside captions, credits and the story's flow.

Picture captions carry the buttons of their viewer ("hide caption", "toggle
caption", "Enlarge this image"), a screen-reader label before the credit ("Credit",
"Credit…", printed twice when the visible and hidden labels are both kept), and a
credit repeated for each layout. Between paragraphs, a lone "Advertisement" marks
where an advert stood, and the same word is sometimes run onto the end of the
paragraph or caption before it ("... the council said. Advertisement"). Newsletter
and app promotions are set in the story's flow as a bracketed line ("[Sign up for
our daily newsletter.]"), or bracketed after a paragraph's last sentence. None of it
is the story's or the picture's text.
"""

from __future__ import annotations

import re

_VIEWER_BUTTONS = re.compile(
    r"\s*\b(?:hide|show|toggle)\s+caption\b|\s*\benlarge this image\b|\s*\bclick to enlarge\b",
    re.I,
)
# "Credit", "Credits:", "Credit…" labels before the name, however many are left.
_CREDIT_LABELS = re.compile(r"^(?:\s*credits?\s*(?::|\.\.\.|…)?\s*)+(?=\S)", re.I)
# A line that only marks an advert's place, in the languages of most pages.
_AD_LABEL = re.compile(
    r"^\W*(?:advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità"
    r"|sponsored|story continues below(?: this)? advertisement|continue reading below"
    r"(?: the)? advertisement)\W*$",
    re.I,
)


# "Advertisement" run on after the last sentence of a paragraph or caption: after a
# sentence's end, capitalised, and last. ("... an advertisement" is a word of the text.)
_TRAILING_AD = re.compile(
    r"(?<=[.!?\"”’)\]])\s+(?:Advertisement|ADVERTISEMENT|Anzeige|Werbung|Publicité|Publicidad)$"
)
# Words of a promotion: newsletters, sign-ups, apps, following the site.
_PROMO_WORDS = re.compile(
    r"\b(?:newsletters?|sign(?:ing)?\s+up|subscribe|subscription|podcast|"
    r"download\s+(?:the|our)\s+app|follow\s+us|abonnieren|inscrivez|suscr[ií]bete)\b",
    re.I,
)
# A bracketed piece: the whole block, or the end of a paragraph after a sentence.
_BRACKETED = re.compile(r"^\W{0,3}[\[(](?P<inner>[^\[\]()]{3,200})[\])]\W{0,3}$")
_BRACKETED_TAIL = re.compile(r"(?<=[.!?\"”’])\s+[\[(](?P<inner>[^\[\]()]{3,200})[\])]\W{0,3}$")


def is_ad_label(text: str) -> bool:
    return len(text) <= 60 and _AD_LABEL.match(text) is not None


def is_promo(text: str) -> bool:
    """A line that is only a bracketed promotion ("[Sign up for our newsletter.]")."""
    match = _BRACKETED.match(text.strip())
    return match is not None and _PROMO_WORDS.search(match.group("inner")) is not None


def without_trailing_chrome(text: str) -> str:
    """A paragraph without an "Advertisement" label or a bracketed promotion run onto its end."""
    stripped = _TRAILING_AD.sub("", text.rstrip())
    match = _BRACKETED_TAIL.search(stripped)
    if match is not None and _PROMO_WORDS.search(match.group("inner")):
        stripped = stripped[: match.start()]
    return stripped if stripped.strip() else text


def clean_caption(caption: str) -> str:
    """The caption without viewer buttons, and once when the page printed it twice."""
    return _without_repeats(without_trailing_chrome(_squeeze(_VIEWER_BUTTONS.sub(" ", caption))))


def clean_credit(credit: str, caption: str) -> str:
    """The credit without viewer buttons, labels, the caption or a repeat of itself."""
    credit = _squeeze(_VIEWER_BUTTONS.sub(" ", credit))
    if caption and credit.startswith(caption):
        credit = credit[len(caption) :].strip()
    credit = _CREDIT_LABELS.sub("", credit)
    return _without_repeats(credit)


# An alt text this close in length to the caption it is part of (or holds) repeats it;
# a shorter one names what the picture shows ("A stone wall") and is its own text.
_SAME_SHARE = 0.8


def clean_alt(alt: str, caption: str) -> str:
    """No alt text where it only repeats the caption (it would be read twice)."""
    a, c = _key(alt), _key(caption)
    if a and c and (a in c or c in a) and min(len(a), len(c)) >= _SAME_SHARE * max(len(a), len(c)):
        return ""
    return alt


def _without_repeats(text: str) -> str:
    """ "Name/Agency Name/Agency Name/Agency" -> "Name/Agency"."""
    words = text.split()
    for size in range(1, len(words) // 2 + 1):
        if len(words) % size == 0:
            piece = words[:size]
            if piece * (len(words) // size) == words:
                return " ".join(piece)
    return text


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
