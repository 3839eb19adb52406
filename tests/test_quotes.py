"""Quotation finding: marks of every style, speech versus scare quotes, and speakers."""

from __future__ import annotations

from newsviewer.domain import Block, Quote, body_text
from newsviewer.text.quotes import find_quotes


def paragraphs(*texts: str) -> tuple[Block, ...]:
    return tuple(Block("p", t) for t in texts)


def quotes_of(*texts: str, known: tuple[str, ...] = ()) -> list[Quote]:
    blocks = paragraphs(*texts)
    found = list(find_quotes(blocks, known_names=known))
    body = body_text(blocks)
    for q in found:
        assert body[q.start : q.end] == q.text
    return found


def pairs(*texts: str, known: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes_of(*texts, known=known)]


def test_curly_quote_with_speaker_after() -> None:
    found = quotes_of(
        "Secretary of State John Kerry arrived on Sunday.",
        "“We will stand with the government of Iraq,” Kerry told reporters.",
    )
    assert len(found) == 1
    q = found[0]
    assert (q.text, q.speaker, q.mention, q.cue) == (
        "We will stand with the government of Iraq",
        "John Kerry",
        "Kerry",
        "told",
    )
    assert q.role == "Secretary of State"


def test_inverted_cue_and_colon_introduction() -> None:
    assert pairs(
        "Mayor Ann Lee opened the bridge.",
        '"This bridge will serve the city for a century," said Lee.',
        "Lee said: “We finished it on time and under budget.”",
    ) == [
        ("This bridge will serve the city for a century", "Ann Lee"),
        ("We finished it on time and under budget.", "Ann Lee"),
    ]


def test_quote_opened_curly_and_closed_straight() -> None:
    assert pairs(
        "John Kerry spoke in Jerusalem.",
        '"These are dangerous players," Kerry said, later adding, “This is a bigger fight."',
    ) == [
        ("These are dangerous players", "John Kerry"),
        ("This is a bigger fight.", "John Kerry"),
    ]


def test_apostrophes_and_primes_are_not_quotation_marks() -> None:
    found = quotes_of(
        "ISIL's fighters and the group’s allies took the town.",
        "The 5' 9\" guard, who grew up in the ’90s on rock ’n’ roll, scored twice.",
        "We’re told the analysts' forecasts were gloomier than the firms' own.",
    )
    assert found == []


def test_guillemets_and_low_high_marks() -> None:
    assert pairs(
        "«We will rebuild the cathedral within five years», President Emmanuel Macron said.",
        "„We can do this, and we will do this“, Chancellor Angela Merkel said.",
    ) == [
        ("We will rebuild the cathedral within five years", "Emmanuel Macron"),
        ("We can do this, and we will do this", "Angela Merkel"),
    ]


def test_nested_single_inside_double_is_one_quotation() -> None:
    found = quotes_of("“He told me ‘never again’ and then left the room,” Maria Diaz said.")
    assert [(q.text, q.speaker) for q in found] == [
        ("He told me ‘never again’ and then left the room", "Maria Diaz")
    ]


def test_british_single_quote_style() -> None:
    assert pairs(
        "Chancellor Gordon Brown spoke to MPs.",
        "'We will not put the recovery at risk,' Mr Brown said. Analysts' forecasts differed.",
    ) == [("We will not put the recovery at risk", "Gordon Brown")]


def test_scare_quotes_and_titles_are_not_speech() -> None:
    assert (
        quotes_of(
            "The so-called “reforms” were delayed again this year.",
            "She starred in “The Apprentice” and wrote “The Art of the Deal” with him.",
        )
        == []
    )


def test_dash_attribution() -> None:
    assert pairs("“Be the change you wish to see in the world.” ― Mahatma Gandhi") == [
        ("Be the change you wish to see in the world.", "Mahatma Gandhi")
    ]


def test_according_to() -> None:
    found = quotes_of(
        "The plan “will create thousands of new jobs,” according to Mayor Jane Smith."
    )
    assert [(q.text, q.speaker, q.cue, q.role) for q in found] == [
        ("will create thousands of new jobs", "Jane Smith", "according to", "Mayor")
    ]


def test_split_quotation_keeps_its_speaker() -> None:
    assert pairs(
        "Jane Smith leads the council.",
        '"We started this work last year," Smith said, "and we will finish it now."',
    ) == [
        ("We started this work last year", "Jane Smith"),
        ("and we will finish it now.", "Jane Smith"),
    ]


def test_following_quotation_in_the_paragraph_continues_the_speaker() -> None:
    assert pairs(
        '"The numbers are good," Tom Hale said. "We expect more growth next year."',
    ) == [
        ("The numbers are good", "Tom Hale"),
        ("We expect more growth next year.", "Tom Hale"),
    ]


def test_pronoun_resolves_to_antecedent() -> None:
    found = quotes_of(
        "Senator Mary Jones visited the plant on Monday.",
        "“We need these jobs here in the valley,” she said.",
    )
    assert [(q.speaker, q.mention, q.role) for q in found] == [("Mary Jones", "she", "Senator")]


def test_organisation_spokeswoman() -> None:
    found = quotes_of(
        "“We are reviewing the report carefully,” a spokeswoman for the State Department said."
    )
    assert [(q.speaker, q.role) for q in found] == [("State Department", "spokeswoman")]


def test_quotation_over_several_paragraphs() -> None:
    found = quotes_of(
        "President Barack Obama spoke for an hour.",
        "“We have come a long way since the crisis began,",
        "“and we are not done yet,” Obama said.",
    )
    assert [(q.text, q.speaker) for q in found] == [
        ("We have come a long way since the crisis began", "Barack Obama"),
        ("and we are not done yet", "Barack Obama"),
    ]


def test_surname_resolved_from_known_names() -> None:
    assert pairs('"The vote was close," Doe said.', known=("Jane Doe",)) == [
        ("The vote was close", "Jane Doe")
    ]


def test_short_quote_with_reporting_verb_is_kept() -> None:
    found = quotes_of("U.S. intelligence officials on Friday described the situation as “dire.”")
    assert [(q.text, q.speaker, q.cue) for q in found] == [
        ("dire.", "U.S. intelligence officials", "described")
    ]


def test_no_marks_no_quotes() -> None:
    assert find_quotes(paragraphs("Nothing quoted here.")) == ()
    assert find_quotes(()) == ()


def test_typewriter_double_marks() -> None:
    assert pairs(
        "''The stock hasn't done well,'' Mr. Rubel pointed out.",
        known=("Howard Rubel",),
    ) == [("The stock hasn't done well", "Howard Rubel")]


def test_closing_mark_after_a_number_inside_a_quotation() -> None:
    found = quotes_of('Organizers of the "Fight for 15" movement said workers "deserve a raise."')
    assert [q.text for q in found] == ["Fight for 15", "deserve a raise."]


def test_closing_mark_typed_after_a_space() -> None:
    assert pairs(
        "\"You shake their hand and say, 'Well done,' \" said Rep. Diane Russell, a legislator."
    ) == [("You shake their hand and say, 'Well done,'", "Diane Russell")]


def test_person_of_a_place_and_appositive() -> None:
    assert pairs(
        '"I think she should have run," said Jason Gilbert of Cheyenne.',
        "“It was close,” Seth McKee, a political scientist at Texas Tech, told The Hill.",
    ) == [("I think she should have run", "Jason Gilbert"), ("It was close", "Seth McKee")]


def test_colon_introduction_names_the_speaker() -> None:
    assert pairs(
        "The surge does not surprise Republican pollster Daron Shaw.",
        "Republican pollster Daron Shaw: “Young voters have moved in every poll we ran.”",
    ) == [("Young voters have moved in every poll we ran.", "Daron Shaw")]


def test_reopening_mark_after_a_lost_paragraph_break() -> None:
    found = quotes_of(
        '"We need to look at it," Lord Falconer said. "It is a very important issue. '
        '"We will address it in the manifesto." The Lords sat on Monday.'
    )
    assert [(q.text, q.speaker) for q in found] == [
        ("We need to look at it", "Falconer"),
        ("It is a very important issue.", "Falconer"),
        ("We will address it in the manifesto.", "Falconer"),
    ]


def test_contractions_are_not_speakers() -> None:
    found = quotes_of('I\'m not sure it was "urban" in any sense, the critic wrote.')
    assert all(q.speaker != "I'm" for q in found)


def test_participle_cue_belongs_to_the_sentence_subject() -> None:
    assert pairs(
        "At a rally on Tuesday, Senator Bernie Sanders endorsed Hillary Clinton, Mr. Trump's "
        "rival, saying that she would “make an outstanding president of this country.”"
    ) == [("make an outstanding president of this country.", "Bernie Sanders")]


def test_relative_clause_after_the_speaker() -> None:
    found = quotes_of(
        "A White House official who spoke anonymously said, “We talk with them every week.”"
    )
    assert [q.speaker for q in found] == ["White House official"]


def test_single_marks_are_headline_style_when_the_article_quotes_with_doubles() -> None:
    found = quotes_of(
        "'Carnage on the road' in southern city of Nice.",
        "“We are at war with a terrorist army,” President Francois Hollande said.",
    )
    assert [q.text for q in found] == ["We are at war with a terrorist army"]


def test_quoted_headline_with_its_byline_is_not_speech() -> None:
    found = quotes_of(
        'FAREWELL—"The Living Room to close at the end of December," by Times\' Ben Sisario: '
        "the club gave Norah Jones an early start.",
        'Salkin spoke for those "both nauseated and terrified, sickened and angry," by Trump.',
    )
    assert [q.text for q in found] == ["both nauseated and terrified, sickened and angry"]


def test_pointed_out_and_a_cue_before_its_inverted_speaker() -> None:
    assert pairs(
        "As RealClearPolitics’ David Byler pointed out in December, “Cruz will need the "
        "delegates.”",
        "Because of the schedule, explained Simon Rosenberg, “it was over by mid-March.”",
    ) == [
        ("Cruz will need the delegates.", "David Byler"),
        ("it was over by mid-March.", "Simon Rosenberg"),
    ]


def test_typewriter_double_after_a_colon_clause() -> None:
    assert pairs(
        "As Professor Eric Foner put it: ''The United States does a better job at this.''"
    ) == [("The United States does a better job at this.", "Eric Foner")]


def test_pronoun_points_to_the_person_named_earlier_in_its_sentence() -> None:
    assert pairs(
        "“He is a chaos candidate,” Jeb Bush said of Donald Trump.",
        "Bush went after him again, when he called the businessman “unhinged and unready.”",
    ) == [
        ("He is a chaos candidate", "Jeb Bush"),
        ("unhinged and unready.", "Jeb Bush"),
    ]


def test_role_from_title_party_tag_and_description() -> None:
    found = quotes_of(
        "“We will fight this in the Senate,” said Sen. Ted Cruz (R-Texas).",
        "“We are reviewing the report,” Jane Doe, a spokeswoman for the State Department, said.",
        "“We will not leave,” said Secretary of State John Kerry.",
        "“It was close,” said Rep. Glenn Thompson, R-Pa., after the vote.",
    )
    assert [(q.speaker, q.role) for q in found] == [
        ("Ted Cruz", "Senator (R-Texas)"),
        ("Jane Doe", "spokeswoman for the State Department"),
        ("John Kerry", "Secretary of State"),
        ("Glenn Thompson", "Representative (R-Pa.)"),
    ]


def test_role_given_once_follows_the_speaker_through_the_article() -> None:
    found = quotes_of(
        "Jane Doe, a spokeswoman for the State Department, spoke on Monday.",
        "“We are reviewing the report carefully,” Doe said.",
    )
    assert [(q.speaker, q.role) for q in found] == [
        ("Jane Doe", "spokeswoman for the State Department")
    ]


def test_reporting_sentence_ending_the_paragraph_before_introduces_a_quote_paragraph() -> None:
    assert pairs(
        "“We will win this state,” Donald Trump said on Monday.",
        "Hillary Clinton, clearly frustrated, responded by saying the rival campaign was "
        "twisting the facts.",
        "“I do not take money from the oil companies, and I never have.”",
    ) == [
        ("We will win this state", "Donald Trump"),
        ("I do not take money from the oil companies, and I never have.", "Hillary Clinton"),
    ]


def test_the_senator_is_the_last_person_named_with_that_role() -> None:
    found = quotes_of(
        "Sen. Marco Rubio and Gov. Chris Christie met voters in Manchester.",
        "“We are going to win New Hampshire,” the Florida senator said.",
        "“Not with that record,” the governor told reporters.",
    )
    assert [(q.speaker, q.mention, q.role) for q in found] == [
        ("Marco Rubio", "the Florida senator", "Senator"),
        ("Chris Christie", "the governor", "Governor"),
    ]


def test_interview_turns_name_their_speakers() -> None:
    found = quotes_of(
        "Gov. Mike Pence spoke to Fox News on Sunday. Partial transcript as follows:",
        '"WALLACE: Will Gennifer Flowers be in the front row at the debate?',
        '"PENCE: Well, look, this is not a serious question at all."',
    )
    assert [(q.speaker, q.mention) for q in found] == [
        ("WALLACE", "WALLACE"),
        ("Mike Pence", "PENCE"),
    ]


def test_banner_words_and_titles_before_a_colon_are_not_speakers() -> None:
    found = quotes_of(
        "Harry Hurt III wrote ''Lost Tycoon: The Many Lives of Donald J. Trump,'' in 1993.",
        "“VIDEO: Watch the whole exchange between the candidates here,” the site said.",
    )
    assert all(q.speaker not in {"Lost Tycoon", "VIDEO"} for q in found)


def test_a_dateline_is_not_the_sentence_subject() -> None:
    found = quotes_of(
        "WASHINGTON — Sen. Chuck Grassley (R-Iowa) defended the nominee and said it was like "
        "a judge calling herself “a wise Latina.”"
    )
    assert [q.speaker for q in found] == ["Chuck Grassley"]


def test_openers_and_participle_phrases_are_not_part_of_the_speaker() -> None:
    found = pairs(
        'Speaking in Harrogate Mr Kennedy said: "This is a fair way to pay."',
        'Meanwhile Mark Oaten said: "We will not be pushed to the left."',
    )
    assert found == [
        ("This is a fair way to pay.", "Kennedy"),
        ("We will not be pushed to the left.", "Mark Oaten"),
    ]


def test_a_speaker_is_never_a_clause_opener_a_number_or_a_possessive() -> None:
    found = quotes_of(
        'Since Blinkx launched, "the search market has changed completely," it said.',
        'Six Nations organisers said: "The tickets have all been sold out already."',
        'Tony Blair\'s spokesman said: "The prime minister has full confidence in him."',
    )
    speakers = [q.speaker for q in found]
    assert "Since Blinkx" not in speakers and "Six Nations" not in speakers
    assert all(not (s or "").endswith("'s") for s in speakers)


def test_one_of_a_kind_description_keeps_the_noun() -> None:
    found = pairs('One trader put it more bluntly: "Nobody wants to hold tech stocks now."')
    assert found == [("Nobody wants to hold tech stocks now.", "trader")]


def test_a_short_characterisation_after_dismissed_as_is_reported_speech() -> None:
    found = pairs('Campaign chair Paul Manafort dismissed the whole kerfuffle as "absurd."')
    assert found == [("absurd.", "Paul Manafort")]


def test_confidence_is_highest_for_a_named_speaker_and_zero_without_one() -> None:
    found = quotes_of(
        '"We will win this fight," said Senator Jane Doe of Ohio.',
        '"We will keep going." The crowd cheered for an hour afterwards.',
        'A sign read "No entry for anyone after ten in the evening."',
    )
    named = found[0]
    assert named.speaker == "Jane Doe" and named.confidence is not None
    assert named.confidence >= 0.9
    assert found[1].speaker == "Jane Doe"
    assert found[1].confidence is not None and found[1].confidence < named.confidence
    for q in found:
        assert q.confidence is not None and 0.0 <= q.confidence <= 1.0
        assert (q.confidence == 0.0) == (q.speaker is None)


def test_pull_quote_is_credited_by_the_line_under_it() -> None:
    found = pairs(
        "The council voted on Tuesday to keep the library open on Sundays.",
        "“Residents asked for this, and we listened to them.”",
        "Jane Porter, council leader",
        "The vote was 12 to 3.",
    )
    assert found == [("Residents asked for this, and we listened to them.", "Jane Porter")]


def test_a_dash_right_after_the_closing_mark_credits_the_quotation() -> None:
    assert pairs(
        "Readers wrote to us after the debate.",
        "“He never answered the question about jobs in our town.” ― Ana Ruiz",
        "“The plan for schools made no sense to me at all.”― Tom Berg",
    ) == [
        ("He never answered the question about jobs in our town.", "Ana Ruiz"),
        ("The plan for schools made no sense to me at all.", "Tom Berg"),
    ]


def test_anybody_in_a_relative_clause_is_not_the_speaker() -> None:
    assert pairs(
        "Senator Jane Holt mocked the complaint, saying anybody who complains about the "
        "room “is not having a good day.”"
    ) == [("is not having a good day.", "Jane Holt")]


def test_a_name_after_a_description_that_opens_with_a_number() -> None:
    assert pairs("“The veto does not hold weight,” said 9/11 widow Terry Strada.") == [
        ("The veto does not hold weight", "Terry Strada")
    ]


def test_a_quotation_joined_by_and_to_a_quoted_one_is_quoted_too() -> None:
    assert pairs(
        "Mayor Ann Lee called the plan “a Big Joke” and “Pure Theatre” at the meeting."
    ) == [("a Big Joke", "Ann Lee"), ("Pure Theatre", "Ann Lee")]


def test_two_titles_joined_by_and_stay_unquoted() -> None:
    assert pairs("The shop sold “Great Expectations” and “Bleak House” last year.") == []


def test_the_clause_after_the_second_of_two_joined_quotations_names_both() -> None:
    assert pairs(
        "Guns are “a public health crisis” and “a plague on our towns,” Jane Holt, the former "
        "governor, told the convention."
    ) == [("a public health crisis", "Jane Holt"), ("a plague on our towns", "Jane Holt")]


def test_short_quotations_in_sentences_that_report_speech() -> None:
    assert [
        q
        for q, _ in pairs(
            "At the dinner a friend commented: “Not for me.”",
            "Governor Ann Lee is stressing the need to guard the grid under “constant attack” "
            "from abroad.",
            "Critics call them “lone wolves” in every speech.",
            "Tom Berg compared the mayor to a coach who is “working the referees” all night.",
            "The firm's claim that there were “no losses” was false.",
        )
    ] == ["Not for me.", "constant attack", "lone wolves", "working the referees", "no losses"]


def test_the_owner_of_a_claim_is_its_speaker() -> None:
    assert pairs(
        "Reporters checked Ann Lee’s claim that there were “thousands of new jobs” here.",
        "Tom Berg denounced Ann Lee’s remarks as “hurtful” on Monday.",
    ) == [("thousands of new jobs", "Ann Lee"), ("hurtful", "Tom Berg")]


def test_a_dateline_before_the_subject_is_not_the_speaker() -> None:
    assert pairs(
        "FLINT, Mich., Oct. 4 (UPI) — Former Governor Ann Lee criticized the law as a "
        "“crazy system” at a rally."
    ) == [("crazy system", "Ann Lee")]


def test_as_someone_put_it_with_words_between_or_after_the_quotation() -> None:
    assert pairs(
        "As Ms. Ann Lee put it in a statement to reporters in July, the network is "
        "“giving a view you will not get elsewhere.”",
        "The rule asks for a “lawful source of income,” as a Treasury memo put it.",
    ) == [
        ("giving a view you will not get elsewhere.", "Ann Lee"),
        ("lawful source of income", "Treasury memo"),
    ]


def test_a_description_then_the_name_between_commas_opens_the_sentence() -> None:
    assert pairs(
        "Another critic, Laurence H. Tribe, likened the rules to “burning the Constitution.”",
        "His former partner at Lenox, Tom B. Berg, called him a master of deals.",
    ) == [("burning the Constitution.", "Laurence H. Tribe")]


def test_a_quotation_after_a_sentence_about_a_named_person_is_theirs() -> None:
    assert pairs(
        "On “Meet the Press,” Sen. Ann Lee (Vt.), who lost the primaries, named exhaustion "
        "as a reason to vote. “The younger people are sick and tired of it.”",
        "“We will win,” said Tom Berg, a pollster in Ohio. “Nobody doubts it now.”",
        "Lee: “The mission is to win.” Berg: “The mission is to count.”",
    ) == [
        ("The younger people are sick and tired of it.", "Ann Lee"),
        ("We will win", "Tom Berg"),
        ("Nobody doubts it now.", "Tom Berg"),
        ("The mission is to win.", "Ann Lee"),
        ("The mission is to count.", "Tom Berg"),
    ]


def test_a_one_word_name_the_story_uses_inside_sentences_can_be_the_subject() -> None:
    assert pairs(
        "After the debate FactCheck looked at the claims.",
        "FactCheck rated the statement as “mostly false” on Tuesday.",
    ) == [("mostly false", "FactCheck")]


def test_an_age_before_the_name_is_not_part_of_it() -> None:
    assert pairs("“He is the one,” 17-year-old Jared Potts echoed.") == [
        ("He is the one", "Jared Potts")
    ]


def test_every_mention_of_a_person_resolves_to_one_name_with_the_role_kept() -> None:
    found = quotes_of(
        "President-elect Ann Lee met business leaders on Tuesday.",
        "“We are going to bring back jobs,” Lee said.",
        "Aides were pleased. “It was a great meeting,” the president said.",
        "“We will win,” she added.",
    )
    assert [(q.speaker, q.role) for q in found] == [("Ann Lee", "President-elect")] * 3
    assert [q.mention for q in found] == ["Lee", "the president", "she"]


def test_a_long_description_with_and_is_the_mention() -> None:
    found = quotes_of(
        "On Tuesday, the former secretary of state and current Democratic presidential "
        "nominee said she wanted to speak “directly to young people.”"
    )
    assert [q.mention for q in found] == [
        "the former secretary of state and current Democratic presidential nominee"
    ]


def test_a_title_after_its_noun_keeps_its_comma_inside_the_marks() -> None:
    assert pairs(
        "On an episode of “The Morning Show,” Ann Lee said the plan was “a good start.”",
        "In his book, “Make Your Kid a Millionaire,” Tom Berg suggested saving early.",
        "The remark by Dr. Paul Song “was wrong and hurtful,” Lee said.",
    ) == [("a good start.", "Ann Lee"), ("was wrong and hurtful", "Ann Lee")]


def test_a_programme_after_on_is_a_title_not_a_quotation() -> None:
    assert pairs(
        "“We will win the state,” Ann Lee said on NBC's “Meet the Press.”",
        "Tom Berg said on “Fox News Sunday” that he wanted “a better deal for workers.”",
    ) == [("We will win the state", "Ann Lee"), ("a better deal for workers.", "Tom Berg")]


def test_according_to_closing_the_sentence_names_the_source() -> None:
    assert pairs(
        "The mayor was greeted with chants of “Four more years!” at the hall, according to "
        "union leader Ann Lee."
    ) == [("Four more years!", "Ann Lee")]


def test_he_or_she_points_past_a_person_of_the_other_gender() -> None:
    assert pairs(
        "Mr. Tom Berg opened the debate for the council.",
        "“We are ready,” said Mrs. Ann Lee. “He is not,” she added.",
        "“We will build it all the same,” he said.",
    ) == [
        ("We are ready", "Ann Lee"),
        ("He is not", "Ann Lee"),
        ("We will build it all the same", "Tom Berg"),
    ]


def test_a_spokeswoman_speaks_for_the_body_named_with_her_or_just_before() -> None:
    found = quotes_of(
        "The Department of Health said extra funding was available. “We are investing "
        "record sums,” a spokeswoman said.",
        "“We are ready,” a spokesman for the Department of Energy said.",
        "But the Home Office disagreed. “Nothing has changed,” a spokesman said.",
    )
    assert [(q.speaker, q.role) for q in found] == [
        ("Department of Health", "spokeswoman"),
        ("Department of Energy", "spokesman"),
        ("Home Office", "spokesman"),
    ]


def test_a_paragraph_ending_with_a_colon_names_the_speaker_of_the_next() -> None:
    assert pairs(
        "Senator Ann Lee spoke in Ohio.",
        "On July 6, Lee made the following comment:",
        "“For young people the unemployment rate is 33 percent.”",
    ) == [("For young people the unemployment rate is 33 percent.", "Ann Lee")]


def test_an_office_named_another_way_points_back_to_its_holder() -> None:
    found = quotes_of(
        "Rep. Ann Lee called for sanctions over the meddling, meddling the California "
        "congressman said is designed to “sow discord” in the country."
    )
    assert [(q.speaker, q.mention) for q in found] == [("Ann Lee", "the California congressman")]
