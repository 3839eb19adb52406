"""Reading a reporting clause: the words around a quotation that tell who spoke.

Token rules only. A clause after a quotation ("…,” Kerry told reporters", "said Kerry",
"― Kerry", "according to Kerry", "Seth McKee, a political scientist, told") or before
one ("Kerry said: “…", "later adding, “…", "As Professor Foner put it, “…") yields the
speaker's words as written and the cue verb; ``speakers`` resolves the words to a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsviewer.text.lexicon import (
    NAME_PARTICLES,
    WEEKDAYS,
    Lexicon,
    current,
    speech_nouns,
)
from newsviewer.text.sentences import (
    sentence_ends,
)
from newsviewer.text.speakers import (
    ROLE_NOUNS,
    determiners,
    is_cue,
    is_pronoun,
    tidy_mention,
    tokens,
    words,
)

# A dateline ("FLINT, Mich., Oct. 4 (UPI) —") ends within this many tokens.
_DATELINE = 14
# A reporting clause sits close to its quotation: the cue within this many words.
_CUE_REACH = 10
# A speaker's description between commas ("Seth McKee, a political scientist at Texas
# Tech University, told") runs up to this many words.
_APPOSITIVE_REACH = 30
# Lowercase words of a title between capitalised ones ("Campaign chair Paul Manafort").
_ROLE_WORDS = 2
# A speaker phrase is a short noun phrase; longer runs are clauses, not speakers.
_MAX_MENTION_WORDS = 10
_DASHES = frozenset("—―–-")
_BREAKS = frozenset(",;:.!?()[]“”\"‘’'«»„…") | _DASHES
_CLAUSE_WORDS = words(
    "that which who whom whose when while because if so though although since where with "
    "but or as after before until unless whether"
)
_FILLERS = (
    words("""
    also later then once previously recently earlier has had have would will was is
    could did does never again simply just repeatedly often publicly privately flatly
    quickly reportedly further first last finally today yesterday tonight now still
    """)
    | WEEKDAYS
)
_TIME_HEADS = words("week month year night morning afternoon evening weekend day") | WEEKDAYS
_STOPS_AFTER = words(
    "in on at during after before when while to from who which that about as with "
    "because since if but and"
)
# Words that never stand inside a speaker phrase: verbs, and prepositions that start an
# adverbial ("to win many of the states", "while trying to").
_NOT_IN_SUBJECT = words(
    "to in by while has have had is was were are be been did do does not would will can could "
    "should may might must into from about than then when if because after before during over "
    "under down up out went go goes also just only even still and or but nor"
)
_DETERMINERS = words(
    "a an the one another some several many most few his her their its our my this that these "
    "those two three four five former each every both other"
)
# Present forms that are nouns as often as verbs count only right before a quotation
# ("The ad claims “…”"), never further back in a sentence.
_ADJACENT_CUES = words("claims notes states calls reports reads read warns says writes argues")
# First words that do not start a speaker phrase ("At the same time", "What", "His").
_PERSON_SUBJECTS = words("he she they")
_BAD_HEADS = words(
    "in on at during after before while as when since from with without for by under over "
    "despite although though if because about between among alongside amid what why how "
    "where which whose whom there here i'm i’m we're we’re it's it’s that's that’s there's "
    "there’s he's he’s she's she’s they're they’re you're you’re "
    "but and so yet or then to of into onto upon "
    # Nobody in particular: "saying anybody who complains … “is not having a good night”"
    "anybody anyone everybody everyone nobody somebody someone whoever"
)
_POSSESSIVES = words("his her its their our my your")
_ADVERBS = words("instead however still meanwhile also another couple indeed yet even")
# Sentence openers that start an adverbial, not the subject.
_LEAD_INS = words(
    "in on at during after before while as when since from with without for by under over "
    "despite although though if because about"
)
# Capitalised sentence starts that are not a speaker.
_STOP_LEADS = words("the a an this that these those it there here but and so yet or then")
# Words after a name and a comma that open an aside: "Sen. X, who lost the primaries,"
_APPOSITION_OPENERS = words("who whose a an the")
# Words inside a description before a place or body: "a lawyer at Lenox", "a critic of".
_DESCRIPTION_LINKS = words("at of for with from in")
# Cues whose object is the listener: ", told the convention" names no speaker.
_TOLD = words("tell tells told telling")
# Verbs that report speech with "out": "pointed out", "spelled out".
_OUT_CUES = words("pointed points point spelled spells")


@dataclass(frozen=True, slots=True)
class Attribution:
    mention: list[str]  # empty: the cue continues the previous speaker ("later adding")
    cue: str | None
    near: bool = True  # the cue stands next to the quotation, not elsewhere in the sentence
    weak: bool = False  # only the sentence's subject: names a speaker, proves no speech


def read_sentence_tail(tail: str) -> Attribution | None:
    """ ", the rights group says." closing the sentence that holds a partial quotation."""
    ends = sentence_ends(tail)
    sentence = tail[: ends[0]] if ends else tail
    toks = _clause_tokens(sentence)
    while toks and toks[-1] in {".", "!", "?", "”", '"', "’"}:
        toks.pop()
    lex = current()
    according = lex.according if lex is not None else frozenset()
    for comma in range(len(toks) - 2):
        if toks[comma] != ",":
            continue
        # "…a nationwide “walk-in” at 2,000 schools, according to the organizer, AROS."
        low = toks[comma + 1].lower()
        after = 3 if low == "according" and toks[comma + 2].lower() == "to" else 0
        after = after or (2 if low in according else 0)
        if after:
            mention = _described(toks, _np_after(toks[comma + after :]), comma + after)
            rest = toks[comma + after + len(mention) :]
            if mention and (not rest or rest[0] == ","):
                return Attribution(mention, "according to" if after == 3 else low)
        if is_cue(toks[comma + 1]) and toks[comma + 1] not in _TOLD:
            mention = _np_after(toks[comma + 2 :])  # "…" for Clinton, said Kunin, a …
            rest = toks[comma + 2 + len(mention) :]
            if mention and (not rest or rest[0] == ","):
                return Attribution(mention, toks[comma + 1].lower())
    if len(toks) < 3 or not is_cue(toks[-1]):
        return None
    cut = len(toks) - 2
    while cut >= 0 and toks[cut] != ",":
        cut -= 1
    subject = _trim_fillers(toks[cut + 1 : -1])
    if cut < 0 or not subject or len(subject) > 6 or not _plausible_subject(subject):
        return None
    return Attribution(subject, toks[-1].lower())


def _described_subject(toks: list[str]) -> list[str]:
    """ "Le préfet, Alain Roussel, a tenu…", "Il capitano Andrea Bellini ha dedicato…":
    a determiner and an office, then the name (or the name between commas)."""
    lex = current()
    openers = _DETERMINERS if lex is None else lex.determiners
    if len(toks) < 3 or toks[0].lower() not in openers:
        return []
    i = 1
    while i < len(toks) and i <= 4 and toks[i][:1].islower() and toks[i] not in _BREAKS:
        i += 1
    if i == 1:
        return []
    # "His former business partner at Lenox, Lawrence B. Cummings, called …": a place
    # or body after "at"/"of" inside the description.
    comma = i
    if i < len(toks) and toks[i - 1].lower() in _DESCRIPTION_LINKS:
        while comma < len(toks) and comma <= i + 4 and toks[comma][:1].isupper():
            comma += 1
    if comma < len(toks) and toks[comma] == ",":
        return _apposition(toks, comma)
    if lex is None:
        return []  # English: "The Florida senator endorsed …" is read by the caller
    name = []
    for tok in toks[i:]:
        if not tok[:1].isupper() or tok in _BREAKS:
            break
        name.append(tok)
    return name if 2 <= len(name) <= 4 else []


def _title_word(toks: list[str], pos: int, room: int) -> bool:
    """True when ``toks[pos]`` is a lowercase word of a title that a full name follows
    within ``room`` lowercase words ("presidential candidate Bernie Sanders")."""
    end = pos
    while end < len(toks) and end - pos < room and toks[end].isalpha() and toks[end].islower():
        word = toks[end]
        if word in _NOT_IN_SUBJECT or word in _CLAUSE_WORDS or is_cue(word):
            return False
        if word.endswith(("ed", "ing", "ly")):
            return False  # a verb or adverb: "Sanders endorsed Hillary Clinton"
        end += 1
    name = toks[end : end + 2]
    return end > pos and len(name) == 2 and all(t[:1].isupper() and t not in _BREAKS for t in name)


def sentence_subject(before: str) -> list[str]:
    toks = _clause_tokens(before)
    described = _described_subject(toks)
    if described:
        return described
    while len(toks) > 1 and toks[0].isupper() and toks[0].isalpha() and toks[1] in _DASHES:
        toks = toks[2:]  # "WASHINGTON — Sen. Chuck Grassley said …": a dateline, no subject
    if len(toks) > 2 and toks[0].isupper() and toks[1].isupper() and toks[2] in _DASHES:
        toks = toks[3:]  # "NEW YORK —"
    if toks and toks[0].isupper() and len(toks[0]) > 1:
        # "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized …"
        dash = next((i for i, t in enumerate(toks[:_DATELINE]) if t in _DASHES), None)
        if dash is not None:
            toks = toks[dash + 1 :]
    while toks and toks[0] in {"But", "And", "So", "Yet", "Then", "Still", "Now"}:
        toks = toks[1:]
    lead_in = toks and (
        toks[0].lower() in _LEAD_INS
        or toks[0].endswith(("ing", "ly", "ed"))
        or toks[0].islower()  # "a few days later, Trump reversed himself"
    )
    if lead_in:
        # "At a rally in Portsmouth, N.H., on Tuesday, Senator Bernie Sanders endorsed":
        # the subject is the first capitalised phrase after a comma that a verb follows.
        for pos in range(min(len(toks), _APPOSITIVE_REACH)):
            if toks[pos] != ",":
                continue
            rest = toks[pos + 1 :]
            run = 0
            while run < len(rest) and (rest[run][:1].isupper() or rest[run] in {"of", "for"}):
                run += 1
            if run and run < len(rest) and rest[run].isalpha() and rest[run].islower():
                toks = rest
                break
            aside = rest[run + 1].lower() if run + 1 < len(rest) else ""
            if 2 <= run < len(rest) and rest[run] == "," and aside in _APPOSITION_OPENERS:
                # "On Sunday, Sen. Bernie Sanders, who lost the primaries, identified …"
                toks = rest[:run]
                break
        else:
            return []
    if toks and (toks[0].endswith(("ing", "ed", "ly")) or toks[0].lower() in _ADVERBS):
        return []
    if len(toks) > 1 and toks[0] in {"The", "A", "An"} and toks[1][:1].isupper():
        toks = toks[1:]  # "The Democratic National Convention released a statement"
    out: list[str] = []
    lower = 0
    for pos, tok in enumerate(toks):
        if (tok[:1].isupper() and tok not in _BREAKS) or (tok.lower() in {"of", "for"} and out):
            out.append(tok)
        elif not out and tok[:1].islower() and tok.isalpha() and len(out) < 3:
            out.append(tok)  # a role before the name: "pollster Daron Shaw"
        elif out and lower < _ROLE_WORDS and _title_word(toks, pos, _ROLE_WORDS - lower):
            # "Campaign chair Paul Manafort", "Democratic presidential candidate Bernie
            # Sanders": lowercase words of a title between capitals.
            out.append(tok)
            lower += 1
        else:
            break
    while out and not out[-1][:1].isupper():
        out.pop()
    if not out or not any(w[:1].isupper() for w in out) or out[0].lower() in _STOP_LEADS:
        return []
    if len(out) == 1 and is_pronoun(out[0]):
        return []
    if sum(w.isupper() and len(w) > 1 for w in out) >= 2:
        return []  # a heading in capitals, not a name
    return out if _plausible_subject(out) else []


def _clause_tokens(text: str) -> list[str]:
    """Tokens of a reporting clause without short asides in brackets ("Rubio (R-Fla.)")."""
    out: list[str] = []
    toks = tokens(text)
    lex = current()
    if lex is not None:
        toks = _split_joined(toks, lex)
    i = 0
    while i < len(toks):
        if toks[i] == "(" and ")" in toks[i + 1 : i + 10]:
            i = toks.index(")", i + 1) + 1
            continue
        out.append(toks[i])
        i += 1
    return out


_ELIDED = re.compile(r"^([A-Za-z][’'])(\w.*)$")


def _split_joined(toks: list[str], lex: Lexicon) -> list[str]:
    """Words the tokenizer keeps joined that a clause reads apart: an incise's verb and
    pronoun ("dit-il", "a-t-elle ajouté" -> "ajouté elle") and an elided article
    ("l'astronaute" -> "l'", "astronaute")."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        parts = tok.split("-")
        if len(parts) >= 2 and parts[-1].lower() in lex.enclitics:
            verb = parts[0]
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if verb.lower() in lex.auxiliaries and is_cue(nxt):
                out += [nxt, parts[-1]]
                i += 2
                continue
            out += [verb, parts[-1]]
            i += 1
            continue
        elided = _ELIDED.match(tok)
        if elided is not None and elided.group(1).lower() in lex.determiners:
            out += [elided.group(1), elided.group(2)]
        else:
            out.append(tok)
        i += 1
    return out


def _skip_aside(toks: list[str], lex: Lexicon) -> list[str]:
    """``toks`` without an aside that opens them ("pour sa part", "por su parte")."""
    low = [t.lower() for t in toks]
    for aside in lex.asides:
        if tuple(low[: len(aside)]) == aside:
            return toks[len(aside) :]
    return toks


def _apposition(toks: list[str], at: int) -> list[str]:
    """A name set after a description between commas: "…, dijo la ministra, Elena
    Márquez, en rueda de prensa" -> Elena Márquez (``at`` is the comma's index)."""
    if at >= len(toks) or toks[at] != ",":
        return []
    name: list[str] = []
    for tok in toks[at + 1 :]:
        if (tok[:1].isupper() and tok not in _BREAKS) or (name and tok.lower() in _NAME_JOINS):
            name.append(tok)
        else:
            if tok not in _BREAKS:
                return []
            break
    while name and not name[-1][:1].isupper():
        name.pop()
    return name if 2 <= len(name) <= 4 else []


_NAME_JOINS = NAME_PARTICLES


def _described(toks: list[str], mention: list[str], start: int) -> list[str]:
    """``mention`` (read from ``toks[start:]``), or the name its apposition gives when it
    is only a description ("la ministra de Trabajo, Elena Márquez")."""
    described = bool(mention) and (
        mention[0].lower() in determiners() or any(w[:1].islower() for w in mention)
    )
    if not mention or described:
        name = _apposition(toks, start + len(mention))
        if name:
            return name
    return mention


def read_after(text: str) -> Attribution | None:
    toks = _clause_tokens(text)
    while toks and toks[0] in {",", ";"}:
        toks = toks[1:]
    while toks and toks[-1] in {".", "!", "?"}:
        toks = toks[:-1]
    if len(toks) > 2 and toks[0].lower() == "as":
        toks = toks[1:]  # "“…,” as Cruz said on the radio"
        low = [t.lower() for t in toks]
        for i in range(1, min(len(toks) - 1, _CUE_REACH)):
            if low[i] in {"put", "puts"} and low[i + 1] == "it":
                # "“…,” as a Homeland Security memo put it."
                subject = _trim_fillers(toks[:i])
                if subject and _plausible_subject(subject):
                    return Attribution(subject, "put")
                break
    lex = current()
    if lex is not None and len(toks) > 1 and toks[0].lower() in lex.auxiliaries and is_cue(toks[1]):
        toks = toks[1:]  # "«…», a déclaré X", "ha detto X": the participle is the cue
    if lex is not None and toks and is_cue(toks[0]):
        toks = [toks[0], *_skip_aside(toks[1:], lex)]
    if not toks:
        return None
    if lex is not None and toks[0].lower() in lex.according | lex.according_after:
        # "„…“, so Müller", "…, según García": the source follows the word.
        mention = _described(toks, _np_after(toks[1:]), 1)
        return Attribution(mention, toks[0].lower()) if mention else None
    if toks[0] in _DASHES:
        mention = _np_after(toks[1:])
        named = bool(mention) and mention[0][:1].isupper()
        return Attribution(mention, None) if named else None
    low = [t.lower() for t in toks]
    if low[:2] == ["according", "to"]:
        mention = _np_after(toks[2:])
        return Attribution(mention, "according to") if mention else None
    if is_cue(toks[0]) or toks[0] in _ADJACENT_CUES:
        mention = _np_after(toks[1:])
        if mention:
            return Attribution(_described(toks, mention, 1), low[0])
        if lex is not None and lex.pro_drop and (len(toks) == 1 or toks[1].lower() in lex.stops):
            # "«…», dijo." / "ha detto ai giornalisti": no subject, the one before speaks,
            # unless a name in apposition closes the clause ("dijo en Madrid la
            # ministra de Trabajo, Elena Márquez").
            for at in range(1, len(toks)):
                if toks[at] == ",":
                    name = _apposition(toks, at)
                    if name:
                        return Attribution(name, low[0])
            return Attribution([], low[0])
    commas: list[int] = []
    for i, tok in enumerate(toks[:_APPOSITIVE_REACH]):
        if tok == ",":
            commas.append(i)
            continue
        if tok in _BREAKS:
            return None
        final = i == len(toks) - 1 and tok in _ADJACENT_CUES  # "…," Conway notes.
        # "“…” an angry Hollande retaliated.": any past-tense verb right after a name.
        past = (
            not commas
            and 0 < i <= 4
            and tok.islower()
            and tok.endswith("ed")
            and (toks[i - 1][:1].isupper() or toks[i - 1].lower() in _PERSON_SUBJECTS)
        )
        if not (is_cue(tok) or final or past) or i == 0:
            if not commas and i >= _CUE_REACH:
                return None
            continue
        if not commas:
            subject = _trim_fillers(toks[:i])
            if len(subject) > 1 and subject[0][:1].isdigit() and "-" in subject[0]:
                subject = subject[1:]  # "17-year-old Jared Potts echoed"
            if subject and _plausible_subject(subject):
                return Attribution(subject, low[i])
            return None
        # "Seth McKee, a political scientist, told The Hill" / "another friend, Mariam Emara told"
        last = _trim_fillers(toks[commas[-1] + 1 : i])
        if last and last[0][:1].isupper() and _plausible_subject(last):
            return Attribution(last, low[i])
        if len(commas) >= 2:
            aside = toks[commas[0] + 1 : commas[1]]
            if len(aside) >= 2 and all(w[:1].isupper() for w in aside):
                return Attribution(aside, low[i])  # "the spokesman, Josh Earnest, said"
        first = toks[: commas[0]]
        if first and _plausible_subject(first):
            return Attribution(first, low[i])
        return None
    return None


def read_before(text: str, sentence: str = "") -> Attribution | None:
    colon = text.rstrip().endswith(":")
    colonless = text.rstrip().endswith(",")
    toks = _clause_tokens(text)
    while toks and (toks[-1] in {",", ":", "—", "-", "–"} or toks[-1].lower() == "that"):
        toks = toks[:-1]
    if not toks:
        return None
    low = [t.lower() for t in toks]
    for end in range(len(low), 1, -1):
        # "As Professor Foner put it: “…", "One trader put it more bluntly:", "As Ms.
        # Simonyan put it in a statement in July, RT is “…”"
        if low[end - 2 : end] in (["put", "it"], ["puts", "it"]):
            near_end = end > len(low) - 3
            opener = max((i for i in range(end - 2) if low[i] == "as"), default=-1)
            if not near_end and opener < 0:
                continue
            subject = _np_before(toks[opener + 1 : end - 2])
            if subject:
                return Attribution(subject, "put")
    for d in range(max(0, len(toks) - 5), len(toks) - 1):
        if toks[d] in _DASHES and all(t[:1].isupper() for t in toks[d + 1 :]):
            return Attribution(toks[d + 1 :], None)  # "… - Philip Bump: “…”"
    nearest: str | None = None
    near = False
    participle_at = -1
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        if tok in {".", "!", "?"}:
            break
        if low[i] == "according" and i + 1 < len(toks) and low[i + 1] == "to":
            mention = _np_after(toks[i + 2 :])
            if mention:
                return Attribution(mention, "according to")
        lex = current()
        if lex is not None and (
            low[i] in lex.according or (i == 0 and low[i] in lex.according_adjacent and colonless)
        ):
            mention = _described(toks, _np_after(toks[i + 1 :]), i + 1)
            if mention and (low[i] in lex.according or i + 1 + len(mention) == len(toks)):
                return Attribution(mention, low[i])
        adjacent = i == len(toks) - 1
        # "Mr. Smith shot back:" / "Hillary fired back,"
        retort = low[i] == "back" and i > 0 and low[i - 1] in {"shot", "fired", "hit"}
        # "As David Byler pointed out in December, “…"
        retort = retort or (low[i] == "out" and i > 0 and low[i - 1] in _OUT_CUES)
        if retort:
            i -= 1
        elif not is_cue(tok) and not (adjacent and tok in _ADJACENT_CUES):
            continue
        if low[i].endswith("ing") and i > 0 and toks[i - 1] == ",":
            # "Mr. Carson endorsed Mr. Trump at Mar-a-Lago, calling him": an earlier
            # reporting verb's subject or else the sentence's subject speaks, not the noun
            # just before the participle ("…, Mr. Manafort said, adding that …").
            if nearest is None:
                nearest, near = low[i], len(toks) - i <= _CUE_REACH
                participle_at = i
            continue
        subject = _np_before(toks[:i])
        if subject:
            return Attribution(subject, nearest or low[i])
        inverted = _np_after(toks[i + 1 :])
        if inverted and i + 1 + len(inverted) == len(toks) and inverted[-1][:1].isupper():
            # "Because of how the schedule was built, explained Rosenberg, “…"
            return Attribution(inverted, low[i])
        if nearest is None:
            nearest = low[i]
            near = len(toks) - i <= _CUE_REACH
    if nearest is not None:
        # "The columnist David Auerbach went so far as to say:" names its subject at the
        # start; "later adding," / "and added:" continue the speaker before; a cue further
        # back in the sentence only tells that the quotation is reported speech.
        head = " ".join(toks[:participle_at]) if participle_at > 0 else text
        subject = sentence_subject(head) or sentence_subject(sentence or head)
        return Attribution(subject, nearest, near)
    if colon:
        # "…doesn't surprise Republican pollster Daron Shaw: “…”"
        name = _name_tail(toks)
        if len(name) >= 2 and _plausible_subject(name):
            return Attribution(name, None)
    return None


def _trim_fillers(toks: list[str]) -> list[str]:
    toks = list(toks)
    lex = current()
    aux = lex.auxiliaries if lex is not None else frozenset()
    while toks:
        low = toks[-1].lower()
        if low in aux and len(toks) >= 2:
            toks.pop()  # "Jean Dupont a (déclaré)"
            continue
        if low in _TIME_HEADS and len(toks) >= 2 and toks[-2].lower() in {"on", "last", "this"}:
            del toks[-2:]
        elif low in _FILLERS or (toks[-1].islower() and low.endswith("ly") and len(low) > 4):
            toks.pop()  # "also", "later", "subsequently"
        else:
            break
    return toks


def _np_before(toks: list[str]) -> list[str]:
    toks = _trim_fillers(toks)
    if toks and toks[-1] == ",":
        # "David Axelrod, who was chief strategist, said": the subject precedes the aside.
        back = len(toks) - 2
        while back >= 0 and toks[back] != "," and len(toks) - back <= _APPOSITIVE_REACH:
            back -= 1
        if back < 0 or toks[back] != ",":
            return []
        aside = toks[back + 1 : -1]
        if len(aside) >= 2 and all(w[:1].isupper() for w in aside):
            return aside  # "the White House spokesman, Josh Earnest, said"
        toks = toks[:back]
    out: list[str] = []
    for pos in range(len(toks) - 1, -1, -1):
        tok = toks[pos]
        low = tok.lower()
        lex = current()
        relative = low in {"who", "whose"} or (lex is not None and low in lex.relatives)
        if relative and pos > 0 and toks[pos - 1] not in _BREAKS:
            # "a White House official who spoke anonymously said": the noun before "who".
            return _np_before(toks[:pos])
        if tok in _BREAKS or low in _CLAUSE_WORDS or is_cue(tok):
            break
        if low == "and" and out and out[0][:1].isupper():
            break  # "Kerry and Obama": a new subject starts after "and"
        out.insert(0, tok)
        if len(out) > _MAX_MENTION_WORDS:
            return _name_tail(out)
    if out and not _plausible_subject(out):
        # "Speaking in Harrogate Mr Kennedy said": the subject after an opening phrase.
        out = tidy_mention(out)
    # "… meddling the California congressman said": the noun phrase its article opens;
    # one word before it only ("… like a judge calling" is a comparison, not a subject).
    opens = len(out) > 2 and out[1].lower() == "the" and out[-1].lower() in ROLE_NOUNS
    if opens and not _plausible_subject(out):
        out = out[1:]
    if not out or not _plausible_subject(out):
        return []
    return out


def _np_after(toks: list[str]) -> list[str]:
    lex = current()
    out: list[str] = []
    for i, tok in enumerate(toks):
        low = tok.lower()
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok in _BREAKS or is_cue(tok):
            break
        if low in _STOPS_AFTER or (lex is not None and low in lex.stops):
            break
        if low in {"of", "for"} and not (nxt[:1].isupper() or nxt.lower() == "the"):
            break
        out.append(tok)
        if len(out) >= _MAX_MENTION_WORDS:
            break
    while out and out[-1].lower() in {"the", "of", "for", "a", "an"}:
        out.pop()
    if out and not _plausible_subject(out):
        # "said 9/11 widow Terry Strada": a description no rule reads, then the name.
        name = _name_tail(out)
        return name if len(name) >= 2 and _plausible_subject(name) else []
    return out


def _name_tail(words: list[str]) -> list[str]:
    i = len(words)
    while i > 0 and words[i - 1][:1].isupper():
        i -= 1
    return words[i:]


def _plausible_subject(words: list[str]) -> bool:
    if len(words) > _MAX_MENTION_WORDS:
        return False
    head = words[0]
    low = head.lower()
    if is_pronoun(head):
        return len(words) == 1
    if low in _BAD_HEADS or (len(words) == 1 and low in _POSSESSIVES):
        return False
    lex = current()
    if lex is not None and (low in lex.stops or low in lex.relatives):
        return False
    if any(w in _BREAKS for w in words):
        return False
    if head[:1].isdigit():
        return False
    lows = [w.lower() for w in words]
    if lows[-1].endswith(("’s", "'s", "’d", "'d")):
        return False
    # "the former secretary of state and current Democratic presidential nominee"
    role_and = lows[0] in {"the", "his", "her"} and lows[-1] in ROLE_NOUNS
    for i, w in enumerate(lows):
        joins_names = w == "and" and 0 < i < len(words) - 1 and words[i + 1][:1].isupper()
        joins_names = joins_names or (w == "and" and role_and)
        # "a voice-over in the ad", "officials at the agency"
        inner = w in {"in", "at", "from"} and 0 < i < len(words) - 1 and lows[0] in _DETERMINERS
        # Checked as written: "Will wrote" names George Will, "will" is a verb.
        if words[i] in _NOT_IN_SUBJECT and not (joins_names or inner):
            return False
    if not (
        head[:1].isupper()
        or low in _DETERMINERS
        or low in determiners()
        or len(words) <= 3
        or words[-1][:1].isupper()
    ):
        return False
    # A speaker phrase starts with a capital, a determiner or a role noun; it ends in a
    # noun, which a lowercase function word is not.
    return words[-1].lower() not in _CLAUSE_WORDS and words[-1].lower() not in _FILLERS


# "Trump’s claim", "his promise": the owner of what was said, by a possessive.
_OWNER = re.compile(r"((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)[’']s?\s+$|\b([Hh]is|[Hh]er)\s+$")
_OWNER_PRONOUNS = {"his": "he", "her": "she"}
_CLAIM_GAP = 12


def claim_owner(before: str) -> Attribution | None:
    """ "Trump’s claim that there were “thousands of shootings”": the owner of a noun
    for speech ("claim", "statement", "promise") in the sentence before a quotation."""
    nouns = speech_nouns()
    found = None
    for m in re.finditer(r"[a-z]+", before):
        if m.group() in nouns:
            found = m
    if found is None:
        return None
    # What was said follows the noun: "claim that …", "promise: …", "words “…”"; not
    # "denounced Trump’s remarks as “hurtful”", where the subject speaks of them.
    gap = before[found.end() :].split()
    if gap and (gap[0] not in {"that", ":"} or len(gap) > _CLAIM_GAP):
        return None
    owner = _OWNER.search(before, max(0, found.start() - 80), found.start())
    if owner is None or owner.end() != found.start():
        return None
    if owner.group(2):
        return Attribution([_OWNER_PRONOUNS[owner.group(2).lower()]], found.group(), near=False)
    return Attribution(owner.group(1).split(), found.group(), near=False)
