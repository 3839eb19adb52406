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


@dataclass(frozen=True, slots=True)
class Found:
    """What rules 1 and 2 make of one quotation, within its own story.

    ``person`` is the full name's key when the story names the speaker in full, else
    None: the quotation is *loose* and rule 3 or 4 decides, from ``surname`` and
    ``role_fold`` (``own_key`` is its key under rule 4).
    """

    quote_id: int
    article_id: int
    person: str | None
    own_key: str
    surname: str
    role: str | None
    role_fold: str
    form: str

    @property
    def form_fold(self) -> str:
        return fold_form(self.form)


def attribute(rows: Iterable[Attribution]) -> list[Found]:
    """Rules 1 and 2, story by story: each depends on its own story only."""
    rows = [r for r in rows if _written(r)]
    by_story: dict[int, list[Attribution]] = defaultdict(list)
    for r in rows:
        by_story[r.article_id].append(r)
    found: list[Found] = []
    for story_rows in by_story.values():
        names = [parse_name(_written(r)) for r in story_rows]
        keys = [name.key for name in names]
        full_by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for name, name_key in zip(names, keys, strict=True):
            if len(name_key) >= 2:
                full_by_surname[name.surname].add(name_key)
        for r, name, name_key in zip(story_rows, names, keys, strict=True):
            role = (r.role or "").strip() or name.role or None
            key: tuple[str, ...] | None = None
            if len(name_key) >= 2:
                key = name_key
            else:
                matches = full_by_surname.get(name.surname, set()) if name_key else set()
                if len(matches) == 1:
                    key = next(iter(matches))
            own = " ".join(name_key) if name_key else "?" + _fold_role(_written(r))
            found.append(
                Found(
                    quote_id=r.quote_id,
                    article_id=r.article_id,
                    person=" ".join(key) if key else None,
                    own_key=own,
                    surname=key[-1] if key else (name.surname if name.key else ""),
                    role=role,
                    role_fold=_fold_role(role) if role else "",
                    form=name.shown or _written(r),
                )
            )
    return found


def loose_person(candidates: set[str], row: Found) -> str:
    """Rule 3 (the one person seen with the surname and role) or rule 4 (its own key)."""
    if row.role_fold and row.surname and len(candidates) == 1:
        return next(iter(candidates))
    return row.own_key


def final_key(
    base: str, form_fold: str, aliases: dict[str, str], splits: dict[tuple[str, str], str]
) -> str:
    """A person's key after the reader's merges (``aliases``) and splits.

    A split sends the quotations of one speaker written in one form to another key,
    which may in turn have been merged into someone.
    """
    key = _resolve(base, aliases)
    for _ in range(8):  # splits of splits, without looping for ever
        moved = splits.get((key, form_fold))
        if moved is None or moved == key:
            break
        key = _resolve(moved, aliases)
    return key


def identify(
    rows: Iterable[Attribution],
    aliases: dict[str, str] | None = None,
    splits: dict[tuple[str, str], str] | None = None,
) -> Ledger:
    """Group quotations by the person who said them (see the module's rules).

    ``aliases`` maps a speaker's key to the key of the speaker it was merged into
    by hand, ``splits`` a speaker's key and a written form (folded) to the key
    those quotations were split off to; a quotation without a speaker belongs to
    nobody.
    """
    found = attribute(rows)
    # Rule 3: a bare surname with a role joins the one full-named person with that
    # surname seen in that role.
    roles_by_surname: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in found:
        if f.person is not None and f.role_fold:
            roles_by_surname[(f.surname, f.role_fold)].add(f.person)
    person: dict[int, str] = {}
    for f in found:
        if f.person is not None:
            base = f.person
        else:
            base = loose_person(roles_by_surname.get((f.surname, f.role_fold), set()), f)
        person[f.quote_id] = final_key(base, f.form_fold, aliases or {}, splits or {})
    return _gather(found, person)


@lru_cache(maxsize=1 << 16)
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


def _gather(found: list[Found], person: dict[int, str]) -> Ledger:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    roles: dict[str, dict[str, None]] = defaultdict(dict)
    quotes: dict[str, list[int]] = defaultdict(list)
    stories: dict[str, dict[int, None]] = defaultdict(dict)
    speaker_of: dict[int, str] = {}
    for f in sorted(found, key=lambda f: f.quote_id):
        key = person[f.quote_id]
        speaker_of[f.quote_id] = key
        forms[key][f.form] += 1
        if f.role:
            roles[key].setdefault(f.role, None)
        quotes[key].append(f.quote_id)
        stories[key].setdefault(f.article_id, None)
    speakers = {
        key: Speaker(
            name=best_form(forms[key]),
            key=key,
            roles=tuple(roles[key]),
            quote_ids=tuple(quotes[key]),
            article_ids=tuple(stories[key]),
        )
        for key in quotes
    }
    return Ledger(speakers, speaker_of)


def best_form(forms: Counter[str]) -> str:
    """The name shown: the most used full form; the longest on a tie."""
    full = {f: n for f, n in forms.items() if len(f.split()) >= 2} or dict(forms)
    return max(full, key=lambda f: (full[f], len(f), f))


@lru_cache(maxsize=1 << 16)
def fold_form(form: str) -> str:
    """A written form folded as the index keeps it (splits are matched on this)."""
    return _fold_role(" ".join(form.split()))
