"""Direct quotations in an article body and who said them.

Rules only, no models: ``marks`` pairs the quotation marks, ``clauses`` reads the
reporting clause around each quotation ("…,” Kerry said", "said Kerry", "Kerry told
reporters: “…", "— Kerry", "according to Kerry") and ``speakers`` resolves names. This
module decides what is speech, carries the speaker over split and running quotations
and pronouns, and drops scare quotes and titles that nobody says (``quoted_titles``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container, Sequence

from newsviewer.domain import Block, Quote, block_offsets
from newsviewer.text.clauses import (
    Attribution,
    claim_owner,
    read_after,
    read_before,
    read_sentence_tail,
    sentence_subject,
)
from newsviewer.text.lexicon import (
    conjunctions,
    current,
    current_pro_drop,
    detect_language,
    pronoun_gender,
    role_names,
    unfit_name,
    use_language,
)
from newsviewer.text.marks import Neighbours, Span, find_spans, mark_at
from newsviewer.text.quoted_titles import (
    announced_title,
    bylined_title,
    doubles_quote,
    title_like,
)
from newsviewer.text.sentences import (
    WINDOW,
    head,
    last_sentence,
    sentence_before,
    sentence_ends,
    tail,
)
from newsviewer.text.speakers import (
    ROLE_NOUNS,
    NameIndex,
    Speaker,
    body_named,
    determiners,
    is_cue,
    is_person_pronoun,
    is_pronoun,
    is_spokes_noun,
    resolve,
    tidy_mention,
    words,
)

# Quotations shorter than this many words must have a reporting clause to count as
# speech; shorter runs without one are scare quotes ("so-called “reforms”") or titles.
_MIN_FREE_WORDS = 4
# After a quotation that ends with a full stop, a capitalised clause this short is still
# its reporting clause ("Salvini wrote on Facebook"); a longer one is a new sentence.
_SHORT_CLAUSE = 8
# An unattributed quotation opening a paragraph continues the last speaker quoted
# this many paragraphs back at most.
_INHERIT_BLOCKS = 2

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
    dismissed dismisses dismissing heralded heralds heralding accuse accuses accusing
    accusation accusations brand brands call claim compared compares comparing message
    """)


def find_quotes(
    blocks: Sequence[Block], *, known_names: Sequence[str] = (), language: str = ""
) -> tuple[Quote, ...]:
    """Direct quotations of ``blocks``; offsets index ``body_text(blocks)``.

    ``language`` is the story's declared language ("fr", "de-AT"); without one it is told
    from the text. Its word lists (cues, "selon", pronouns) are the ones read.
    """
    texts = [b.text for b in blocks]
    spans = find_spans(texts)  # marks pair the same way in every language
    if not spans:
        return ()
    with use_language(detect_language(texts, language)):
        return _find_quotes(blocks, texts, spans, known_names)


def _find_quotes(
    blocks: Sequence[Block], texts: list[str], spans: list[Span], known_names: Sequence[str]
) -> tuple[Quote, ...]:
    index = NameIndex(texts, known_names)
    offsets = block_offsets(list(blocks))
    groups: dict[int, list[Span]] = {}
    for span in spans:
        groups.setdefault(span.group, []).append(span)
    near = Neighbours(spans)
    indents = [len(t) - len(t.lstrip()) for t in texts]
    quotes: list[Quote] = []
    last: tuple[int, Speaker | None, str | None] | None = None  # block, speaker, cue
    singles_secondary = doubles_quote(groups.values())
    # The last span of each quotation taken as speech, with its speaker and cue.
    kept: dict[Span, tuple[Speaker | None, str | None, str | None, str]] = {}
    for group in groups.values():
        first, final = group[0], group[-1]
        if singles_secondary and not first.double:
            continue  # headline-style 'quote' in an article that quotes with double marks
        if bylined_title(texts[final.block], final):
            continue  # "“Museum to close,” by Times' Ben Sisario": a headline, not speech
        partner = near.before(first)
        if partner is not None and not (
            partner in kept and _coordinated(texts[first.block], partner, first)
        ):
            partner = None  # only a quotation joined to this one by "and"/"or" counts
        if partner is not None and kept[partner][0] is not None:
            # "called her “Miss Piggy” and “Miss Housekeeping”": a quotation joined to
            # the one before by "and"/"or" is speech of the same speaker, title-like or not.
            _append(quotes, texts, offsets, group, *kept[partner])
            kept[final] = kept[partner]
            continue
        found = _attribution(texts, group, near)
        weak = found if found is not None and found.weak else None
        if weak is not None:
            found = None
        words = sum(len(texts[s.block][s.start : s.end].split()) for s in group)
        speaker: Speaker | None = None
        cue = None
        mention = None
        how = "carried"  # how the speaker was found, for the attribution's confidence
        same_block = last is not None and last[0] == first.block
        # "Ted Cruz says his “friend” Marco Rubio ran “…”": a second quotation in the
        # same sentence keeps the first one's speaker.
        if weak is not None and same_block and _follows_in_sentence(texts, first, near):
            weak = None
        recent = last is not None and first.block - last[0] <= _INHERIT_BLOCKS
        opens_block = indents[first.block] >= mark_at(texts[first.block], first.start)
        quoted = texts[first.block][first.start : first.end]
        if title_like(quoted) and (found is None or not found.mention):
            near.drop(first)  # part of the sentence around the next quotation
            continue  # a title in marks ("wrote “The Art of the Deal”"), not speech
        if announced_title(texts[first.block], first):
            near.drop(first)
            continue  # "the film « Les Enfants du paradis »", "su libro «La casa…»"
        lex = current()
        if found is None and weak is None and lex is not None and lex.incises:
            # "« Nous irons jusqu'au bout, a-t-il ajouté, parce que… »": an incise inside.
            found = _incise(quoted)
        label = _turn_label(quoted, index) if opens_block else None
        if label is not None:
            # "“WALLACE: Let's start with …”": a transcript turn names its own speaker.
            found, weak, mention, cue = None, None, " ".join(label), None
            speaker, how = resolve(label, index), "turn"
        elif found is not None:
            cue = found.cue
            if found.mention:
                mention = " ".join(found.mention)
                speaker = _speaker_of(found.mention, texts, first, index, last)
                how = _how_named(found.mention, speaker, found)
            elif current_pro_drop() and (named := _named_since(texts, first, near, index)):
                # "El autor, Vinícius Santos, fue elegido… «…», dijo.": the subject left out
                # is the person named since the last quotation, before its last speaker.
                speaker, how = named, "dropped"
            elif last is not None and (same_block or (recent and found.near)):
                speaker = last[1]
            if speaker is None and not found.mention and current_pro_drop():
                # "«…», dijo.": the subject left out is the person the story named last.
                speaker, how = _last_named(texts, first, index), "dropped"
        elif found is None:
            if words < _MIN_FREE_WORDS and not same_block and not _reported(texts, first):
                continue
            credit = _pull_quote_credit(texts, group) if opens_block else None
            named_weak = weak is not None and _named(weak.mention, index)
            told = _told_before(texts, first, near) if not named_weak and not credit else None
            # A quotation with no reporting clause of its own goes on from the speaker
            # quoted just before: later in the same paragraph, or opening the next one.
            lead = _lead_in(texts, first) if opens_block and weak is None else None
            if lead is not None and not _named(lead.mention, index):
                lead = None
            if credit is not None:
                # A pull quote: "“…”" on its own, then "Jane Doe, council leader".
                mention = " ".join(credit)
                speaker, how = resolve(credit, index), "unmarked"
            elif told is not None:
                # "Parents should set rules, Engel advises. “No screens after nine.”"
                mention, cue = " ".join(told.mention), told.cue
                speaker = _speaker_of(told.mention, texts, first, index, last)
                how = _how_named(told.mention, speaker, told)
            elif weak is not None and _named(weak.mention, index):
                mention = " ".join(weak.mention)
                speaker = _speaker_of(weak.mention, texts, first, index, last)
                how = "subject"
            elif (prior := _subject_before(texts, first, near, index, kept)) is not None:
                # "Sen. Bernie Sanders identified exhaustion as a reason. “The younger
                # people are sick of it.”": the person the sentence before is about.
                mention = " ".join(prior)
                speaker = _speaker_of(prior, texts, first, index, last)
                how = "subject"
            elif lead is not None:
                # "Clinton responded, saying the campaign was wrong." then a paragraph of
                # quotation only: the previous paragraph's reporting sentence introduces it.
                mention, cue = " ".join(lead.mention), lead.cue
                speaker = _speaker_of(lead.mention, texts, first, index, last)
                how = "lead"
            elif last is not None and (same_block or (opens_block and recent)):
                speaker = last[1]
        for span in group:
            text = texts[span.block][span.start : span.end]
            turn = _turn_label(text, index) if span is not first else None
            if turn is not None:
                # A transcript running over paragraphs: each "PENCE: …" turn changes speaker.
                speaker, mention, cue = resolve(turn, index), " ".join(turn), None
                how = "turn"
            _append(quotes, texts, offsets, [span], speaker, mention, cue, how)
        kept[final] = (speaker, mention, cue, how)
        if (
            partner is not None
            and speaker is not None
            and quotes[-len(group) - 1].speaker is None
            and quotes[-len(group) - 1].end == offsets[first.block] + partner.end
        ):
            # "Guns are “a crisis” and “a plague,” Dean said": the clause after the second
            # quotation names the speaker of the first too.
            before = quotes[-len(group) - 1]
            quotes[-len(group) - 1] = dataclasses.replace(
                before,
                speaker=speaker.name,
                mention=mention,
                cue=cue,
                role=speaker.role,
                confidence=_CONFIDENCE[how],
            )
        if speaker is not None:
            last = (final.block, speaker, cue)
    return tuple(quotes)


def _append(
    quotes: list[Quote],
    texts: Sequence[str],
    offsets: Sequence[int],
    spans: Sequence[Span],
    speaker: Speaker | None,
    mention: str | None,
    cue: str | None,
    how: str,
) -> None:
    for span in spans:
        base = offsets[span.block]
        quotes.append(
            Quote(
                text=texts[span.block][span.start : span.end],
                speaker=speaker.name if speaker else None,
                mention=mention,
                cue=cue,
                start=base + span.start,
                end=base + span.end,
                role=speaker.role if speaker else None,
                confidence=_CONFIDENCE[how] if speaker else 0.0,
            )
        )


def _coordinated(text: str, before: Span, span: Span) -> bool:
    """True when ``span`` follows ``before`` in its paragraph with only a conjunction
    between their marks ("“Miss Piggy” and “Miss Housekeeping”")."""
    gap = text[before.end : span.start].strip("\"“”‘’'«»„‹›,. \u00a0\u202f").lower()
    return gap in conjunctions()


# How sure an attribution is, by how its speaker was found: the share of such
# attributions that named the annotated source on PolNeAR train+dev (5,900 checked).
_CONFIDENCE = {
    "named": 0.97,  # "…,” said John Kerry." (0.975 of 3,470)
    "surname": 0.92,  # "…,” Kerry said.", resolved to the fullest name given (0.925)
    "described": 0.9,  # "a spokeswoman for the State Department", "the senator"
    "unmarked": 0.9,  # "— Kerry", "Kerry: …": a name, no reporting verb
    "carried": 0.9,  # no clause of its own: the speaker quoted just before (0.929)
    "subject": 0.85,  # the sentence's subject, with no reporting verb (0.920 of 174)
    "turn": 0.75,  # "KERRY: …" in a transcript (0.765 of 17)
    "lead": 0.75,  # a paragraph of quotation after "Kerry responded:" (0.75 of 8)
    "pronoun": 0.65,  # "…,” he said.": the person it points back to (0.651 of 43)
    "dropped": 0.6,  # "«…», dijo.": the person the story named last (not measured)
}


def _how_named(mention: list[str], speaker: Speaker | None, found: Attribution) -> str:
    if speaker is None:
        return "carried"
    if len(mention) == 1 and is_pronoun(mention[0]):
        return "pronoun"
    if found.cue is None:
        return "unmarked"
    if not speaker.person or mention[0].lower() in determiners():
        return "described"  # an organisation, or "the senator" pointing back
    return "named" if len(speaker.name.split()) >= 2 else "surname"


def _speaker_of(
    mention: list[str],
    texts: Sequence[str],
    span: Span,
    index: NameIndex,
    last: tuple[int, Speaker | None, str | None] | None,
) -> Speaker | None:
    mention = tidy_mention(mention)
    if not mention:
        return None
    if len(mention) == 1 and is_pronoun(mention[0]):
        if not is_person_pronoun(mention[0]):
            return None
        return _antecedent(texts, span, index, last, mention[0])
    if len(mention) == 2 and mention[0].lower() in determiners() and is_spokes_noun(mention[1]):
        # "a spokeswoman said": she speaks for the body named just before.
        body = _body_before(texts, span)
        if body is not None:
            return Speaker(body, " ".join(mention), mention[1].lower(), person=False)
    by_role = _role_antecedent(mention, texts, span, index)
    found = by_role if by_role is not None else resolve(mention, index)
    # A mention no rule made into a name ("Six Nations", "May") names nobody.
    return None if found is None or unfit_name(found.name) else found


def _body_before(texts: Sequence[str], span: Span) -> str | None:
    """The organisation named last before ``span``: in its paragraph, else the one before."""
    found = body_named(head(texts[span.block], span.start))
    if found is None and span.block > 0:
        found = body_named(head(texts[span.block - 1], len(texts[span.block - 1])))
    return found


# How far back "the senator" looks for the senator it means.
_ROLE_REACH_BLOCKS = 6


def _role_antecedent(
    mention: list[str], texts: Sequence[str], span: Span, index: NameIndex
) -> Speaker | None:
    """ "the senator", "the Florida governor", "il ministro": the last person named with
    that role, or named just after the role's word ("le ministre de l'Intérieur, Jean
    Dupont"); else, for an office the story's language lists, the last person named."""
    lex = current()
    if len(mention) < 2 or (
        mention[0].lower() not in {"the", "this"} and mention[0].lower() not in determiners()
    ):
        return None
    noun = mention[-1]
    listed = lex is not None and noun.lower() in lex.roles
    if not (noun.islower() and noun in ROLE_NOUNS) and not listed:
        return None
    for b in range(span.block, max(-1, span.block - _ROLE_REACH_BLOCKS), -1):
        text = head(texts[b], span.start if b == span.block else len(texts[b]))
        for at, name in reversed(index.people_in(text)):
            role = index.role(name)
            if role and role_names(noun) & set(role.lower().replace("-", " ").split()):
                return Speaker(name, " ".join(mention), role, person=True)
            if listed and noun.lower() in text[max(0, at - _ROLE_GAP) : at].lower():
                return Speaker(name, " ".join(mention), index.role(name), person=True)
    if listed:
        found = _last_named(texts, span, index)
        if found is not None:
            return Speaker(found.name, " ".join(mention), found.role, person=True)
    return None


# "le ministre de l'Économie et des Finances, Jean Dupont": the role word stands this
# many characters before the name at most.
_ROLE_GAP = 60


def _last_named(texts: Sequence[str], span: Span, index: NameIndex) -> Speaker | None:
    """The person named last before ``span``, within the three paragraphs before it."""
    for b in range(span.block, max(-1, span.block - 3), -1):
        people = index.people_in(head(texts[b], span.start if b == span.block else len(texts[b])))
        if people:
            name = people[-1][1]
            return Speaker(name, name, index.role(name), person=True)
    return None


def _named_since(
    texts: Sequence[str], span: Span, near: Neighbours, index: NameIndex
) -> Speaker | None:
    """The last person named in ``span``'s paragraph after the quotation before it."""
    previous = near.before(span)
    begin = previous.end if previous is not None else 0
    text = texts[span.block][max(begin, span.start - WINDOW) : span.start]
    people = index.people_in(text)
    if not people:
        return None
    name = people[-1][1]
    return Speaker(name, name, index.role(name), person=True)


def _told_before(texts: Sequence[str], span: Span, near: Neighbours) -> Attribution | None:
    """A reporting clause closing the sentence just before ``span`` in its paragraph
    ("…, rät Engel. „…“"), when no quotation stands between them."""
    previous = near.before(span)
    begin = max(previous.end + 1 if previous is not None else 0, span.start - WINDOW)
    before = texts[span.block][begin : mark_at(texts[span.block], span.start)].rstrip()
    if not before.endswith((".", "!")) or any(m in before for m in '"“”«»„'):
        return None
    sentence = last_sentence(before[:-1]) + before[-1]
    found = read_sentence_tail(sentence)
    return found if found is not None and found.mention else None


_UNMARKED = re.compile('["“”«»„]')


def _subject_before(
    texts: Sequence[str],
    span: Span,
    near: Neighbours,
    index: NameIndex,
    spoken: Container[Span],
) -> list[str] | None:
    """The named subject of the sentence just before ``span`` in its paragraph, when
    ``span`` opens a sentence and no quotation stands between them."""
    previous = near.before(span)
    begin = max(previous.end + 1 if previous is not None else 0, span.start - WINDOW)
    before = texts[span.block][begin : mark_at(texts[span.block], span.start)].strip()
    before = before.lstrip(",;:.!?'\"“”’«»„ ")  # the closing mark of a title before
    if not before.endswith((".", "!", ":")):
        return None
    told = before.endswith(":")  # "Clinton: “…” Bush: “…”" names each speaker
    if previous is not None and previous in spoken and not told and not sentence_ends(before):
        return None  # the rest of the sentence of a quotation: its speaker goes on
    # "On “Face the Nation,” Sen. Bernie Sanders …": a title's marks (the quotations
    # between are titles: ``near`` skips them) are read as its words.
    subject = sentence_subject(_UNMARKED.sub("", last_sentence(before[:-1])))
    return subject if subject and _named(subject, index) else None


def _incise(quoted: str) -> Attribution | None:
    """An attribution set between commas inside the marks: "…, a-t-il ajouté, …"."""
    parts = quoted.split(",")
    for part in parts[1:-1]:
        if len(part.split()) <= _INCISE_WORDS:
            found = read_after(part)
            if found is not None and found.cue is not None:
                return found
    return None


_INCISE_WORDS = 6


def _antecedent(
    texts: Sequence[str],
    span: Span,
    index: NameIndex,
    last: tuple[int, Speaker | None, str | None] | None,
    pronoun: str,
) -> Speaker | None:
    """The person "he"/"she" points to.

    A person named earlier in the same sentence comes first ("Bush went after Trump,
    when he called him “unhinged”"), then the last one quoted nearby, then the last named.
    """
    wanted = pronoun_gender(pronoun)

    def fits(name: str) -> bool:
        # "il" is not the woman the story calls "la députée Claire Fontaine".
        return wanted is None or index.gender(name) in (None, wanted)

    people = index.people_in(sentence_before(texts[span.block], span.start - 1))
    people = [p for p in people if fits(p[1])]
    if not people:
        # "Une riveraine, Josiane Moreau, reste inquiète. « … », dit-elle.": the subject
        # of the sentence just before, when no quotation stands between them.
        before = head(texts[span.block], mark_at(texts[span.block], span.start)).rstrip()
        if before.endswith((".", "!")) and not any(m in before for m in '"“”«»„'):
            people = [p for p in index.people_in(last_sentence(before[:-1])) if fits(p[1])]
    if people:
        name = people[0][1]
        return Speaker(name, name, index.role(name), person=True)
    recent = last is not None and span.block - last[0] <= _INHERIT_BLOCKS
    if recent and last is not None and last[1] is not None and last[1].person:  # noqa: SIM102
        if fits(last[1].name):  # the last speaker, unless the pronoun cannot be them
            return last[1]
    for b in range(span.block, max(-1, span.block - 3), -1):
        people = index.people_in(head(texts[b], span.start if b == span.block else len(texts[b])))
        people = [p for p in people if fits(p[1])]
        if people:
            name = people[-1][1]
            return Speaker(name, name, index.role(name), person=True)
    if last is not None and last[1] is not None and fits(last[1].name):
        return last[1]
    return None


def _attribution(texts: Sequence[str], group: list[Span], near: Neighbours) -> Attribution | None:
    """The reporting clause of a quotation: after its last part, else before its first."""
    first, final = group[0], group[-1]
    after = _after_context(texts[final.block], final, near)
    found = read_after(after)
    if found is not None:
        return found
    before = _before_context(texts[first.block], first, near)
    # The whole sentence up to the quotation, earlier quotations included, for finding
    # its subject: "Sen. Sanders visited NBC's “Today” to …, saying “…”".
    sentence = sentence_before(texts[first.block], first.start - 1)
    found = read_before(before, sentence)
    if found is not None:
        return found
    if not before.strip() and first.block > 0:
        # "Kerry said:" closing the previous paragraph introduces this one.
        prev = texts[first.block - 1].rstrip()
        if prev.endswith(":"):
            introduced = sentence_before(prev, len(prev))
            found = read_before(introduced)
            if found is None:
                # "On July 6, Sanders made the following comment:" with no reporting verb:
                # its subject, if the story names them.
                subject = sentence_subject(introduced.rstrip(" :"))
                found = Attribution(subject, None, near=False, weak=True) if subject else None
            return found
    if first is not final:
        found = read_after(_after_context(texts[first.block], first, near))
        if found is not None:
            return found
    found = read_sentence_tail(tail(texts[final.block], final.end))
    if found is not None:
        return found
    owner = claim_owner(before)
    if owner is not None:
        return owner
    # "Republican pollster Daron Shaw: “…" / "Cruz coached Trump to “…": with no
    # reporting verb, a named subject of the sentence is who is quoted.
    subject = sentence_subject(before)
    return Attribution(subject, None, near=False, weak=True) if subject else None


_BANNERS = words("""
    video update updated note watch editor breaking crosstalk photo photos read related
    exclusive live warning correction transcript audio source sources via more also
    """)
_LABEL = re.compile(r"([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,2}):\s")


def _turn_label(quoted: str, index: NameIndex) -> list[str] | None:
    """The speaker label opening a transcript turn: "WALLACE: …", "Chris Matthews: …"."""
    m = _LABEL.match(quoted)
    if m is None:
        return None
    label = m.group(1).split()
    # A person the article names ("Lost Tycoon:" is not), or a surname in capitals as
    # transcripts print them ("WALLACE:"), which a banner word ("VIDEO:") is not.
    shouted = len(label) == 1 and label[0].isupper() and label[0].lower() not in _BANNERS
    return label if shouted or index.is_known(label[-1]) else None


# "Jane Doe, council leader" / "— Jane Doe": the line that credits a pull quote.
_CREDIT_LINE = re.compile(
    r"[—―–-]?\s*([A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]+|de|van|von|da|di|la|le)){1,3})"
    r"(?:\s*,\s*[^.!?]{0,80})?$"
)
_CREDIT_WORDS = 12


def _pull_quote_credit(texts: Sequence[str], group: list[Span]) -> list[str] | None:
    """The name on the line after a quotation that fills its paragraph."""
    final = group[-1]
    text = texts[final.block]
    if final.block + 1 >= len(texts) or text[final.end :].strip(' "”’»,.') != "":
        return None
    line = texts[final.block + 1].strip()
    if len(line.split()) > _CREDIT_WORDS:
        return None
    m = _CREDIT_LINE.match(line)
    return m.group(1).split() if m is not None else None


def _lead_in(texts: Sequence[str], span: Span) -> Attribution | None:
    """A named speaker in the reporting sentence that ends the paragraph before ``span``."""
    if span.block == 0:
        return None
    prev = texts[span.block - 1].rstrip()
    sentence = sentence_before(prev, len(prev)).rstrip(" .")
    if any(m in sentence for m in '"“”«»'):
        return None  # a sentence with its own quotation: the speaker carried over already
    found = read_before(sentence)
    return found if found is not None and found.mention else None


def _follows_in_sentence(texts: Sequence[str], span: Span, near: Neighbours) -> bool:
    before = near.before(span)
    if before is None:
        return False
    gap = texts[span.block][max(before.end, span.start - WINDOW) : span.start]
    return not sentence_ends(gap)


def _named(mention: list[str], index: NameIndex) -> bool:
    """A sentence subject that surely names someone: a full name, a known surname or a
    proper noun."""
    caps = [w for w in mention if w[:1].isupper()]
    if len(caps) != 1:
        return len(caps) >= 2
    # "Trump", known from "Donald Trump"; "PolitiFact", a name the story uses inside
    # sentences and never in lower case.
    return index.is_known(caps[0]) or index.is_proper(caps[0])


_CREDIT_DASHES = frozenset("—―–")


def _after_context(text: str, span: Span, near: Neighbours) -> str:
    start = span.end
    # Step over the closing mark (and anything the span trimmed, such as a comma), also
    # when it was typed after a space: ``'Well done,' " said``.
    while start < len(text) and not text[start].isspace() and text[start] not in _CREDIT_DASHES:
        start += 1  # not over a dash: "“…”― Jane Doe" credits the quotation
    gap = start
    while gap < len(text) and text[gap].isspace():
        gap += 1  # a no-break space inside French guillemets too: "Oui\u202f»"
    if gap < len(text) and text[gap] in "\"”’'»":
        start = gap + 1
    following = near.after(span)
    stop = min(len(text), start + WINDOW)
    if following is not None:
        stop = min(stop, following.start - 1)
    rest = text[start:stop]
    ends = sentence_ends(rest)
    clause = rest[: ends[0] - 1] if ends else rest
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


def _before_context(text: str, span: Span, near: Neighbours) -> str:
    previous = near.before(span)
    begin = max(0, span.start - WINDOW)
    if previous is not None:
        begin = max(begin, previous.end + 1)
    stop = max(begin, mark_at(text, span.start))
    if stop > begin and text[stop - 1] in "'`‘’" and text[stop] in "'`‘’":
        stop -= 1  # the first half of a typewriter double (''), not a word of the clause
    return last_sentence(text[begin:stop])


def _reported(texts: Sequence[str], span: Span) -> bool:
    """True when the sentence around a short quotation reports speech or writing."""
    text = texts[span.block]
    after = tail(text, span.end)
    ends = sentence_ends(after)
    sentence = sentence_before(text, span.start - 1) + " " + (after[: ends[0]] if ends else after)
    # Hyphenated words stay whole: "so-called" marks a scare quote, not speech.
    return any(is_cue(w) or w in _REPORTING for w in re.findall(r"[a-z]+(?:-[a-z]+)*", sentence))
