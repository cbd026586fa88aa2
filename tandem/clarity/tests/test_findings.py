from __future__ import annotations

from typing import Any

import pytest

from tandem.clarity import Config, Finding, LexiconEntry, analyze
from tandem.clarity.tests.conftest import DATA, LIBRARY_DATA


def findings(text: str, language: str = "fr", **kwargs: Any) -> tuple[Finding, ...]:
    return analyze(text, language=language, **kwargs).findings


def kinds(text: str, language: str = "fr", **kwargs: Any) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in findings(text, language, **kwargs)]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_planted_problem_is_found(planted, language):
    case = planted[language]
    text = (DATA / case["file"]).read_text(encoding="utf-8")
    report = analyze(text, language=language)
    has_lexicon = (LIBRARY_DATA / f"lexicon_{language}.json").exists()
    for expected in case["expected"]:
        if expected["kind"] == "jargon" and not has_lexicon:
            continue
        matches = [
            f
            for f in report.findings
            if f.kind == expected["kind"]
            and f.text == expected["text"]
            and f.severity == expected.get("severity", f.severity)
        ]
        assert matches, f"not found: {expected}"
    for unexpected in case["not_expected"]:
        assert not [
            f for f in report.findings
            if f.kind == unexpected["kind"] and f.text == unexpected["text"]
        ], f"found although correct: {unexpected}"  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_finding_kind_is_planted(planted, language):
    planted_kinds = {e["kind"] for e in planted[language]["expected"]}
    assert planted_kinds == {"long_sentence", "jargon", "rare_word", "acronym", "passive", "number"}


def test_findings_offsets_point_at_their_text():
    text = (DATA / "planted_fr.txt").read_text(encoding="utf-8")
    report = analyze(text, language="fr")
    for finding in report.findings:
        assert report.text[finding.start : finding.end] == finding.text


def test_long_sentence_thresholds_are_configurable():
    sentence = " ".join(["mot"] * 12) + "."
    assert kinds(sentence) == []
    config = Config(long_sentence_warning=10, long_sentence_error=12)
    (finding,) = findings(sentence, config=config)
    assert finding.kind == "long_sentence" and finding.severity == "error"


def test_jargon_matches_variants_plurals_and_accents_and_suggests_plain_words():
    entry = LexiconEntry(
        term="effet indésirable",
        variants=("effet secondaire",),
        plain=("effet non voulu",),
        explanation="un effet non voulu d'un traitement.",
    )
    config = Config(extra_lexicon=(entry,), replace_lexicon=True)
    text = "Les EFFETS INDESIRABLES sont rares. Un effet secondaire est possible."
    hits = [f for f in findings(text, config=config) if f.kind == "jargon"]
    assert [h.text for h in hits] == ["EFFETS INDESIRABLES", "effet secondaire"]
    assert hits[0].suggestions == ("effet non voulu",)
    assert "un effet non voulu d'un traitement" in hits[0].message
    assert [h.severity for h in hits] == ["warning", "info"]


def test_jargon_phrases_do_not_match_across_punctuation():
    entry = LexiconEntry(term="essai clinique", plain=("recherche",))
    config = Config(extra_lexicon=(entry,), replace_lexicon=True)
    assert [
        f for f in findings("Un essai, clinique ou non.", config=config) if f.kind == "jargon"
    ] == []


def test_jargon_phrases_match_across_quotation_marks_and_their_own_commas():
    entry = LexiconEntry(term="loi informatique et libertés", plain=("loi sur les données",))
    other = LexiconEntry(term="consentement libre, éclairé", plain=("accord",))
    config = Config(extra_lexicon=(entry, other), replace_lexicon=True)
    text = "Selon la loi « informatique et libertés », vous donnez un consentement libre, éclairé."
    jargon = [f.text for f in findings(text, config=config) if f.kind == "jargon"]
    assert jargon == ["loi « informatique et libertés", "consentement libre, éclairé"]
    # a comma the term does not have still breaks it
    assert [f for f in findings("La loi, informatique.", config=config) if f.kind == "jargon"] == []


def test_rare_words_skip_proper_nouns_acronyms_and_jargon():
    entry = LexiconEntry(term="nycthémère", plain=("24 heures",))
    config = Config(extra_lexicon=(entry,), replace_lexicon=True)
    text = "Le nycthémère compte. Madame Zwoxlanderski viendra. Le XYZQ aussi. Un vocable abscons."
    rare = [f.text for f in findings(text, config=config) if f.kind == "rare_word"]
    assert rare == ["abscons"]


def test_rare_words_use_the_lemma_of_french_verb_forms():
    assert [f for f in findings("Nous vous rembourserons.") if f.kind == "rare_word"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le CPP a donné son avis.", [("acronym", "CPP")]),
        ("Le comité de protection des personnes (CPP) a donné son avis. Le CPP est d'accord.", []),
        ("Le CPP (comité de protection des personnes) a donné son avis.", []),
        (
            "Le CPP a donné son avis. Le comité de protection des personnes (CPP) est d'accord.",
            [("acronym", "CPP")],
        ),
        ("Regardez la TV. C'est OK. Voir le chapitre IV.", []),
        ("NOTICE D'INFORMATION DESTINÉE AUX PATIENTS\n\nBonjour.", []),
    ],
)
def test_acronyms_need_spelling_out_before_use(text, expected):
    assert [k for k in kinds(text) if k[0] == "acronym"] == expected


def test_an_acronym_defined_late_gets_its_own_message():
    (finding,) = [f for f in findings(
        "Le CPP a donné son avis. Le comité de protection des personnes (CPP) est d'accord."
    ) if f.kind == "acronym"]  # fmt: skip
    assert "avant d'être développé" in finding.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Une prise de sang sera réalisée par l'infirmière.", ["sera réalisée"]),
        ("Vous serez informés des résultats.", ["serez informés"]),
        ("Les données ne seront pas transmises.", ["seront pas transmises"]),
        ("Vous avez été tiré au sort.", ["été tiré"]),
        ("Il est arrivé hier. Elle est venue seule. Il est né en mai.", []),
        ("Vous vous êtes engagé. Elle s'est inscrite.", []),
        ("Le médicament est efficace.", []),
    ],
)
def test_french_passive_voice(text, expected):
    assert [t for k, t in kinds(text) if k == "passive"] == expected


def test_french_impersonal_passive_is_a_warning_with_a_direct_alternative():
    (finding,) = [f for f in findings("Il vous sera demandé de venir.") if f.kind == "passive"]
    assert finding.text == "Il vous sera demandé"
    assert finding.severity == "warning"
    assert finding.suggestions == ("nous vous demanderons",)
    assert "impersonnelle" in finding.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A sample will be taken by the nurse.", ["will be taken"]),
        ("You will be asked to come back.", ["You will be asked"]),
        ("The results were sent to your doctor.", ["were sent"]),
        ("The data are not shared.", ["are not shared"]),
        ("It will be requested that you fast.", ["It will be requested"]),
        ("The medicine is effective. You are a hundred percent free.", []),
    ],
)
def test_english_passive_voice(text, expected):
    assert [t for k, t in kinds(text, "en") if k == "passive"] == expected


def test_explained_percentages_are_not_reported():
    text = "Environ 10 %, soit 10 personnes sur 100, ont mal à la tête."
    assert [k for k in kinds(text) if k[0] == "number"] == []


def test_mixed_number_formats_are_reported_once_per_section():
    text = "Les risques\n\n10 % ont mal. 1 patient sur 20 a de la fièvre. Un tiers a froid."
    numbers = [f for f in findings(text) if f.kind == "number" and f.severity == "warning"]
    assert [f.text for f in numbers] == ["1 patient sur 20"]


def test_formats_in_different_sections_are_not_mixed():
    text = "Partie un\n\n10 % ont mal.\n\nPartie deux\n\n1 patient sur 20 a de la fièvre."
    assert [f for f in findings(text) if f.kind == "number" and f.severity == "warning"] == []


def test_mixed_decimal_separators_suggest_the_language_convention():
    (fr,) = [f for f in findings("Prenez 2,5 mg puis 1.5 mg.") if f.kind == "number"]
    assert fr.text == "1.5" and fr.suggestions == ("1,5",)
    (en,) = [f for f in findings("Take 2.5 mg then 1,5 mg.", "en") if f.kind == "number"]
    assert en.text == "1,5" and en.suggestions == ("1.5",)


def test_thousands_separators_are_not_decimals():
    assert [
        f for f in findings("About 1,000 people took 2.5 mg.", "en") if f.kind == "number"
    ] == []


def test_messages_follow_the_interface_language():
    (finding,) = findings("Le CPP a donné son avis.", interface_language="en")
    assert finding.message.startswith("The acronym")


def test_the_spelled_out_form_is_offered_when_an_acronym_is_defined_late():
    text = "Le CPP a donné son avis. Le comité de protection des personnes (CPP) est d'accord."
    (finding,) = [
        f for f in findings(text, config=Config(replace_lexicon=True)) if f.kind == "acronym"
    ]
    assert finding.suggestions[0] == "comité de protection des personnes"


def _kinds(text: str, language: str) -> list[tuple[str, str, str]]:
    from tandem.clarity import analyze

    return [(f.kind, f.severity, f.text) for f in analyze(text, language=language).findings]


def test_plain_word_swaps_are_information_once_per_document():
    found = _kinds(
        "Afin de vous aider, nous vous appelons. Afin de mieux comprendre, nous notons tout.", "fr"
    )
    plain = [f for f in found if f[0] == "plain_word"]
    assert plain == [("plain_word", "info", "Afin de")]
    assert not [f for f in found if f[0] == "jargon" and f[2].lower() == "afin de"]
    en = _kinds("You may participate. Participating is free. We will participate too.", "en")
    assert [f[2] for f in en if f[0] == "plain_word"] == ["participate"]


def test_an_explained_technical_term_is_information():
    found = _kinds(
        "Vous aurez une échographie (un examen qui fait des images avec des sons).", "fr"
    )
    assert ("jargon", "info", "échographie") in found


def test_capitals_that_are_not_acronyms():
    text = (
        "Cette étude est menée par LORENZINI Leila et Lucie BOUVET. Vous ne devez SI possible"
        " rien changer. Écrivez au bureau, Québec G1V 0A6. You must NOT eat, AND you must rest.\n"
        "Version: OBC-ULT 1.0.1\nLa CNIL veille sur vos données."
    )
    acronyms = {f[2] for f in _kinds(text, "fr") if f[0] == "acronym"}
    assert acronyms == {"CNIL"}


def test_a_parenthesis_that_does_not_spell_out_the_acronym_is_not_a_definition():
    found = _kinds("Contact : Lucie Martin (MCF, laboratoire de psychologie).", "fr")
    assert ("acronym", "warning", "MCF") in found


def test_legal_citations_are_technical_terms():
    found = _kinds(
        "Le traitement repose sur l'article 6.1.e du Règlement (UE) 2016/679 et sur la loi"
        " n° 94-548.",
        "fr",
    )
    jargon = {f[2] for f in found if f[0] == "jargon"}
    assert {"article 6.1.e du Règlement (UE) 2016/679", "loi n° 94-548"} <= jargon
    found = _kinds("Modifiée par les lois n° 94-548 du 1er juillet 1994.", "fr")
    assert "lois n° 94-548 du 1er juillet 1994" in {f[2] for f in found if f[0] == "jargon"}


def test_the_participants_own_declaration_is_not_a_passive():
    found = _kinds("I have been informed about the study. Samples will be taken by a nurse.", "en")
    assert [f[2] for f in found if f[0] == "passive"] == ["will be taken"]
    found = _kinds("J'ai été informé(e) de mes droits. Les données seront conservées.", "fr")
    assert [f[2] for f in found if f[0] == "passive"] == ["seront conservées"]


def test_french_future_forms_and_1990_spellings_are_not_rare_words():
    text = (
        "Le projet accèdera aux données. Nous recruterons 40 personnes. Les fichiers"
        " contiendront vos réponses. Cela entrainera des analyses couteuses."
    )
    assert not [f for f in _kinds(text, "fr") if f[0] == "rare_word"]


def test_a_passage_in_the_other_language_is_flagged_and_not_rare_words():
    from tandem.clarity import analyze

    text = (
        "Votre participation à cette recherche est volontaire. Vous pouvez arrêter à tout"
        " moment.\n\nYou will be able to check the publications resulting from this study on"
        " the following website, and you can contact our research team by email."
    )
    report = analyze(text, language="fr", document_kind="leaflet")
    kinds = [f.kind for f in report.findings]
    assert kinds.count("language") == 1
    assert "rare_word" not in kinds
    found = {c.id for c in report.checklist if c.status == "found"}
    assert "results_access" in found  # read with the English cues


def test_words_cut_at_a_line_end_are_rejoined_when_the_word_exists():
    from tandem.clarity import analyze

    report = analyze("La partici-\npation est libre. Un geste non-\ninvasif.", language="fr")
    assert report.text == "La participation est libre. Un geste non-invasif."


def test_a_term_that_names_its_section_is_reported_where_the_text_uses_it():
    text = (
        "# Data controller\n"
        "The university is the data controller for this study.\n"
        "- Data controller: the university.\n"
    )
    jargon = [f for f in findings(text, "en") if f.kind == "jargon"]
    assert [(f.text, f.start) for f in jargon] == [("data controller", text.index("data con"))]
    # a term used only as a heading or a label is still reported there
    alone = "# Data controller\nThe university decides what happens to your answers.\n"
    assert [f.text for f in findings(alone, "en") if f.kind == "jargon"] == ["Data controller"]


def test_abbreviations_in_mixed_case_are_acronyms_but_known_words_are_not():
    text = "The study is run by a student of the MSc programme of the CoSE. CoViD did not stop it."
    acronyms = [f.text for f in findings(text, "en") if f.kind == "acronym"]
    assert acronyms == ["MSc", "CoSE"]
    # "PhD" is known to lay readers (allowed), "iPad" is a brand, not an abbreviation
    assert not [
        f for f in findings("A PhD student lends you an iPad.", "en") if f.kind == "acronym"
    ]


def test_a_passage_in_the_other_language_is_read_with_that_language_lexicon():
    text = (
        "# Notice\nNous vous proposons de participer à une étude randomisée. Vous pouvez"
        " arrêter quand vous voulez.\n\n# Information in English\nThe data controller will keep"
        " your data for the purpose of the study and you can withdraw at any time if you wish.\n\n"
        "Le responsable du traitement conserve les données."
    )
    found = kinds(text, "fr")
    assert "language" in [k for k, _ in found]  # the mixed document is still flagged
    jargon = [t for k, t in found if k == "jargon"]
    assert jargon == ["randomisée", "data controller", "responsable du traitement"]


def test_a_template_variable_and_the_nhs_are_not_acronyms_to_spell_out():
    found = _kinds("The approval code is CUREC_ID. Ask your NHS doctor. The CPP agreed.", "en")
    assert [f[2] for f in found if f[0] == "acronym"] == ["CPP"]
