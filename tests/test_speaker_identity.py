"""Speakers across stories: one person under one name, two people kept apart."""

from __future__ import annotations

from newsviewer.library.speaker_identity import Attribution, identify, parse_name, speaker_key


def _row(qid: int, story: int, speaker: str, role: str | None = None) -> Attribution:
    return Attribution(qid, story, speaker, speaker, role)


def test_a_title_before_a_name_is_its_role() -> None:
    name = parse_name("President-elect Donald Trump")
    assert name.shown == "Donald Trump"
    assert name.role == "President-elect"
    assert parse_name("Secretary of State John Kerry").shown == "John Kerry"


def test_one_person_under_several_forms_across_stories_is_one_speaker() -> None:
    ledger = identify(
        [
            _row(1, 10, "Donald Trump"),
            _row(2, 10, "Trump"),
            _row(3, 11, "President-elect Donald Trump"),
            _row(4, 12, "Donald J. Trump", role="President"),
            _row(5, 13, "Trump", role="President"),
        ]
    )
    assert len(ledger.speakers) == 1
    (trump,) = ledger.speakers.values()
    assert trump.name == "Donald Trump"
    assert set(trump.quote_ids) == {1, 2, 3, 4, 5}
    assert set(trump.article_ids) == {10, 11, 12, 13}
    assert set(trump.roles) == {"President-elect", "President"}


def test_two_people_sharing_a_surname_in_different_stories_stay_two() -> None:
    ledger = identify(
        [
            _row(1, 10, "John Kerry", role="Secretary of State"),
            _row(2, 10, "Kerry"),
            _row(3, 11, "Bob Kerry", role="Senator"),
            _row(4, 11, "Kerry"),
        ]
    )
    assert sorted(s.name for s in ledger.speakers.values()) == ["Bob Kerry", "John Kerry"]
    assert ledger.speaker_of[2] == ledger.speaker_of[1]
    assert ledger.speaker_of[4] == ledger.speaker_of[3]
    assert ledger.speaker_of[1] != ledger.speaker_of[3]


def test_a_bare_surname_never_links_stories_without_a_role_seen_with_one_person() -> None:
    ledger = identify([_row(1, 10, "John Kerry"), _row(2, 11, "Kerry")])
    assert ledger.speaker_of[1] != ledger.speaker_of[2]
    assert ledger.speakers[ledger.speaker_of[2]].name == "Kerry"


def test_a_surname_two_full_names_share_in_one_story_stays_apart() -> None:
    ledger = identify([_row(1, 10, "John Smith"), _row(2, 10, "Jane Smith"), _row(3, 10, "Smith")])
    assert len({ledger.speaker_of[q] for q in (1, 2, 3)}) == 3


def test_a_merge_by_hand_joins_two_speakers() -> None:
    rows = [_row(1, 10, "Joe Biden"), _row(2, 11, "Joseph Biden")]
    assert len(identify(rows).speakers) == 2
    merged = identify(rows, {speaker_key("Joseph Biden"): speaker_key("Joe Biden")})
    assert len(merged.speakers) == 1


def test_a_quotation_without_a_speaker_belongs_to_nobody() -> None:
    ledger = identify([Attribution(1, 10, None), _row(2, 10, "Ana Sánchez")])
    assert list(ledger.speaker_of) == [2]
    assert speaker_key("Ana Sanchez") == ledger.speaker_of[2]
