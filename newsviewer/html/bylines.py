"""Turn raw byline strings into a display byline and a list of person names."""

from __future__ import annotations

import re

from newsviewer.html.sanitize import clean_text
from newsviewer.text.lexicon import NAME_PARTICLES

# "By", and its French, German, Spanish, Italian and Dutch equivalents.
_BY = re.compile(
    r"^(?:(?:written|posted|reported|words|text|story)\s+)?(?:by|par|von|por|di|door)(?:[:\s]+|$)",
    re.I,
)
# Full-width commas and the ideographic comma separate names in Chinese and Japanese.
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\||·|•|，|、)\s*", re.I)
# Brackets some sites set around a byline ("[Tanaka, ITmedia]", "《KT》").
_BRACKETS = " .:[]()（）【】《》〈〉「」"
# Credits for work other than the writing end the list of authors: "Written by Rob
# Ewaschuk Edited by Betsy Beyer" names one author.
_OTHER_ROLE = re.compile(
    r"\s+(?:edited|photos?|photographs?|illustrat(?:ed|ions?)|graphics|video|translated|"
    r"fact-checked|design(?:ed)?)\s+by\b.*$",
    re.I,
)
# Words that make a byline part a role, desk or organisation rather than a person.
_NOT_PERSON = re.compile(
    r"\b(staff|editors?|editorial|desk|team|newsroom|reporters?|correspondents?|"
    r"agenc(y|ies)|wire|press|associated|reuters|afp|news|media|contributors?|"
    r"updated|published|posted|edited|modified|created|photos?|photograph(er|y)?|guest|admin|bureau|"
    r"times|tribune|journal|herald|gazette|magazine|inc|ltd|llc|gmbh|corp)\b"
    # Papers and desks are "The ..."; people are not.
    r"|^the\s",
    re.I,
)
# Trailing role or affiliation: "Jane Doe, Political Correspondent" keeps "Jane Doe".
_ROLE_TAIL = re.compile(r"\s+[-–—|/]\s+.*$|\s*[–—|/]\s*.*$")
# A job title run on after the name, as byline boxes print it ("Howard Blume Staff
# Writer", "Sam Stein Senior Politics Editor"): the name ends before the first of these.
_ROLE_WORDS = re.compile(
    r"\s+(?:staff|senior|junior|chief|deputy|managing|executive|associate|contributing|"
    r"special|editor|editors|writer|reporter|correspondent|columnist|contributor|producer|"
    r"photographer|analyst|critic)\b.*$",
    re.I,
)
# A date run on after the name ("Joshua Sokol May 5, 2016", "Lucas Nolan22 Dec 2016").
_DATE_TAIL = re.compile(
    r"\s*(?:\d.*|(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"\s+\d.*|(?:updated|published|posted)\b.*"
    # A weekday opens a date as a month does ("Joe Wee Monday; February 6").
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*)$",
    re.I,
)
# What byline rows print beside the names: counts ("51 Comments", "651"), reading
# times ("8 min read"), e-mail addresses.
_COUNT = re.compile(r"^\+?\s*\d[\d,.]*(?:\s+[^\W\d_]+)?$")
_READ_TIME = re.compile(r"\s*[•·|]?\s*\d+\s*min(?:ute)?s?\.?\s+read\b.*$", re.I)
_EMAIL = re.compile(r"\s*[|,•·]?\s*\S+@\S+\.\w+\s*$")
# Letters after a name for a degree or licence ("Brenda Goodman, MA").
_DEGREES = {"ma", "ms", "msc", "md", "phd", "rn", "mph", "ba", "bsc", "mba", "dds", "facp"}
# A URL in parentheses after a name ("Bradley M. Kuhn (http://ebb.org/bkuhn/)").
_URL = re.compile(r"\s*\(?\s*https?://\S*\s*\)?")
# An upper-case desk or paper run on after a name in normal case ("Meg Wagner NEW YORK
# DAILY NEWS"); a name set wholly in capitals ("GILLIAN MOHNEY") is left alone.
_CAPS_TAIL = re.compile(r"(?<=[a-z])(?:\s+[A-Z][A-Z.&']+){2,}$")
_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?", re.I)
# Lower-case words inside Latin-script names ("Ludwig van Beethoven", "Michiel de Jong").
_PARTICLES = NAME_PARTICLES
# Interface text that byline boxes carry beside the name.
_UI_TEXT = re.compile(
    r"\b(copied|archive|rss|feed|follow|username|view|share|email|e-mail|profile|"
    r"subscribe|sign in|log in|more from|read more|bio)\b",
    re.I,
)
# Shortest site or name key compared as a substring of the other.
_MIN_SITE_KEY = 6
# Person names are short; longer text under an author tag is a bio or a sentence.
_MAX_NAME_WORDS = 5


# "Gillman, Steve": one person written surname first, as catalogues and some CMSs do.
_INVERTED = re.compile(r"^([^\W\d_][\w'’-]+),\s*([^\W\d_][\w'’-]+(?:\s+[^\W\d_]\.)?)$")
# For the list of people, also given names that are an initial ("Kooman, F.") or end in
# a particle ("Jong, Michiel de"); the display keeps these as the page wrote them, the
# bibliographic style of the source (papers, standards).
_INVERTED_FULL = re.compile(
    r"^([^\W\d_][\w'’-]+),\s*([^\W\d_](?:[\w'’-]+|\.)"
    r"(?:\s+(?:[^\W\d_]\.|de|van|von|der|den|da|di|du|la|le))*)$"
)
# Between whole names in a list of inverted ones ("Kooman, F. and Jong, Michiel de").
_NAME_LIST = re.compile(r"\s+(?:and|&|und|et)\s+|\s*;\s*", re.I)


def _uninverted(value: str, pattern: re.Pattern[str] = _INVERTED) -> str:
    match = pattern.match(value)
    # Two desks ("Reuters, AFP") or capitalised tags are left as the page wrote them.
    if not match or _NOT_PERSON.search(value) or value.isupper():
        return value
    return f"{match.group(2)} {match.group(1)}"


# The word joining the last two names, in the page's language: a German page's
# byline reads "Anna Müller und Peter Schmidt", never "... and ...".
_AND = {"de": "und", "fr": "et", "es": "y", "it": "e", "pt": "e", "nl": "en", "ca": "i"}
_AND |= {"da": "og", "no": "og", "nb": "og", "sv": "och", "pl": "i", "cs": "a", "fi": "ja"}


def display_byline(raw: list[str], language: str = "") -> str:
    """The byline a reader sees: the page's author text without a leading "By".

    Names given apart are joined in the page's ``language`` ("de", "fr-CA").
    """
    parts = [_uninverted(_BY.sub("", clean_text(r)).strip()) for r in raw]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    # Buttons, counts and addresses that came with the names are not the byline; the
    # first part stays when nothing else would.
    parts = [_without_extras(p) for p in parts if not _extra(p)] or [_without_extras(parts[0])]
    if len(parts) == 1:
        return parts[0]
    conjunction = _AND.get(language.split("-")[0].casefold(), "and")
    return ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


def _extra(part: str) -> bool:
    return bool(_UI_TEXT.search(part) or _COUNT.match(part) or _EMAIL.fullmatch(part))


def _without_extras(part: str) -> str:
    """One byline string without a reading time, e-mail address or run-on date."""
    cleaned = _EMAIL.sub("", _READ_TIME.sub("", part)).strip(" •·|,")
    dated = _DATE_TAIL.sub("", cleaned).strip(" •·|,")
    # Only a date run on after a name goes; text that is all date stays as it is.
    if dated and dated != cleaned and (len(dated.split()) >= 2 or not dated.isascii()):
        cleaned = dated
    return cleaned or part


def person_names(raw: list[str], site: str = "") -> tuple[str, ...]:
    """Individual people named in the byline strings: split, without desks or the site."""
    names: list[str] = []
    site_key = site.casefold()
    for value in raw:
        value = _BY.sub("", _URL.sub(" ", clean_text(value))).strip()
        value = "; ".join(_uninverted(v, _INVERTED_FULL) for v in _NAME_LIST.split(value))
        value = _OTHER_ROLE.sub("", value)
        for part in _SPLIT.split(value):
            part = _BY.sub("", part.strip(_BRACKETS)).strip(_BRACKETS)
            part = _ROLE_TAIL.sub("", part).strip(" .:")
            part = _DATE_TAIL.sub("", part).strip(" .:")
            part = _ROLE_WORDS.sub("", part).strip(" .:")
            part = _CAPS_TAIL.sub("", part).strip(" .:")
            if not part or part.casefold() == site_key or _names_site(part, site_key):
                continue
            if _NOT_PERSON.search(part) or _UI_TEXT.search(part) or _LABEL.match(part):
                continue
            if part.startswith(("http", "@")) or not part[0].isalpha():
                continue
            words = part.split()
            if len(words) > _MAX_NAME_WORDS or not any(c.isalpha() for c in part):
                continue
            if _MONTH.fullmatch(part) or not _capitalised(words) or _acronym(words):
                continue
            if part.casefold().replace(".", "") in _DEGREES or len(part.rstrip(".")) < 2:
                continue
            if part not in names:
                names.append(part)
    return tuple(names)


# Words set where a byline goes that are labels, not names ("Posted", "Name", "Share").
_LABEL = re.compile(
    r"^(?:posted|published|updated|name|names|authors?|autor|written|by|share|follow|"
    r"e-?mail|print|comments?|tags?|filed(?: under)?|more|about|contact|home|menu|search|"
    r"log ?in|sign[ -]?in|sign[ -]?up|register|newsletters?|profile|subscribe)\s*:?$",
    re.I,
)


def byline_label(value: str) -> bool:
    """A label or a button set where a byline goes ("Posted", "Follow", "Name")."""
    text = clean_text(value).strip(" .:|·•-")
    return not text or bool(_LABEL.match(text)) or interface_text(text)


def names_site(value: str, site: str) -> bool:
    """The byline names the site itself ("Coast Gazette" on the Coast Gazette's page)."""
    key = re.sub(r"[\W_]+", "", _BY.sub("", clean_text(value)).casefold())
    return bool(key) and key == re.sub(r"[\W_]+", "", site.casefold())


def interface_text(value: str) -> bool:
    """A button or menu label found in author markup ("Account and Profile", "Follow")."""
    return bool(_UI_TEXT.search(value))


def _names_site(part: str, site_key: str) -> bool:
    """ "NYTimes", "The Verge" for a site called "The New York Times" / "theverge"."""
    key = re.sub(r"[\W_]+", "", part.casefold())
    site = re.sub(r"[\W_]+", "", site_key)
    if not site or not key:
        return False
    # Substrings only when long enough not to be part of an unrelated name ("Ars" in "Lars").
    return key == site or (len(site) >= _MIN_SITE_KEY and (site in key or key in site))


# A lone word in capitals this long is an agency or company (AFP, BBC, ASCII); two
# capitals are the initials some writers sign with ("KT").
_MIN_ACRONYM = 3


def _acronym(words: list[str]) -> bool:
    if len(words) != 1:
        return False
    word = words[0]
    return len(word) >= _MIN_ACRONYM and word.isupper() and word.isalpha()


def _capitalised(words: list[str]) -> bool:
    """Every word of a Latin-script name starts with a capital, bar particles ("van").

    Labels that land in author markup ("Authority control", "Account settings") fail
    this; scripts without letter case (CJK) pass.
    """
    for word in words:
        first = word[0]
        if first.islower() and word not in _PARTICLES:
            return False
    return True
