"""Photo captions and credits in running text: telling them apart from story paragraphs."""

from __future__ import annotations

import re

# Prefixes that scrapes of BBC-style pages put before a caption or a credit.
_CAPTION_PREFIX = re.compile(r"^(?:image|photo|picture|video)?\s*caption\s*[,:]?\s+", re.I)
_CREDIT_PREFIX = re.compile(
    r"^(?:image\s+(?:source|copyright)|photo(?:graph)?\s+credit|credit|photograph|photo)\s*[,:]\s*",
    re.I,
)

_AGENCIES = (
    r"AP|AFP|Reuters|REUTERS|Getty Images|Getty|EPA|EPA-EFE|Shutterstock|Bloomberg|"
    r"Associated Press|PA|PA Wire|PA Media|Alamy|NurPhoto|Sipa|Xinhua|ANP|dpa|"
    r"The Washington Post|The New York Times|NBC News|Corbis|Redux"
)
# The credit pattern below is verbose, where a plain space would be ignored.
_AGENCIES_VERBOSE = _AGENCIES.replace(" ", "[ ]")
# A credit at the end of a caption: "(AP Photo/Khalid Mohammed)", "REUTERS/Jane Doe",
# "Photograph: Jane Doe/AFP/Getty Images", "Jane Doe / Getty Images", "Getty Images".
_TRAILING_CREDIT = re.compile(
    r"""(?:
        \s*\((?P<paren>(?:AP|AFP|Reuters|EPA)?\s*Photos?\s*(?:/|by|:)[^()]*
                    |[^()]*?(?:Getty\ Images|/\s*(?:AP|AFP|Reuters|EPA|Getty)[^()]*)
                    |(?:Photo|Image|Credit)s?\s*:[^()]*)\)
      | \s+(?P<agency>(?:REUTERS|AFP|AP|EPA|XINHUA)/[^\s].*)
      | \s+(?P<labelled>(?:Photograph|Photo|Picture|Image|Credit)s?\s*:\s*\S.*)
      | \s+(?P<via>(?:[A-Z][\w.'-]*\s+){1,3}(?:/|via)\s*(?:"""
    + _AGENCIES_VERBOSE
    + r""")\b.*)
      | \s+(?P<bare>(?:"""
    + _AGENCIES_VERBOSE
    + r""")(?:\s*/\s*[^\s].*)?)
    )\s*$""",
    re.VERBOSE,
)
_CREDIT_ONLY = re.compile(
    r"^(?:\(?(?:(?:AP|AFP|Reuters|EPA)\s*Photo\s*/[^()]+|Photograph\s*:.+|"
    r"(?:[A-Z][\w.'-]*\s+){0,3}(?:/\s*)?(?:" + _AGENCIES + r")(?:\s*/\s*[^\s].*)?)\)?)$"
)

# AP-style captions end with the place and date of the photo: "..., Iraq, Jan. 5, 2014."
_AP_DATE_END = re.compile(
    r",\s+(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+"
    r"(?:19|20)\d{2}\.?$"
)
# A caption is one or two sentences; a longer line ending in a date is a story paragraph.
_MAX_CAPTION_WORDS = 60


def strip_caption_prefix(line: str) -> str | None:
    """The caption when ``line`` starts with a caption label ("Image caption, ..."), else None."""
    m = _CAPTION_PREFIX.match(line.strip())
    return line.strip()[m.end() :].strip() if m else None


def strip_credit_prefix(line: str) -> str | None:
    """The credit text when ``line`` is labelled as one ("Image source, Getty Images")."""
    text = line.strip()
    m = _CREDIT_PREFIX.match(text)
    if m is None:
        return None
    rest = text[m.end() :].strip()
    # "Photograph: ..." alone is a credit; "Photo: the minister arriving" would be too long.
    return rest if rest and len(rest.split()) <= 8 else None


def split_credit(text: str) -> tuple[str, str]:
    """Split a caption into (caption, credit); credit is "" when there is none."""
    text = text.strip()
    m = _TRAILING_CREDIT.search(text)
    if m is None or m.start() == 0:
        return text, ""
    credit = next(g for g in m.groups() if g)
    return text[: m.start()].rstrip(), credit.strip()


def is_credit_line(line: str) -> bool:
    """True for a line that is only a photo credit ("REUTERS/Jane Doe", "Getty Images")."""
    text = line.strip()
    return bool(text) and len(text.split()) <= 8 and _CREDIT_ONLY.match(text) is not None


def looks_like_caption(line: str) -> bool:
    """True for a line shaped like a photo caption: a credit at its end or an AP date line."""
    text = line.strip()
    if not text or len(text.split()) > _MAX_CAPTION_WORDS:
        return False
    if split_credit(text)[1]:
        return True
    return _AP_DATE_END.search(text) is not None
