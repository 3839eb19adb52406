"""Direct quotations in an article body and who said them.

Rules only, no models: ``marks`` pairs the quotation marks, this module reads the
reporting clause around each quotation ("…,” Kerry said", "said Kerry", "Kerry told
reporters: “…", "— Kerry", "according to Kerry"), carries the speaker over split and
running quotations and pronouns, and drops scare quotes and titles that nobody says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsviewer.domain import Block, Quote, block_offsets
from newsviewer.text.marks import Span, find_spans
from newsviewer.text.speakers import (
    PRONOUNS,
    NameIndex,
    Speaker,
    is_cue,
    is_person_pronoun,
    resolve,
    tokens,
    words,
)

# Quotations shorter than this many words must have a reporting clause to count as
# speech; shorter runs without one are scare quotes ("so-called “reforms”") or titles.
_MIN_FREE_WORDS = 4
# A reporting clause sits close to its quotation: the cue within this many words.
_CUE_REACH = 10
# A speaker's description between commas ("Seth McKee, a political scientist at Texas
# Tech University, told") runs up to this many words.
_APPOSITIVE_REACH = 30
# After a quotation that ends with a full stop, a capitalised clause this short is still
# its reporting clause ("Salvini wrote on Facebook"); a longer one is a new sentence.
_SHORT_CLAUSE = 8
# A speaker phrase is a short noun phrase; longer runs are clauses, not speakers.
_MAX_MENTION_WORDS = 10
# An unattributed quotation opening a paragraph continues the last speaker quoted
# this many paragraphs back at most.
_INHERIT_BLOCKS = 2

_DASHES = frozenset("—―–-")
_BREAKS = frozenset(",;:.!?()[]“”\"‘’'«»„…") | _DASHES
_CLAUSE_WORDS = words(
    "that which who whom whose when while because if so though although since where with "
    "but or as after before until unless whether"
)
_FILLERS = words("""
    also later then once previously recently earlier has had have would will was is
    could did does never again simply just repeatedly often publicly privately flatly
    quickly reportedly further first last finally today yesterday tonight now still
    monday tuesday wednesday thursday friday saturday sunday
    """)
_TIME_HEADS = words(
    "week month year night morning afternoon evening weekend day monday tuesday wednesday "
    "thursday friday saturday sunday"
)
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
# Words that mark a sentence as reporting what someone said or wrote, even when the
# reporting clause is not next to a short quotation ("...and called him a “liar”",
# "the so-called plan he described as “a big deal”").
_REPORTING = words("""
    says states calls claims notes remarks insists vows promises pledges deemed deems dubbed
    dubs touted referred refers labeled labels described describes known term phrase words
    slogan chant chanting tweet tweets statement interview speech comments comment writes
    argues praised criticized blamed urging referring interjecting beamed hailed decried
    denounced condemned ridiculed derided lambasted characterized characterizing branding
    likened likening cheered chanted promising vowing pledging declaring calling warning
    insisting arguing saying telling describing writing urged asked asking questioned
    """)
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
    "but and so yet or then to of into onto upon"
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
_TITLE_CASE_SMALL = words("a an the of and or for in on at to by with from")
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?=\s+[A-Z“\"‘'])")
# Abbreviations whose full stop does not end a sentence ("Mr. Kamp said").
_ABBREVIATIONS = words(
    "mr mrs ms dr sen rep gov gen lt col capt sgt adm maj st jr sr prof rev mt no vs inc corp "
    "co ltd jan feb mar apr jun jul aug sep sept oct nov dec pres supt det insp cmdr ft"
)


def _sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence-ending mark of ``text``."""
    ends = []
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == ".":
            word = text[: m.start()].rsplit(None, 1)[-1] if text[: m.start()].strip() else ""
            if word.lower().lstrip("(\"“‘'") in _ABBREVIATIONS:
                continue
        ends.append(m.end())
    return ends


@dataclass(frozen=True, slots=True)
class _Attribution:
    mention: list[str]  # empty: the cue continues the previous speaker ("later adding")
    cue: str | None
    near: bool = True  # the cue stands next to the quotation, not elsewhere in the sentence
    weak: bool = False  # only the sentence's subject: names a speaker, proves no speech


def find_quotes(blocks: Sequence[Block], *, known_names: Sequence[str] = ()) -> tuple[Quote, ...]:
    """Direct quotations of ``blocks``; offsets index ``body_text(blocks)``."""
    texts = [b.text for b in blocks]
    spans = find_spans(texts)
    if not spans:
        return ()
    index = NameIndex(texts, known_names)
    offsets = block_offsets(list(blocks))
    groups: dict[int, list[Span]] = {}
    for span in spans:
        groups.setdefault(span.group, []).append(span)
    quotes: list[Quote] = []
    last: tuple[int, Speaker | None, str | None] | None = None  # block, speaker, cue
    for group in groups.values():
        first, final = group[0], group[-1]
        found = _attribution(texts, group, spans)
        weak = found if found is not None and found.weak else None
        if weak is not None:
            found = None
        words = sum(len(texts[s.block][s.start : s.end].split()) for s in group)
        speaker: Speaker | None = None
        cue = None
        mention = None
        same_block = last is not None and last[0] == first.block
        # "Ted Cruz says his “friend” Marco Rubio ran “…”": a second quotation in the
        # same sentence keeps the first one's speaker.
        if weak is not None and same_block and _follows_in_sentence(texts, first, spans):
            weak = None
        recent = last is not None and first.block - last[0] <= _INHERIT_BLOCKS
        opens_block = not texts[first.block][: max(0, first.start - 1)].strip()
        quoted = texts[first.block][first.start : first.end]
        if _title_like(quoted) and (found is None or not found.mention):
            continue  # a title in marks ("wrote “The Art of the Deal”"), not speech
        if found is not None:
            cue = found.cue
            if found.mention:
                mention = " ".join(found.mention)
                speaker = _speaker_of(found.mention, texts, first, index, last)
            elif last is not None and (same_block or (recent and found.near)):
                speaker = last[1]
        else:
            if words < _MIN_FREE_WORDS and not same_block and not _reported(texts, first):
                continue
            # A quotation with no reporting clause of its own goes on from the speaker
            # quoted just before: later in the same paragraph, or opening the next one.
            if weak is not None and _named(weak.mention, index):
                mention = " ".join(weak.mention)
                speaker = _speaker_of(weak.mention, texts, first, index, last)
            elif last is not None and (same_block or (opens_block and recent)):
                speaker = last[1]
        for span in group:
            text = texts[span.block][span.start : span.end]
            base = offsets[span.block]
            quotes.append(
                Quote(
                    text=text,
                    speaker=speaker.name if speaker else None,
                    mention=mention,
                    cue=cue,
                    start=base + span.start,
                    end=base + span.end,
                    role=speaker.role if speaker else None,
                )
            )
        if speaker is not None:
            last = (final.block, speaker, cue)
    return tuple(quotes)


def _speaker_of(
    mention: list[str],
    texts: Sequence[str],
    span: Span,
    index: NameIndex,
    last: tuple[int, Speaker | None, str | None] | None,
) -> Speaker | None:
    if len(mention) == 1 and mention[0].lower() in PRONOUNS:
        if not is_person_pronoun(mention[0]):
            return None
        return _antecedent(texts, span, index, last)
    return resolve(mention, index)


def _antecedent(
    texts: Sequence[str],
    span: Span,
    index: NameIndex,
    last: tuple[int, Speaker | None, str | None] | None,
) -> Speaker | None:
    """The person "he"/"she" points to: the last one quoted nearby, else the last named."""
    recent = last is not None and span.block - last[0] <= _INHERIT_BLOCKS
    if recent and last is not None and last[1] is not None and last[1].person:
        return last[1]
    for b in range(span.block, max(-1, span.block - 3), -1):
        text = texts[b] if b != span.block else texts[b][: span.start]
        people = index.people_in(text)
        if people:
            name = people[-1][1]
            return Speaker(name, name, index.role(name), person=True)
    return last[1] if last is not None else None


def _attribution(texts: Sequence[str], group: list[Span], spans: list[Span]) -> _Attribution | None:
    """The reporting clause of a quotation: after its last part, else before its first."""
    first, final = group[0], group[-1]
    after = _after_context(texts[final.block], final, spans)
    found = _read_after(after)
    if found is not None:
        return found
    before = _before_context(texts[first.block], first, spans)
    # The whole sentence up to the quotation, earlier quotations included, for finding
    # its subject: "Sen. Sanders visited NBC's “Today” to …, saying “…”".
    sentence = _last_sentence(texts[first.block][: max(0, first.start - 1)])
    found = _read_before(before, sentence)
    if found is not None:
        return found
    if not before.strip() and first.block > 0:
        # "Kerry said:" closing the previous paragraph introduces this one.
        prev = texts[first.block - 1].rstrip()
        if prev.endswith(":"):
            return _read_before(_last_sentence(prev))
    if first is not final:
        found = _read_after(_after_context(texts[first.block], first, spans))
        if found is not None:
            return found
    found = _sentence_final_clause(texts[final.block], final)
    if found is not None:
        return found
    # "Republican pollster Daron Shaw: “…" / "Cruz coached Trump to “…": with no
    # reporting verb, a named subject of the sentence is who is quoted.
    subject = _sentence_subject(before)
    return _Attribution(subject, None, near=False, weak=True) if subject else None


def _follows_in_sentence(texts: Sequence[str], span: Span, spans: list[Span]) -> bool:
    text = texts[span.block]
    before = [o for o in spans if o.block == span.block and o.end < span.start]
    return bool(before) and not _sentence_ends(text[before[-1].end : span.start])


def _named(mention: list[str], index: NameIndex) -> bool:
    """A sentence subject that surely names someone: a full name or a known surname."""
    caps = [w for w in mention if w[:1].isupper()]
    return len(caps) >= 2 or (len(caps) == 1 and index.is_known(caps[0]))


def _sentence_final_clause(text: str, span: Span) -> _Attribution | None:
    """ ", the rights group says." closing the sentence that holds a partial quotation."""
    tail = text[span.end :]
    ends = _sentence_ends(tail)
    sentence = tail[: ends[0]] if ends else tail
    toks = _clause_tokens(sentence)
    while toks and toks[-1] in {".", "!", "?", "”", '"', "’"}:
        toks.pop()
    for comma in range(len(toks) - 2):
        if toks[comma] == "," and is_cue(toks[comma + 1]):
            mention = _np_after(toks[comma + 2 :])  # "…" for Clinton, said Kunin, a …
            rest = toks[comma + 2 + len(mention) :]
            if mention and (not rest or rest[0] == ","):
                return _Attribution(mention, toks[comma + 1].lower())
    if len(toks) < 3 or not is_cue(toks[-1]):
        return None
    cut = len(toks) - 2
    while cut >= 0 and toks[cut] != ",":
        cut -= 1
    subject = _trim_fillers(toks[cut + 1 : -1])
    if cut < 0 or not subject or len(subject) > 6 or not _plausible_subject(subject):
        return None
    return _Attribution(subject, toks[-1].lower())


def _sentence_subject(before: str) -> list[str]:
    toks = _clause_tokens(before)
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
        else:
            return []
    if toks and (toks[0].endswith(("ing", "ed", "ly")) or toks[0].lower() in _ADVERBS):
        return []
    if len(toks) > 1 and toks[0] in {"The", "A", "An"} and toks[1][:1].isupper():
        toks = toks[1:]  # "The Democratic National Convention released a statement"
    out: list[str] = []
    for tok in toks:
        if (tok[:1].isupper() and tok not in _BREAKS) or (tok.lower() in {"of", "for"} and out):
            out.append(tok)
        elif not out and tok[:1].islower() and tok.isalpha() and len(out) < 3:
            out.append(tok)  # a role before the name: "pollster Daron Shaw"
        else:
            break
    while out and not out[-1][:1].isupper():
        out.pop()
    if not out or not any(w[:1].isupper() for w in out) or out[0].lower() in _STOP_LEADS:
        return []
    if len(out) == 1 and out[0].lower() in PRONOUNS:
        return []
    if sum(w.isupper() and len(w) > 1 for w in out) >= 2:
        return []  # a heading in capitals, not a name
    return out if _plausible_subject(out) else []


def _after_context(text: str, span: Span, spans: list[Span]) -> str:
    start = span.end
    # Step over the closing mark (and anything the span trimmed, such as a comma), also
    # when it was typed after a space: ``'Well done,' " said``.
    while start < len(text) and not text[start].isspace():
        start += 1
    gap = start
    while gap < len(text) and text[gap] == " ":
        gap += 1
    if gap < len(text) and text[gap] in "\"”’'»":
        start = gap + 1
    stop = len(text)
    for other in spans:
        if other.block == span.block and other.start > span.end:
            stop = min(stop, other.start - 1)
            break
    tail = text[start:stop]
    ends = _sentence_ends(tail)
    clause = tail[: ends[0] - 1] if ends else tail
    closed_sentence = (
        text[span.start : span.end].rstrip()[-1:] == "." and "," not in text[span.end : start]
    )
    if closed_sentence and clause.lstrip()[:1].isupper():
        # The quotation ended its sentence and a new one follows, unless that is only a
        # short reporting clause ("“We will win.” Trump said on Facebook."), one that
        # ends its own sentence rather than leading into another quotation.
        cut_short = not ends and stop < len(text)
        if len(clause.split()) > _SHORT_CLAUSE or cut_short or " that " in f" {clause} ":
            return ""
    return clause


def _before_context(text: str, span: Span, spans: list[Span]) -> str:
    begin = 0
    for other in spans:
        if other.block == span.block and other.end < span.start:
            begin = max(begin, other.end + 1)
    head = text[begin : max(begin, span.start - 1)]
    return _last_sentence(head)


def _last_sentence(text: str) -> str:
    ends = _sentence_ends(text)
    return text[ends[-1] :] if ends else text


def _clause_tokens(text: str) -> list[str]:
    """Tokens of a reporting clause without short asides in brackets ("Rubio (R-Fla.)")."""
    out: list[str] = []
    toks = tokens(text)
    i = 0
    while i < len(toks):
        if toks[i] == "(" and ")" in toks[i + 1 : i + 10]:
            i = toks.index(")", i + 1) + 1
            continue
        out.append(toks[i])
        i += 1
    return out


def _read_after(text: str) -> _Attribution | None:
    toks = _clause_tokens(text)
    while toks and toks[0] in {",", ";"}:
        toks = toks[1:]
    while toks and toks[-1] in {".", "!", "?"}:
        toks = toks[:-1]
    if len(toks) > 2 and toks[0].lower() == "as":
        toks = toks[1:]  # "“…,” as Cruz said on the radio"
    if not toks:
        return None
    if toks[0] in _DASHES:
        mention = _np_after(toks[1:])
        named = bool(mention) and mention[0][:1].isupper()
        return _Attribution(mention, None) if named else None
    low = [t.lower() for t in toks]
    if low[:2] == ["according", "to"]:
        mention = _np_after(toks[2:])
        return _Attribution(mention, "according to") if mention else None
    if is_cue(toks[0]) or toks[0] in _ADJACENT_CUES:
        mention = _np_after(toks[1:])
        if mention:
            return _Attribution(mention, low[0])
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
            if subject and _plausible_subject(subject):
                return _Attribution(subject, low[i])
            return None
        # "Seth McKee, a political scientist, told The Hill" / "another friend, Mariam Emara told"
        last = _trim_fillers(toks[commas[-1] + 1 : i])
        if last and last[0][:1].isupper() and _plausible_subject(last):
            return _Attribution(last, low[i])
        if len(commas) >= 2:
            aside = toks[commas[0] + 1 : commas[1]]
            if len(aside) >= 2 and all(w[:1].isupper() for w in aside):
                return _Attribution(aside, low[i])  # "the spokesman, Josh Earnest, said"
        first = toks[: commas[0]]
        if first and _plausible_subject(first):
            return _Attribution(first, low[i])
        return None
    return None


def _read_before(text: str, sentence: str = "") -> _Attribution | None:
    colon = text.rstrip().endswith(":")
    toks = _clause_tokens(text)
    while toks and (toks[-1] in {",", ":", "—", "-", "–"} or toks[-1].lower() == "that"):
        toks = toks[:-1]
    if not toks:
        return None
    low = [t.lower() for t in toks]
    if low[-2:] in (["put", "it"], ["puts", "it"]):
        subject = _np_before(toks[:-2])  # "As Professor Foner put it: “…"
        if subject:
            return _Attribution(subject, "put")
    for d in range(max(0, len(toks) - 5), len(toks) - 1):
        if toks[d] in _DASHES and all(t[:1].isupper() for t in toks[d + 1 :]):
            return _Attribution(toks[d + 1 :], None)  # "… - Philip Bump: “…”"
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
                return _Attribution(mention, "according to")
        adjacent = i == len(toks) - 1
        # "Mr. Smith shot back:" / "Hillary fired back,"
        retort = low[i] == "back" and i > 0 and low[i - 1] in {"shot", "fired", "hit"}
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
            return _Attribution(subject, nearest or low[i])
        if nearest is None:
            nearest = low[i]
            near = len(toks) - i <= _CUE_REACH
    if nearest is not None:
        # "The columnist David Auerbach went so far as to say:" names its subject at the
        # start; "later adding," / "and added:" continue the speaker before; a cue further
        # back in the sentence only tells that the quotation is reported speech.
        head = " ".join(toks[:participle_at]) if participle_at > 0 else text
        subject = _sentence_subject(head) or _sentence_subject(sentence or head)
        return _Attribution(subject, nearest, near)
    if colon:
        # "…doesn't surprise Republican pollster Daron Shaw: “…”"
        name = _name_tail(toks)
        if len(name) >= 2 and _plausible_subject(name):
            return _Attribution(name, None)
    return None


def _trim_fillers(toks: list[str]) -> list[str]:
    toks = list(toks)
    while toks:
        low = toks[-1].lower()
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
        if low in {"who", "whose"} and pos > 0 and toks[pos - 1] not in _BREAKS:
            # "a White House official who spoke anonymously said": the noun before "who".
            return _np_before(toks[:pos])
        if tok in _BREAKS or low in _CLAUSE_WORDS or is_cue(tok):
            break
        if low == "and" and out and out[0][:1].isupper():
            break  # "Kerry and Obama": a new subject starts after "and"
        out.insert(0, tok)
        if len(out) > _MAX_MENTION_WORDS:
            return _name_tail(out)
    if not out or not _plausible_subject(out):
        return []
    return out


def _np_after(toks: list[str]) -> list[str]:
    out: list[str] = []
    for i, tok in enumerate(toks):
        low = tok.lower()
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok in _BREAKS or is_cue(tok):
            break
        if low in _STOPS_AFTER:
            break
        if low in {"of", "for"} and not (nxt[:1].isupper() or nxt.lower() == "the"):
            break
        out.append(tok)
        if len(out) >= _MAX_MENTION_WORDS:
            break
    while out and out[-1].lower() in {"the", "of", "for", "a", "an"}:
        out.pop()
    return out if out and _plausible_subject(out) else []


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
    if low in PRONOUNS:
        return len(words) == 1
    if low in _BAD_HEADS or (len(words) == 1 and low in _POSSESSIVES):
        return False
    if any(w in _BREAKS for w in words):
        return False
    if head[:1].isdigit():
        return False
    lows = [w.lower() for w in words]
    if lows[-1].endswith(("’s", "'s", "’d", "'d")):
        return False
    for i, w in enumerate(lows):
        joins_names = w == "and" and 0 < i < len(words) - 1 and words[i + 1][:1].isupper()
        # "a voice-over in the ad", "officials at the agency"
        inner = w in {"in", "at", "from"} and 0 < i < len(words) - 1 and lows[0] in _DETERMINERS
        # Checked as written: "Will wrote" names George Will, "will" is a verb.
        if words[i] in _NOT_IN_SUBJECT and not (joins_names or inner):
            return False
    if not (
        head[:1].isupper() or low in _DETERMINERS or len(words) <= 3 or words[-1][:1].isupper()
    ):
        return False
    # A speaker phrase starts with a capital, a determiner or a role noun; it ends in a
    # noun, which a lowercase function word is not.
    return words[-1].lower() not in _CLAUSE_WORDS and words[-1].lower() not in _FILLERS


def _reported(texts: Sequence[str], span: Span) -> bool:
    """True when the sentence around a short quotation reports speech or writing."""
    text = texts[span.block]
    head = _last_sentence(text[: max(0, span.start - 1)])
    tail = text[span.end :]
    ends = _sentence_ends(tail)
    sentence = head + " " + (tail[: ends[0]] if ends else tail)
    # Hyphenated words stay whole: "so-called" marks a scare quote, not speech.
    return any(is_cue(w) or w in _REPORTING for w in re.findall(r"[a-z]+(?:-[a-z]+)*", sentence))


def _title_like(text: str) -> bool:
    """True for a title in quotation marks ("The Art of the Deal") rather than speech."""
    words = text.split()
    if not words or len(words) > 16:
        return False
    if all(w[:1].isupper() for w in words if w[:1].isalpha()) and len(words) >= 3:
        return True  # Headline Case Even For Small Words: a quoted headline
    if len(words) > 8 or text.rstrip()[-1:] in ".!?,":
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_CASE_SMALL for w in words)
