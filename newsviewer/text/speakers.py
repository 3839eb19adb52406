"""Who is speaking: reporting verbs, the phrase that names a speaker, and full names.

A mention ("Kerry", "Mr. Kerry", "Secretary of State John Kerry", "a spokeswoman for
the State Department") is resolved to the fullest name the article gives for that
person ("John Kerry"), with a title ("Secretary of State") kept apart as the role.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsviewer.domain import Quote
from newsviewer.text.lexicon import (
    FUNCTION_WORDS,
    MONTHS,
    NAME_PARTICLES,
    NUMBER_WORDS,
    OPENERS,
    QUANTIFIERS,
    SUBORDINATORS,
    TIME_NOUNS,
    TITLE_ABBREVIATIONS,
    WEEKDAYS,
    current,
    gender_of_words,
    is_adverb,
)


def words(text: str) -> frozenset[str]:
    """A word list written as one string, for the long tables below."""
    return frozenset(text.split())


# Reporting verbs. Each form is listed so that "says"/"said"/"saying" all count.
CUE_VERBS = words("""
    say says said saying tell tells told telling add adds added adding explain explains
    explained explaining noted noting write writes wrote writing ask asks asked asking
    stated declare declares declared declaring insist insists insisted insisting argue
    argues argued arguing warn warns warned warning claimed recall recalls recalled
    replied responded continued describes described describing called calling tweeted
    posted acknowledged acknowledges admitted admits announced announces remarked
    suggested suggests urged urges predicted predicts conceded concedes countered quipped
    joked observed cautioned stressed emphasized emphasised concluded answered shouted
    yelled exclaimed boasted complained complains promised vowed mused lamented pledged
    charged contended contends maintained reiterated testified scoffed agreed demanded
    proclaimed texted emailed wondered asserted asserts touted praised dubbed labeled
    labelled branded termed whispered chanted recounted reported blasted slammed mocked
    accused quoted cited reacted retorted snapped sniped insisted acknowledging adding
    fumed lectured reads begins agrees recalls adds writes explains echoed echoing chimed
    tweeting posting interjected retorting cracked exhorted interrupted remarking sings sang
    retaliated announce remembered boomed continues quip riffed opined beamed commented
    commenting stressing stresses
    """)
# Present forms that double as nouns ("states", "calls", "notes") are left out above:
# "...to win many of the states" must not read as a reporting clause.
PRONOUNS = words("he she they we i you it who")
_PERSON_PRONOUNS = frozenset({"he", "she"})

# Capitalised words that are titles or descriptions, not parts of a person's name.
TITLE_WORDS = words("""
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sen sen. senator rep rep.
    representative gov gov. governor lt lt. gov. gen gen. general col col. capt capt.
    sgt sgt. adm adm. maj maj. cmdr rev rev. st. judge justice chief president vice
    secretary state minister prime chancellor speaker leader majority minority house
    senate attorney democratic republican democrat gop sheriff officer detective pope
    king queen prince princess sir lord lady dame ambassador commissioner director
    chairman chairwoman chair ceo spokesman spokeswoman spokesperson coach manager deputy
    assistant former u.s. us u.k. uk white press mayor council councilman councilwoman
    congressman congresswoman candidate presidential foreign defense defence home treasury
    finance interior homeland security health education energy labor labour justice
    executive founder co-founder analyst economist editor anchor host reporter columnist
    correspondent first lady gop. then new
    """)
# Lowercase role nouns that point back to a person named earlier ("the senator said").
ROLE_NOUNS = words("""
    senator governor president secretary minister congressman congresswoman representative
    mayor judge justice ambassador spokesman spokeswoman chairman chairwoman director
    candidate nominee speaker leader chancellor commissioner sheriff general admiral
    lawmaker official adviser advisor aide executive founder professor pastor economist
    """)
_HONORIFICS = words("mr mr. mrs mrs. ms ms. miss dr dr. sir")
# Last words of organisation names: "the State Department" speaks as a body.
_ORG_HEADS = words("""
    department ministry party committee campaign office agency council commission bureau
    service police court association union institute university inc inc. corp corp.
    group company administration government house senate congress parliament board
    foundation center centre fund bank network news times post journal magazine
    federation organization organisation league team club alliance coalition authority
    trust church school college army navy force forces command caucus cabinet
    """)
# Lowercase words inside a body's name: "Department of Energy", "Ministère de la Santé".
_BODY_JOINS = words("of for and on the de du des la le del della di der für")
# A body's name in the text: capitalised words, with joining words between them.
_BODY = re.compile(
    r"[A-ZÀ-Þ][\w&’'-]*(?:\s+(?:(?:of|for|and|on|the|de|du|des|la|le|del|della|di|der|für)\s+)*"
    r"[A-ZÀ-Þ][\w&’'-]*)*"
)


def body_named(text: str) -> str | None:
    """The last organisation ``text`` names ("The Department of Health said …")."""
    lex = current()
    extra = lex.org_words if lex is not None else frozenset()
    found = None
    for m in _BODY.finditer(text):
        parts = m.group().split()
        lows = [w.lower() for w in parts]
        while parts and (lows[0] in FUNCTION_WORDS or lows[0] in determiners()):
            parts, lows = parts[1:], lows[1:]  # "But the Home Office": not the body's name
        if len(parts) < 2:
            continue
        if any(w in _ORG_HEADS or w in extra for w in lows) or (
            lex is not None and lex.compound_roles and any(w.endswith(tuple(extra)) for w in lows)
        ):
            found = " ".join(parts)
    return found


def is_spokes_noun(word: str) -> bool:
    """ "spokeswoman", "porte-parole", "Sprecherin": one who speaks for a body."""
    lex = current()
    english = _SPOKES
    return word.lower() in english or (lex is not None and word.lower() in lex.spokes_nouns)


_SPOKES = words("spokesman spokeswoman spokesperson")
# Last words of place names: "Capitol Hill" is nobody's name.
_PLACE_HEADS = words("""
    hill street avenue park square city county valley river island beach mountain airport
    station bay lake road center centre hall building tower plaza village town district
    state states republic kingdom coast harbor harbour bridge gardens heights springs falls
    """)
_STOP_CAPITALS = (
    words("""
    the a an in on at of for and but or if as when while after before this that these
    those it its he she they we i you his her their our my there here then so yet
    is are was were do does did can could will would should has have had
    """)
    | WEEKDAYS
    | MONTHS
)
_POSSESSIVE = ("’s", "'s", "s’", "s'")
_ENGLISH_DETERMINERS = words("a an the")
_PARTICLES = NAME_PARTICLES
_SUFFIXES = words("jr jr. sr sr. ii iii iv")

TOKEN = re.compile(
    # Party and state after a name: "Rep. Glenn Thompson, R-Pa., said".
    r"[RDI]-[A-Z][A-Za-z.]*(?<=[a-z.])|(?:[A-Z]\.){2,}|(?:"
    + "|".join(sorted(w.capitalize() for w in TITLE_ABBREVIATIONS))
    # US state and company abbreviations inside descriptions: "Cambridge, Mass., said".
    + r"|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo"
    r"|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Inc|Corp|Co|Ltd|Mt|Ft)\."
    # A plural possessive keeps its apostrophe: "Sanders’ campaign manager".
    r"|[A-Z]\.(?=\s+[A-Z])|\w+(?:[’'-]\w+)*(?:(?<=s)[’'](?!\w))?|[^\w\s]"
)
# Lowercase words a run of capitalised name words goes on through ("Secretary of State
# John Kerry", "Ludwig van Beethoven"); "y" and "e" are left to the particles of bylines.
_RUN_JOINS = (NAME_PARTICLES - words("y e del della den el ibn mc du")) | {"of"}
_NAME_RUN = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev)\.\s+)?"
    r"[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+|(?:"
    + "|".join(sorted(_RUN_JOINS))
    + r")(?=\s+[A-Z])))+"
)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def is_cue(word: str) -> bool:
    # The table holds no noun-like forms ("state", "post"), so a capital is a typo or a
    # headline style ("Tweeted"), not a name.
    lex = current()
    cues = CUE_VERBS if lex is None else lex.cues
    return word.lower() in cues and not word.isupper()


def is_role_word(word: str) -> bool:
    """A title or office in the story's language ("ministre", "Wirtschaftsminister")."""
    low = word.lower()
    if low in TITLE_WORDS or low.endswith("-elect"):
        return True  # "President-elect", "Governor-elect"
    lex = current()
    if lex is None:
        return False
    if low in lex.titles or low in lex.roles or low in lex.determiners:
        return True
    # German compounds end in the office: "Umweltministerin", "Feuerwehrsprecher".
    return lex.compound_roles and any(low.endswith(r) for r in lex.roles if len(r) >= 5)


def determiners() -> frozenset[str]:
    """Words that open a noun phrase in the story's language, English ones included."""
    lex = current()
    base = _ENGLISH_DETERMINERS
    return base if lex is None else base | lex.determiners


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _STOP_CAPITALS


def _namelike(word: str) -> bool:
    low = word.lower()
    if low in _PARTICLES or low in _SUFFIXES:
        return True
    if low in FUNCTION_WORDS or low in NUMBER_WORDS:
        return False  # "Now Vodafone", "Despite England", "Six Nations": not a first name
    return word[:1].isupper() and not is_role_word(word) and low not in _STOP_CAPITALS


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    mention: str
    role: str | None
    person: bool


def split_role(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """(role words, name words): the name is the trailing run of name-like words."""
    i = len(words)
    while i > 0 and _namelike(words[i - 1]):
        i -= 1
    name = list(words[i:])
    while name and (name[0].lower() in _PARTICLES or name[0].lower() in _SUFFIXES):
        name.pop(0)
        i += 1
    return list(words[: len(words) - len(name)]), name


class NameIndex:
    """Full names of the people an article names, keyed by surname."""

    def __init__(self, texts: Iterable[str], known_names: Sequence[str] = ()) -> None:
        texts = list(texts)
        self._texts = texts
        self._proper: frozenset[str] | None = None
        self._full: dict[str, Counter[str]] = {}
        self._first_seen: dict[str, int] = {}
        self._roles: dict[str, str] = {}
        self._described: dict[str, str] = {}  # "Jane Doe, a spokeswoman for …,"
        self._party: dict[str, str] = {}  # "Ted Cruz (R-Texas)"
        self._gender: dict[str, str] = {}  # "f"/"m" from "Mrs.", "la députée"; "" if both
        order = 0
        for text in [*known_names, *texts]:
            for m in _NAME_RUN.finditer(text):
                words = m.group().split()
                if sum(w.isupper() and len(w) > 1 for w in words) >= 2:
                    continue  # "CONGRESS HAS INVESTIGATED HIM": a shouted heading
                role, name = split_role(words)
                if name and name[-1].endswith(_POSSESSIVE):
                    name = tidy_mention(name)  # "Tony Blair's": the owner is the person
                owner = [i for i, w in enumerate(name[:-1]) if w.endswith(_POSSESSIVE)]
                if owner:
                    name = name[owner[-1] + 1 :]  # "The Post's Ruth Marcus": the outlet's person
                last = name[-1].lower() if name else ""
                if len(name) < 2 or len(name) > 4 or last in _ORG_HEADS or last in _PLACE_HEADS:
                    continue
                if any(w.lower() in _ORG_HEADS for w in name):
                    continue
                full = " ".join(name)
                key = _surname(name)
                self._full.setdefault(key, Counter())[full] += 1
                self._first_seen.setdefault(full, order)
                order += 1
                told = gender_of_words(
                    [*text[max(0, m.start() - _GENDER_CHARS) : m.start()].split()[-2:], *role]
                )
                if told is not None:
                    known = self._gender.setdefault(full, told)
                    if known != told:
                        self._gender[full] = ""  # told both ways: unknown
                title = " ".join(w for w in role if w.lower() not in _HONORIFICS)
                if title and full not in self._roles:
                    self._roles[full] = title
                after = _DESCRIPTION.match(text, m.end())
                if after is not None:
                    party = after.group("party") or after.group("party2")
                    if party and full not in self._party:
                        self._party[full] = party
                    described = _trim_description(after.group("role") or "")
                    if described and full not in self._described:
                        self._described[full] = described

    def full_name(self, name: Sequence[str]) -> str:
        """The fullest form of ``name`` in the article ("Kerry" -> "John Kerry")."""
        found = self._full.get(_surname(name))
        wanted = {w.lower() for w in name}
        if not found:
            return " ".join(name)
        best = [
            (count, len(full.split()) <= 3, -self._first_seen[full], full)
            for full, count in found.items()
            if wanted <= {w.lower() for w in full.split()}
        ]
        return max(best)[3] if best else " ".join(name)

    def role(self, full: str, title: str | None = None) -> str | None:
        """What the article says ``full`` is: the title before the name ("Secretary of
        State") or else the description after it ("a spokeswoman for the State
        Department"), with a party-state tag ("Senator (R-Texas)")."""
        base = _expand_title(title or self._roles.get(full)) or self._described.get(full)
        party = self._party.get(full)
        if base and party:
            return f"{base} ({party})"
        return base

    def gender(self, full: str) -> str | None:
        """ "f" or "m" when the words before the name tell it, else None."""
        return self._gender.get(full) or None

    def is_known(self, word: str) -> bool:
        return word.lower() in self._full

    def is_proper(self, word: str) -> bool:
        """True for a word the story capitalises inside sentences and never writes in
        lower case ("PolitiFact", "Politico"): a name, not a sentence's first word."""
        if self._proper is None:
            capitals: set[str] = set()
            lower: set[str] = set()
            for text in self._texts:
                capitals.update(_INNER_CAPITAL.findall(text))
                lower.update(_LOWER_WORD.findall(text))
            self._proper = frozenset(w for w in capitals if w.lower() not in lower)
        return word in self._proper

    def people_in(self, text: str) -> list[tuple[int, str]]:
        """(offset, full name) of each person named in ``text``, surnames included."""
        found: list[tuple[int, str]] = []
        for m in re.finditer(r"[A-Z][\w’'-]+", text):
            if m.group().lower() in self._full:
                found.append((m.start(), self.full_name([m.group()])))
        return found


# The words before a name that may tell a person's gender ("la députée Claire Fontaine").
_GENDER_CHARS = 30
# A capitalised word after a lowercase word or a comma: inside a sentence.
_INNER_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][\w-]+")
_LOWER_WORD = re.compile(r"\b[a-z][\w-]+")
# What follows a name: a party-state tag ("(R-Texas)", ", R-Pa.,") and a description
# between commas that starts with an article ("a spokeswoman for the State Department").
_DESCRIPTION = re.compile(
    r"(?:\s*\((?P<party>[RDI]-[A-Z][\w.]*)\)|,\s*(?P<party2>[RDI]-[A-Z][\w.]*),)?"
    r"(?:,\s*(?:an?|the)\s+(?P<role>[a-z][^,.;:()“”\"]{2,90}?)(?=[,.;:)]|\s+(?:said|says|told)\b))?"
)
# Role words that end a description before a clause ("a lawyer who …").
_DESCRIPTION_STOPS = words("who which that whose when where and said says told")
# Abbreviated titles written out for the role ("Sen. Ted Cruz" -> "Senator").
_TITLES = {
    "sen.": "Senator",
    "sen": "Senator",
    "rep.": "Representative",
    "rep": "Representative",
    "gov.": "Governor",
    "gov": "Governor",
    "lt.": "Lieutenant",
    "gen.": "General",
    "col.": "Colonel",
    "capt.": "Captain",
    "sgt.": "Sergeant",
    "adm.": "Admiral",
    "maj.": "Major",
    "prof.": "Professor",
    "rev.": "Reverend",
}


def _expand_title(title: str | None) -> str | None:
    if not title:
        return None
    return " ".join(_TITLES.get(w.lower(), w) for w in title.split())


def _trim_description(text: str) -> str | None:
    kept: list[str] = []
    for word in text.split():
        if word.lower() in _DESCRIPTION_STOPS:
            break
        kept.append(word)
    return " ".join(kept) or None


def _surname(name: Sequence[str]) -> str:
    words = [w for w in name if w.lower() not in _SUFFIXES]
    return (words or list(name))[-1].lower().rstrip(".")


def resolve(mention_words: Sequence[str], index: NameIndex) -> Speaker | None:
    """A speaker from the words of a mention; None for a pronoun or nothing usable."""
    words = [w for w in mention_words if w not in {"’s", "'s"}]
    openers = determiners() | {"and", "but", "as", "also"}
    while words and words[0].lower() in openers:
        words.pop(0)
    if not words:
        return None
    mention = " ".join(words)
    if len(words) == 1 and is_pronoun(words[0]):
        return None
    owner = next(
        (i for i in range(len(words) - 2, -1, -1) if words[i].endswith(_POSSESSIVE)),
        None,
    )
    if owner is not None and words[owner + 1][:1].isupper():
        # "RealClearPolitics’ David Byler", "The Post's Ruth Marcus": a person of an outlet.
        role_words, name = split_role(words[owner + 1 :])
        if len(name) >= 2:
            full = index.full_name(name)
            role = index.role(full, _role_text(role_words))
            return Speaker(full, mention, role, person=True)
    # "a spokeswoman for the State Department": the body speaks through its spokeswoman.
    for link in ("for", "of", "at", "with"):
        if link in words[1:]:
            cut = words.index(link)
            rest = [w for w in words[cut + 1 :] if w.lower() != "the"]
            # "a spokesman for the Department of Energy": joining words inside the name.
            named = all(w[:1].isupper() or w in _BODY_JOINS for w in rest)
            if rest and named and rest[-1][:1].isupper() and words[cut - 1][:1].islower():
                return Speaker(" ".join(rest), mention, _role_text(words[:cut]), person=False)
    joint = next((w for w in words[2:] if w in {"of", "for", "at", "with"}), None)
    if joint is not None:
        # "Jason Gilbert of Cheyenne", "Cameron Easley for Morning Consult": a person
        # of a place or for an outlet.
        cut = words.index(joint)
        before_role, before_name = split_role(words[:cut])
        if len(before_name) >= 2 and before_name[-1].lower() not in _ORG_HEADS:
            full = index.full_name(before_name)
            role = index.role(full, _role_text(before_role))
            return Speaker(full, mention, role, person=True)
    role_words, name = split_role(words)
    if name and name[-1].lower() in _ORG_HEADS:
        # Title words belong to an organisation's name: "the State Department".
        i = len(words)
        while i > 0 and words[i - 1][:1].isupper():
            i -= 1
        org = " ".join(words[i:])
        return Speaker(org, mention, _role_text(words[:i]), person=False)
    if name:
        full = index.full_name(name)
        role = index.role(full, _role_text(role_words))
        return Speaker(full, mention, role, person=True)
    return Speaker(mention, mention, None, person=False)


def _role_text(words: Sequence[str]) -> str | None:
    kept = [w for w in words if w.lower() not in _HONORIFICS]
    while kept and (kept[0].lower() in {"former", "and"} or kept[0].lower() in determiners()):
        kept.pop(0)
    while kept and kept[-1] in {",", "’s", "'s"}:
        kept.pop()
    return " ".join(kept) or None


def tidy_mention(words: Sequence[str]) -> list[str]:
    """The words of a speaker mention without what cannot belong to a name: sentence
    openers ("Meanwhile Mark Oaten"), a participle's phrase ("Speaking in Harrogate Mr
    Kennedy"), time phrases ("Only last year she"), a quantity or possessive before a
    description ("one analyst", "his lawyer") and a trailing possessive ("Tony Blair's").
    Empty when nothing of a speaker is left ("Since Blinkx", "against the cards")."""
    out = list(words)
    while out:
        first = out[0]
        low = first.lower()
        if first[:1].isdigit() and "-" in first and len(out) > 1:
            out.pop(0)  # "17-year-old Jared Potts": an age before the name
            continue
        if low in SUBORDINATORS or low in NUMBER_WORDS or first[:1].isdigit():
            return []
        if low in OPENERS or (is_adverb(first) and len(out) > 1 and not out[1][:1].isupper()):
            out.pop(0)
            continue
        if first[:1].isupper() and low.endswith("ing") and len(out) > 2:
            # "Speaking in Harrogate Mr Kennedy", "Speaking at the conference he"
            if is_pronoun(out[-1]):
                return [out[-1]]
            tail: list[str] = []
            while len(out) > 1 and out[-1][:1].isupper() and len(tail) < 4:
                tail.insert(0, out.pop())
            return tail
        if len(out) > 2 and low in {"last", "this", "next", "on"} and out[1].lower() in TIME_NOUNS:
            del out[:2]  # "This week a judge", "last year she"
            continue
        if low in QUANTIFIERS and len(out) > 1:
            if is_pronoun(out[1]) or (out[1][:1].isupper() and low in _POSSESSIVE_PRONOUNS):
                return []  # "She Hate Me director", "His Excellency": not a mention
            out.pop(0)
            continue
        break
    if len(out) == 1 and (out[0].lower() in QUANTIFIERS or is_adverb(out[0])):
        return []
    if out and out[-1].endswith(_POSSESSIVE):
        # "Tony Blair's (spokesman)": the mention stopped at its owner.
        last = out[-1]
        out[-1] = last[:-2] if last.endswith(("'s", "’s")) else last[:-1]
    described = bool(out) and out[0].lower() in determiners() and out[-1] in ROLE_NOUNS
    # "a spokesman for the Department of Energy": an office of a named body.
    described = described or (
        len(out) > 3
        and out[0].lower() in determiners()
        and out[1].lower() in ROLE_NOUNS
        and out[2] in {"for", "of", "at", "with"}
        and out[-1][:1].isupper()
    )
    if len(out) > _MAX_TIDY_WORDS and sum(w[:1].isupper() for w in out) < len(out) / 2:
        if described:
            return out  # "the former secretary of state and current … nominee"
        # A clause, not a noun phrase, unless a name closes it ("Fight for $15 organizing
        # director Kendall Fells").
        tail = []
        while out and out[-1][:1].isupper() and len(tail) < 4:
            tail.insert(0, out.pop())
        return tail if len(tail) >= 2 else []
    if len(out) == 1 and out[0].lower() in MONTHS:
        return []
    return out


_MAX_TIDY_WORDS = 6
_POSSESSIVE_PRONOUNS = words("his her its their our my your")


def is_person_pronoun(word: str) -> bool:
    low = word.lower()
    lex = current()
    return low in _PERSON_PRONOUNS or (lex is not None and low in lex.pronouns)


def is_pronoun(word: str) -> bool:
    """A pronoun in English or in the story's language ("il", "er", "él", "lei")."""
    low = word.lower()
    lex = current()
    return low in PRONOUNS or (lex is not None and low in lex.pronouns)


@dataclass(frozen=True, slots=True)
class StorySpeaker:
    """One speaker of a story: the name every mention resolved to, the role the story
    gives them, and how the story named them ("Trump", "the president", "he")."""

    name: str
    role: str | None
    mentions: tuple[str, ...]
    quotes: int


def story_speakers(quotes: Iterable[Quote]) -> tuple[StorySpeaker, ...]:
    """The speakers of a story's quotations, in the order they first speak."""
    order: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker:
            order.setdefault(q.speaker, []).append(q)
    out = []
    for name, said in order.items():
        mentions = tuple(dict.fromkeys(q.mention for q in said if q.mention))
        role = next((q.role for q in said if q.role), None)
        out.append(StorySpeaker(name, role, mentions, len(said)))
    return tuple(out)
