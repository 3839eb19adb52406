"""Word lists shared by the text rules, and the per-language lists that tell who speaks.

The reporting rules are written once; what differs between English, French, German,
Spanish and Italian is data: the cue verbs ("said", "a déclaré", "sagte", "dijo",
"ha detto"), the words for "according to" ("selon", "laut", "según", "secondo"),
auxiliaries, determiners, pronouns and titles. They live in ``lang/<code>.toml``; a
story's language comes from its metadata, else from its commonest function words, and
``use_language`` makes its lists the ones the rules read while its quotations are found.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DIR = Path(__file__).with_name("lang")
LANGUAGES = ("en", "fr", "de", "es", "it")


def words(text: str) -> frozenset[str]:
    """A word list written as one string, for the long tables."""
    return frozenset(text.split())


# Name particles: lowercase words inside a person's name ("Ludwig van Beethoven",
# "Luis de la Fuente", "Osama bin Laden"). Bylines and speakers share them.
NAME_PARTICLES = words("de da di del della der den du la le van von bin al el ibn mc y e")
MONTH_NAMES = words("""
    january february march april may june july august september october november december
    """)
MONTH_ABBREVIATIONS = words("jan feb mar apr jun jul aug sep sept oct nov dec")
# Months, which a capital at a sentence start does not make into names.
MONTHS = MONTH_NAMES | MONTH_ABBREVIATIONS
WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday")
# Abbreviated titles before a name, written with a full stop that ends no sentence
# ("Mr. Kamp said", "Sen. Ted Cruz").
TITLE_ABBREVIATIONS = words(
    "mr mrs ms dr sen rep gov gen lt col capt sgt adm maj st jr sr prof rev"
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The lists of one language (empty lists for English: its rules are the defaults)."""

    code: str
    stopwords: frozenset[str]
    cues: frozenset[str]
    according: frozenset[str]
    according_after: frozenset[str]
    auxiliaries: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    titles: frozenset[str]
    roles: frozenset[str]
    pro_drop: bool
    compound_roles: bool
    enclitics: frozenset[str]
    stops: frozenset[str]
    relatives: frozenset[str]
    according_adjacent: frozenset[str]
    asides: tuple[tuple[str, ...], ...]
    title_nouns: frozenset[str]
    incises: bool
    conjunctions: frozenset[str]
    speech_nouns: frozenset[str]
    capital_nouns: bool
    female_pronouns: frozenset[str]
    male_pronouns: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    spokes_nouns: frozenset[str]
    org_words: frozenset[str]
    role_synonyms: dict[str, frozenset[str]]


@cache
def lexicon(code: str) -> Lexicon:
    """The lists of language ``code`` ("fr", "de-AT" and "FR" are French, German, …);
    English for a language without lists."""
    code = code.lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        code = "en"
    data = tomllib.loads((_DIR / f"{code}.toml").read_text(encoding="utf-8"))

    def get(key: str) -> frozenset[str]:
        return words(str(data.get(key, "")).lower())

    return Lexicon(
        code=code,
        stopwords=get("stopwords"),
        cues=get("cues"),
        according=get("according"),
        according_after=get("according_after"),
        auxiliaries=get("auxiliaries"),
        determiners=get("determiners"),
        pronouns=get("pronouns"),
        titles=get("titles"),
        roles=get("roles"),
        pro_drop=bool(data.get("pro_drop", False)),
        compound_roles=bool(data.get("compound_roles", False)),
        enclitics=get("enclitics"),
        stops=get("stops"),
        relatives=get("relatives"),
        according_adjacent=get("according_adjacent"),
        asides=tuple(
            tuple(a.split()) for a in str(data.get("asides", "")).lower().split(";") if a.strip()
        ),
        title_nouns=get("title_nouns"),
        incises=bool(data.get("incises", False)),
        conjunctions=get("conjunctions"),
        speech_nouns=get("speech_nouns"),
        capital_nouns=bool(data.get("capital_nouns", False)),
        female_pronouns=get("female_pronouns"),
        male_pronouns=get("male_pronouns"),
        female_words=get("female_words"),
        male_words=get("male_words"),
        spokes_nouns=get("spokes_nouns"),
        org_words=get("org_words"),
        role_synonyms={
            k.lower(): words(str(v).lower()) for k, v in dict(data.get("role_synonyms", {})).items()
        },
    )


_current: ContextVar[Lexicon | None] = ContextVar("lexicon", default=None)


def current() -> Lexicon | None:
    """The lists of the story being read; None for English (the rules' own lists)."""
    return _current.get()


def current_pro_drop() -> bool:
    """True when the story's language may leave a speaker out ("«…», dijo.")."""
    lex = _current.get()
    return lex is not None and lex.pro_drop


def english_title_nouns() -> frozenset[str]:
    return lexicon("en").title_nouns


def role_names(noun: str) -> frozenset[str]:
    """ "congressman" and the titles that name the same office ("representative")."""
    low = noun.lower()
    lex = _current.get() or lexicon("en")
    return frozenset({low}) | lex.role_synonyms.get(low, frozenset())


def pronoun_gender(word: str) -> str | None:
    """ "f" or "m" for a pronoun of the story's language or English, else None."""
    low = word.lower()
    for lex in (_current.get(), lexicon("en")):
        if lex is not None and low in lex.female_pronouns:
            return "f"
        if lex is not None and low in lex.male_pronouns:
            return "m"
    return None


def gender_of_words(before: list[str]) -> str | None:
    """ "f" or "m" told by the words just before a name ("Mrs.", "la députée" -> "la")."""
    lex = _current.get() or lexicon("en")
    for word in reversed(before):
        low = word.lower()
        if low in lex.female_words:
            return "f"
        if low in lex.male_words:
            return "m"
    return None


def speech_nouns() -> frozenset[str]:
    """Nouns for what someone said ("claim", "statement"): the story's and English."""
    lex = _current.get()
    english = lexicon("en").speech_nouns
    return english if lex is None else english | lex.speech_nouns


def conjunctions() -> frozenset[str]:
    """Words that join two quotations ("and", "et", "und"): the story's and English."""
    lex = _current.get()
    english = lexicon("en").conjunctions
    return english if lex is None else english | lex.conjunctions


@contextmanager
def use_language(code: str) -> Iterator[None]:
    lex = lexicon(code) if code else lexicon("en")
    token = _current.set(None if lex.code == "en" else lex)
    try:
        yield
    finally:
        _current.reset(token)


_WORD = re.compile(r"[^\W\d_]+")
# Enough text to tell a language by its function words; reading more changes nothing.
_SAMPLE_CHARS = 1500
# "the" this many times in the sample: no other language here writes it.
_SURELY_ENGLISH = 5


@cache
def _stopword_languages() -> dict[str, tuple[int, ...]]:
    """Each function word and the languages (indices into LANGUAGES) that use it."""
    table: dict[str, list[int]] = {}
    for i, code in enumerate(LANGUAGES):
        for w in lexicon(code).stopwords:
            table.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in table.items()}


def detect_language(texts: Iterable[str], declared: str = "") -> str:
    """The story's language: its metadata's ("fr-FR" -> "fr") when given, else the
    language whose function words are commonest in the text ("en" when none stands out)."""
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    if code:
        return code
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text[: _SAMPLE_CHARS - size])
        size += len(parts[-1])
        if size >= _SAMPLE_CHARS:
            break
    sample = " ".join(parts).lower()
    if sample.count(" the ") >= _SURELY_ENGLISH:
        return "en"  # the commonest case, told without counting every word
    table = _stopword_languages()
    counts = [0] * len(LANGUAGES)
    for w in _WORD.findall(sample):
        for i in table.get(w, ()):
            counts[i] += 1
    best = max(range(len(LANGUAGES)), key=counts.__getitem__)
    return LANGUAGES[best] if counts[best] > counts[0] else "en"


# Words that open a sentence or clause and never a speaker's name ("Meanwhile Mark Oaten
# said", "Since Blinkx launched", "However they said").
OPENERS = words("""
    meanwhile however earlier later now yesterday today tonight instead also still then so
    but and yet indeed moreover furthermore nevertheless nonetheless only even just again
    once perhaps maybe elsewhere otherwise thus hence therefore besides likewise similarly
    accordingly consequently separately
    """)
# Words that start an adverbial clause or phrase: what follows is not a subject.
SUBORDINATORS = words("""
    since despite although though unless until within against while when after before
    because if whereas whether of in on at from into onto upon over under through without
    among between about during towards toward no not
    """)
# Words of quantity and possession that open a description, not a name ("one analyst",
# "his lawyer", "some delegates").
QUANTIFIERS = words("""
    one some many several both all most few his her its their our my your this that these
    those each every any other another
    """)
NUMBER_WORDS = words("""
    two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands million millions dozen dozens billion
    """)
TIME_NOUNS = words("week weekend month year morning afternoon evening night day")
# Words ending in -ly that are not adverbs: names and nouns.
LY_WORDS = words("""
    emily beverly kimberly shirley holly molly sally kelly lily ely billy reilly riley daly
    connolly ally italy july assembly family supply rally belly fly
    """)
FUNCTION_WORDS = (
    OPENERS
    | SUBORDINATORS
    | QUANTIFIERS
    | words("""
    a an the and or nor as so to for by with it he she they we i you there here what which
    who whom whose why how where than
    """)
)


def is_adverb(word: str) -> bool:
    """An -ly adverb ("Inadvertently", "especially"), not a name or noun ("Emily")."""
    low = word.lower()
    return low.endswith("ly") and len(low) > 4 and low not in LY_WORDS


def unfit_name(name: str) -> bool:
    """True for a speaker string no reader would take for anyone's name: it starts with a
    function word or sentence adverb, ends in a possessive, or is a month or a number."""
    parts = name.split()
    if not parts:
        return True
    first = parts[0].lower().strip(".,")
    lone_adverb = is_adverb(first) and (len(parts) == 1 or not parts[1][:1].isupper())
    if first in FUNCTION_WORDS or first in NUMBER_WORDS or first[:1].isdigit() or lone_adverb:
        return True
    if name.endswith(("'s", "’s", "s'", "s’")):
        return True
    return name.lower() in MONTHS
