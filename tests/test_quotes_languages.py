"""Quotations and speakers in French, German, Spanish and Italian stories.

Each rule has a small story of its own; the cue words come from the language's word
list (newsviewer/text/lang/*.toml), so the rules are the same for every language.
"""

from __future__ import annotations

from newsviewer.domain import Block, body_text
from newsviewer.text.lexicon import detect_language, lexicon
from newsviewer.text.quotes import find_quotes


def said(*texts: str, language: str = "") -> list[tuple[str, str | None]]:
    blocks = tuple(Block("p", t) for t in texts)
    found = find_quotes(blocks, language=language)
    body = body_text(blocks)
    for q in found:
        assert body[q.start : q.end] == q.text
    return [(q.text, q.speaker) for q in found]


def test_language_comes_from_metadata_first_then_from_the_words() -> None:
    assert detect_language(["The mayor said the plan was good."], "fr-FR") == "fr"
    stories = {
        "fr": "Le maire a dit que le plan était bon et que la ville suivrait.",
        "de": "Der Bürgermeister sagte, dass die Stadt den Plan nicht will.",
        "es": "El alcalde dijo que la ciudad no quiere el plan de los vecinos.",
        "it": "Il sindaco ha detto che la città non vuole il piano della giunta.",
        "en": "The mayor said that the city would not accept the plan.",
    }
    for code, text in stories.items():
        assert detect_language([text]) == code


def test_unknown_language_reads_with_the_english_lists() -> None:
    assert lexicon("pt-BR").code == "en"
    assert lexicon("DE_at").code == "de"


def test_french_guillemets_with_no_break_spaces_and_an_inverted_cue() -> None:
    assert said("«\u00a0Nous ne reculerons pas\u00a0», a déclaré Jean Dupont.", language="fr") == [
        ("Nous ne reculerons pas", "Jean Dupont")
    ]


def test_french_incise_inside_the_marks_names_the_speaker_by_pronoun() -> None:
    found = said(
        "Le ministre Paul Martin était à Lille.",
        "« Nous irons au bout, a-t-il ajouté, parce que c'est juste. »",
        language="fr",
    )
    assert found == [("Nous irons au bout, a-t-il ajouté, parce que c'est juste.", "Paul Martin")]


def test_selon_and_an_apposition_after_the_description() -> None:
    found = said(
        "Selon le délégué syndical, Karim Benali, « la direction refuse de négocier ».",
        language="fr",
    )
    assert found == [("la direction refuse de négocier", "Karim Benali")]


def test_french_title_announced_by_its_noun_is_not_speech() -> None:
    found = said("Elle a cité le film « Les Enfants du paradis » comme exemple.", language="fr")
    assert found == []


def test_german_low_high_marks_and_so_after_the_quotation() -> None:
    found = said(
        "„Die Lage ist ernst, aber unter Kontrolle“, so Oberbürgermeisterin Julia Kern.",
        language="de",
    )
    assert found == [("Die Lage ist ernst, aber unter Kontrolle", "Julia Kern")]


def test_german_reversed_guillemets_and_pronoun_er() -> None:
    found = said(
        "Trainer Lukas Hofmann war enttäuscht. »Wir waren nicht gut genug«, sagte er.",
        language="de",
    )
    assert found == [("Wir waren nicht gut genug", "Lukas Hofmann")]


def test_spanish_dropped_subject_is_the_person_named_before() -> None:
    found = said(
        "El autor de dos goles, Vinícius Santos, fue elegido mejor jugador.",
        "«Este título es para la afición», dijo.",
        language="es",
    )
    assert found == [("Este título es para la afición", "Vinícius Santos")]


def test_spanish_cue_then_description_then_name() -> None:
    found = said(
        "«Es una medida justa», dijo la ministra de Trabajo, Elena Márquez, en rueda de prensa.",
        language="es",
    )
    assert found == [("Es una medida justa", "Elena Márquez")]


def test_italian_auxiliary_and_role_pointing_back() -> None:
    found = said(
        "Il ministro dell'Economia, Giorgio Santini, ha difeso la legge.",
        "«Non ci sono alternative», ha detto Santini.",
        "Laura Esposito ha criticato il testo.",
        "«Andremo avanti», ha aggiunto il ministro.",
        language="it",
    )
    assert found == [
        ("Non ci sono alternative", "Giorgio Santini"),
        ("Andremo avanti", "Giorgio Santini"),
    ]


def test_italian_secondo_names_the_source() -> None:
    found = said("Secondo il sindaco Marco Zanetti, «il Mose ha funzionato».", language="it")
    assert found == [("il Mose ha funzionato", "Marco Zanetti")]


def test_dropped_subject_prefers_the_person_named_since_the_last_quotation() -> None:
    found = said(
        "«Hemos jugado muy serios», afirmó el entrenador Carlos Anselmi.",
        "El autor de dos goles, Vinícius Santos, fue el mejor. "
        "«Este título es para ustedes», dijo.",
        language="es",
    )
    assert found == [
        ("Hemos jugado muy serios", "Carlos Anselmi"),
        ("Este título es para ustedes", "Vinícius Santos"),
    ]


def test_reporting_clause_closing_the_sentence_before_names_the_speaker() -> None:
    found = said(
        "Die Studie stammt aus Freiburg.",
        "Eltern sollten klare Regeln setzen, rät Miriam Engel. „Ab 21 Uhr kein Bildschirm mehr.“",
        language="de",
    )
    assert found == [("Ab 21 Uhr kein Bildschirm mehr.", "Miriam Engel")]


def test_pronoun_points_to_the_subject_of_the_sentence_before() -> None:
    found = said(
        "« Tout va bien », a assuré le préfet, Alain Roussel.",
        "Une riveraine, Josiane Moreau, reste inquiète. « On a senti l'odeur », dit-elle.",
        language="fr",
    )
    assert found == [("Tout va bien", "Alain Roussel"), ("On a senti l'odeur", "Josiane Moreau")]


def test_il_and_elle_point_to_a_person_of_their_gender() -> None:
    blocks = [
        Block("p", t)
        for t in (
            "Le maire, Paul Martin, a défendu le budget mardi.",
            "« Ce budget est injuste », a répliqué la députée Claire Fontaine.",
            "« Nous irons jusqu'au bout, a-t-il ajouté, parce que la ville attend. »",
            "Le docteur Anne Roy s'inquiète. « Les soignants sont à bout », dit-elle.",
        )
    ]
    found = find_quotes(blocks, language="fr")
    assert [q.speaker for q in found] == ["Claire Fontaine", "Paul Martin", "Anne Roy"]
