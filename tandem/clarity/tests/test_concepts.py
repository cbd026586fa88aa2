"""The checklist read by concept (concepts.py, data/concepts.json): section titles named by a
concept word, sentences holding a word of each concept set, used only where no cue matched."""

from __future__ import annotations

import pytest

from tandem.clarity import analyze
from tandem.clarity.checklist import load_items
from tandem.clarity.concepts import compile_set, load_concepts, parse_concepts, sentence_items
from tandem.clarity.text import fold


def found(text: str, language: str = "en") -> dict[str, list[str]]:
    report = analyze(text, language=language, document_kind="leaflet")
    return {
        item.id: [text[s:e] for s, e in item.evidence]
        for item in report.checklist
        if item.status == "found"
    }


def test_a_concept_word_matches_at_a_word_start_and_a_star_is_a_prefix():
    pattern = compile_set(["risk*", "up to you", "rec"])
    assert pattern.search("the risks of taking part")
    assert pattern.search("it is up  to you")
    assert pattern.search("approved by the rec")
    assert not pattern.search("a recording")  # "rec" is a whole word
    assert not pattern.search("asterisk")  # a word start


def test_every_item_of_the_concept_file_is_a_checklist_item():
    ids = {item.id for item in load_items()}
    concepts = load_concepts()
    assert concepts.headings and concepts.sentences
    assert set(concepts.headings) <= ids and set(concepts.sentences) <= ids


@pytest.mark.parametrize(
    ("item", "sentence", "language"),
    [
        ("voluntary", "It is up to you to decide if you want to join in.", "en"),
        ("voluntary", "Prendre part à ce projet reste facultatif pour vous.", "fr"),
        ("ethics_approval", "The protocol was approved by the hospital's IRB last May.", "en"),
        ("ethics_approval", "Le protocole a été évalué par le CPP Sud-Est II.", "fr"),
        ("objective", "This project is designed to find out how people read graphs.", "en"),
        ("research_nature", "Cette recherche porte sur le sommeil des enfants.", "fr"),
        ("procedures", "You will be playing a short online game on your phone.", "en"),
        ("confidentiality_access", "Your answers will be held securely on the lab server.", "en"),
        (
            "data_purpose_basis",
            "Vos données seront traitées dans le but de produire des statistiques.",
            "fr",
        ),
        ("data_recipients_transfers", "Coded data may be shared with partners in Canada.", "en"),
        ("care_after", "After you stop, you will be followed up by your usual nurse.", "en"),
        (
            "methodology",
            "Les participants seront répartis par tirage au sort en deux groupes.",
            "fr",
        ),
        (
            "reflection_time",
            "Take time to think about it and ask questions before you decide.",
            "en",
        ),
        ("data_rights", "You have the right to object to the use of your data.", "en"),
    ],
)
def test_a_sentence_with_a_word_of_each_concept_set_states_the_item(item, sentence, language):
    assert sentence_items(item, fold(sentence), [[(0, len(sentence))]], load_concepts()), item


@pytest.mark.parametrize(
    ("item", "sentence"),
    [
        # one concept set only: the study is named, no aim is stated
        ("objective", "This study is run by the School of Computing."),
        # a complaint route names the committee but is not an approval
        (
            "ethics_approval",
            "If you are unhappy, contact the chair of the Research Ethics Committee.",
        ),
        # a committee that is not an ethics committee
        ("ethics_approval", "A committee of experts will examine every request for the data."),
        # the purpose comes before the data: the aim of an interview, not of the processing
        ("data_purpose_basis", "We may talk to you in order to understand some of the data."),
        # a negation: nothing is shared
        ("data_recipients_transfers", "Your data will not be shared with other researchers."),
        # a payment, not a procedure
        ("procedures", "You will get 50 euros for each visit."),
        # how long data are kept is their retention
        ("confidentiality_access", "Your data are kept in a secure database until 2030."),
        # withdrawal is not a data right
        ("data_rights", "You have the right to withdraw from the study at any time."),
        # a question states nothing
        ("voluntary", "Is taking part voluntary?"),
        # questions about the questionnaire are no time to think
        ("reflection_time", "Please answer all questions of the questionnaire."),
    ],
)
def test_a_sentence_missing_a_concept_or_holding_an_excluded_word_states_nothing(item, sentence):
    assert not sentence_items(item, fold(sentence), [[(0, len(sentence))]], load_concepts())


def test_a_context_set_is_looked_for_in_the_whole_paragraph():
    text = "We process personal data under the law. A full statement of your rights is online."
    start = text.index("A full")
    paragraph = [[(0, start - 1), (start, len(text))]]
    assert sentence_items("data_rights", text.lower(), paragraph, load_concepts()) == [
        (start, len(text))
    ]
    alone = "A full statement of your rights is online."
    assert not sentence_items("data_rights", alone.lower(), [[(0, len(alone))]], load_concepts())


def test_a_section_title_named_by_a_concept_word_states_its_item():
    text = "# Possible harms\n\nSome people feel tired after the tests.\n"
    assert "risks" in found(text)
    text = "# Possibles désagréments\n\nCertaines personnes se sentent fatiguées.\n"
    assert "risks" in found(text, "fr")


def test_a_title_about_something_else_is_not_read_as_the_item():
    # retention, not the duration of participation
    assert "duration" not in found("# How long do we keep your data?\n\nTen years.\n")
    # injury insurance, not risks
    assert "risks" not in found("# Insurance if you are harmed\n\nThe sponsor is insured.\n")


def test_concepts_only_add_items_that_no_cue_found():
    # the cue finds "voluntary" at its own passage; the concept reading does not add evidence
    text = "Participation is voluntary. It is up to you to decide whether to take part."
    evidence = found(text)["voluntary"]
    assert evidence == ["Participation is voluntary"]


def test_an_empty_concept_file_changes_nothing():
    empty = parse_concepts({})
    assert sentence_items("voluntary", "up to you to take part", [[(0, 22)]], empty) == []
