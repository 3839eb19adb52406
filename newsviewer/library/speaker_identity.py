"""One person under one name across the library: who said each quotation.

A story's extraction names its speakers as the story does ("Donald Trump", "Trump",
"President-elect Donald Trump"). Across stories the same person must be one
speaker, and two people who share a surname must stay two. The rules, in order:

1. A full name (given name and surname) is the same person wherever it occurs:
   "Donald Trump" and "Donald J. Trump" share the key (donald, trump).
2. Within one story, a bare surname ("Trump") is the person with that surname
   the story names in full, when it names exactly one.
3. A bare surname left over joins a person named in full elsewhere only when it
   was given a role that person was seen with ("President Trump" in one story,
   "President Donald Trump" in another); a surname alone never links two stories,
   since "Kerry" in a story about Bob Kerrey's staff is not John Kerry.
4. Otherwise the surname stays a speaker of its own, so nothing is merged wrongly.

Everything here is pure: rows in, identities out, so it is tested without a library.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words before a name that say what the person is, not who. Lower case; a word
# ending in "-elect" counts too ("President-elect").
TITLE_WORDS = _words(
    """
    mr mrs ms miss dr sen rep gov gen lt col capt sgt adm maj prof rev sir dame lord lady
    president vice secretary senator representative congressman congresswoman governor
    mayor minister prime chancellor premier king queen prince princess pope judge justice
    chief general admiral colonel captain sergeant commissioner director chairman
    chairwoman chair ceo spokesman spokeswoman spokesperson ambassador attorney deputy
    state foreign defense defence interior treasury home former acting leader speaker
    """
)
# Name parts that do not tell people apart: initials and generational suffixes.
SUFFIXES = _words("jr sr ii iii iv")
PARTICLES = _words("de del della der di da du van von le la bin al el ibn st")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One quotation's attribution as a story stored it."""

    quote_id: int
    article_id: int
    speaker: str | None
    mention: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Name:
    """A written name taken apart: the words naming the person, and a role before them."""

    words: tuple[str, ...]
    role: str

    @property
    def full(self) -> bool:
        return len(self.key) >= 2

    @property
    def key(self) -> tuple[str, ...]:
        """Given name and surname, folded: what makes two full names one person."""
        return _key(self.words)

    @property
    def surname(self) -> str:
        return _surname(self.words)

    @property
    def shown(self) -> str:
        return " ".join(self.words)


# Speaker names repeat across a library: each written form is taken apart once.
@lru_cache(maxsize=1 << 16)
def _key(words: tuple[str, ...]) -> tuple[str, ...]:
    parts = [p for p in (_fold(w) for w in words) if p and p not in SUFFIXES and len(p) > 1]
    if not parts:
        return ()
    if len(parts) == 1:
        return (parts[0],)
    return (parts[0], _surname(words))


@lru_cache(maxsize=1 << 16)
def _surname(words: tuple[str, ...]) -> str:
    parts = [p for p in (_fold(w) for w in words) if p and p not in SUFFIXES]
    return parts[-1] if parts else ""


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """Lower case without accents or stops: "Sánchez" and "Sanchez" are one surname."""
    decomposed = unicodedata.normalize("NFKD", word)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept.casefold() if c.isalnum() or c == "-")


def _is_title(word: str) -> bool:
    folded = _fold(word)
    return folded in TITLE_WORDS or folded.endswith("-elect")


def _name_like(word: str) -> bool:
    return word[:1].isupper() or _fold(word) in PARTICLES


@lru_cache(maxsize=1 << 16)
def parse_name(written: str) -> Name:
    """Split "President-elect Donald Trump" into the name and the role before it.

    The name is the run of capitalised words at the end, without title words; what
    comes before is the role.
    """
    tokens = written.replace(",", " ").split()
    end = len(tokens)
    start = end
    while start > 0 and _name_like(tokens[start - 1]) and not _is_title(tokens[start - 1]):
        start -= 1
    # A particle cannot begin a name ("de" of "Secretary de Gaulle" belongs to it only
    # after a capitalised word).
    while start < end and _fold(tokens[start]) in PARTICLES and start + 1 < end:
        if start > 0 and _name_like(tokens[start - 1]) and not _is_title(tokens[start - 1]):
            break
        start += 1
    if start == end:
        return Name((), written.strip())
    return Name(tuple(tokens[start:end]), " ".join(tokens[:start]))


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person across the library, with every role they were seen with."""

    name: str
    key: str
    roles: tuple[str, ...]
    quote_ids: tuple[int, ...]
    article_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Ledger:
    """Who said each quotation: ``speaker_of`` maps a quotation id to its speaker's key."""

    speakers: dict[str, Speaker]
    speaker_of: dict[int, str]


def _written(row: Attribution) -> str:
    return (row.speaker or row.mention or "").strip()


def identify(rows: Iterable[Attribution], aliases: dict[str, str] | None = None) -> Ledger:
    """Group quotations by the person who said them (see the module's rules).

    ``aliases`` maps a speaker's key to the key of the speaker it was merged into
    by hand; a quotation without a speaker belongs to nobody.
    """
    rows = [r for r in rows if _written(r)]
    names = {r.quote_id: parse_name(_written(r)) for r in rows}
    role_of: dict[int, str] = {}
    for r in rows:
        role = (r.role or "").strip() or names[r.quote_id].role
        if role:
            role_of[r.quote_id] = role

    # Rule 1: full names are people; within a story (rule 2) a bare surname is the one
    # full name with that surname.
    by_story: dict[int, list[Attribution]] = defaultdict(list)
    for r in rows:
        by_story[r.article_id].append(r)
    person: dict[int, tuple[str, ...]] = {}
    loose: list[Attribution] = []
    for story_rows in by_story.values():
        full_by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for r in story_rows:
            name = names[r.quote_id]
            if name.full:
                full_by_surname[name.surname].add(name.key)
        for r in story_rows:
            name = names[r.quote_id]
            if name.full:
                person[r.quote_id] = name.key
                continue
            matches = full_by_surname.get(name.surname, set()) if name.key else set()
            if len(matches) == 1:
                person[r.quote_id] = next(iter(matches))
            else:
                loose.append(r)

    # Rule 3: a bare surname with a role joins the one full-named person with that
    # surname seen in that role.
    roles_by_surname: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    for qid, key in person.items():
        seen_role = role_of.get(qid)
        if seen_role:
            roles_by_surname[(key[-1], _fold_role(seen_role))].add(key)
    for r in loose:
        name = names[r.quote_id]
        given = role_of.get(r.quote_id)
        candidates = (
            roles_by_surname.get((name.surname, _fold_role(given)), set()) if given else set()
        )
        if len(candidates) == 1:
            person[r.quote_id] = next(iter(candidates))
        elif name.key:
            person[r.quote_id] = name.key  # Rule 4: a speaker of its own.
        else:
            person[r.quote_id] = ("?" + _fold_role(_written(r)),)

    return _gather(rows, names, role_of, person, aliases or {})


def _fold_role(role: str) -> str:
    return " ".join(_fold(w) for w in role.split())


def speaker_key(written: str) -> str:
    """The key a written name has on its own: what corrections and filters match on."""
    name = parse_name(written)
    return " ".join(name.key) if name.key else "?" + _fold_role(written)


def _resolve(key: str, aliases: dict[str, str]) -> str:
    seen: set[str] = set()
    while key in aliases and key not in seen:
        seen.add(key)
        key = aliases[key]
    return key


def _gather(
    rows: list[Attribution],
    names: dict[int, Name],
    role_of: dict[int, str],
    person: dict[int, tuple[str, ...]],
    aliases: dict[str, str],
) -> Ledger:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, dict[str, None]] = defaultdict(dict)
    quotes: dict[str, list[int]] = defaultdict(list)
    stories: dict[str, dict[int, None]] = defaultdict(dict)
    speaker_of: dict[int, str] = {}
    for r in rows:
        key = _resolve(" ".join(person[r.quote_id]), aliases)
        speaker_of[r.quote_id] = key
        name = names[r.quote_id]
        forms[key][name.shown or _written(r)] += 1
        role = role_of.get(r.quote_id)
        if role:
            roles[key].setdefault(role, None)
        quotes[key].append(r.quote_id)
        stories[key].setdefault(r.article_id, None)
    speakers = {
        key: Speaker(
            name=_best_form(forms[key]),
            key=key,
            roles=tuple(roles[key]),
            quote_ids=tuple(quotes[key]),
            article_ids=tuple(stories[key]),
        )
        for key in quotes
    }
    return Ledger(speakers, speaker_of)


def _best_form(forms: Counter[str]) -> str:
    """The name shown: the most used full form; the longest on a tie."""
    full = {f: n for f, n in forms.items() if len(f.split()) >= 2} or dict(forms)
    return max(full, key=lambda f: (full[f], len(f), f))
