from __future__ import annotations

import json
from typing import Any

import pytest

from tandem.clarity import analyze
from tandem.clarity.checklist import evaluate, load_items, parse_items
from tandem.clarity.tests.conftest import DATA

DOMAIN_IDS = {
    "research_nature", "objective", "methodology", "procedures", "duration",
    "participant_duties", "benefits", "risks", "alternatives", "care_after", "voluntary",
    "withdrawal", "termination_by_investigator", "injury_compensation", "payment_expenses",
    "exclusion_period", "ethics_approval", "trial_id_results", "results_access",
    "new_information", "n_participants", "contacts", "confidentiality_access",
    "data_controller", "data_purpose_basis", "data_recipients_transfers", "data_retention",
    "data_rights", "data_source", "reflection_time", "written_copy_signature", "plain_language",
}  # fmt: skip


def statuses(text: str, language: str, **kwargs: Any) -> dict[str, str]:
    report = analyze(text, language=language, **kwargs)
    return {item.id: item.status for item in report.checklist}


def test_the_checklist_has_the_domain_ids_with_cues_in_both_languages():
    items = load_items()
    assert {item.id for item in items} == DOMAIN_IDS
    for item in items:
        if item.id != "plain_language":
            assert item.cues["fr"] and item.cues["en"], item.id


def _sections(language: str) -> list[tuple[int, int, str]]:
    text = (DATA / f"complete_leaflet_{language}.txt").read_text(encoding="utf-8")
    mapping = json.loads((DATA / "complete_leaflet_sections.json").read_text("utf-8"))[language]
    starts = sorted(
        (text.index("\n" + heading + "\n") + 1, item) for heading, item in mapping.items()
    )
    return [
        (start, starts[i + 1][0] if i + 1 < len(starts) else len(text), item)
        for i, (start, item) in enumerate(starts)
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_item_is_found_in_the_complete_leaflet(language):
    text = (DATA / f"complete_leaflet_{language}.txt").read_text(encoding="utf-8")
    found = statuses(text, language, document_kind="leaflet")
    assert {k for k, v in found.items() if v != "found"} == {"plain_language"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_removing_a_section_flips_only_its_item_to_not_found(language):
    text = (DATA / f"complete_leaflet_{language}.txt").read_text(encoding="utf-8")
    base = statuses(text, language, document_kind="leaflet")
    sections = _sections(language)
    assert len(sections) >= 30
    for start, end, item in sections:
        cut = statuses(text[:start] + text[end:], language, document_kind="leaflet")
        changed = {k for k in cut if cut[k] != base[k]}
        assert changed == {item}, f"removing {item} changed {changed}"
        assert cut[item] == "not_found"


def test_the_category_filters_items_to_not_applicable():
    text = (DATA / "complete_leaflet_fr.txt").read_text(encoding="utf-8")
    riph3 = statuses(text, "fr", document_kind="leaflet", category="riph3")
    assert riph3["risks"] == "not_applicable"
    assert riph3["trial_id_results"] == "not_applicable"
    assert riph3["withdrawal"] == "found"
    ctr = statuses(text, "fr", document_kind="leaflet", category="ctr")
    assert ctr["trial_id_results"] == "found"


def test_plain_language_is_a_quality_criterion_reported_as_not_applicable_with_a_note():
    report = analyze("Vous pouvez arrêter à tout moment.", language="fr", document_kind="leaflet")
    (item,) = [i for i in report.checklist if i.id == "plain_language"]
    assert item.status == "not_applicable" and item.note


def test_statuses_are_only_found_not_found_or_not_applicable():
    report = analyze("Bonjour.", language="fr", document_kind="consent")
    assert {i.status for i in report.checklist} <= {"found", "not_found", "not_applicable"}
    assert "absent" not in json.dumps(report.to_dict()["checklist"])


def test_evidence_offsets_point_at_the_matched_cue():
    text = "Vous pouvez retirer votre consentement à tout moment."
    report = analyze(text, language="fr", document_kind="leaflet")
    (item,) = [i for i in report.checklist if i.id == "withdrawal"]
    assert item.status == "found"
    start, end = item.evidence[0]
    assert report.text[start:end].lower() in text.lower()


def test_cues_match_without_regard_to_accents_and_case():
    items = parse_items([
        {"id": "x", "label": {"fr": "X", "en": "X"}, "source": "s",
         "cues": {"fr": ["délai de réflexion"], "en": []}, "kinds": ["leaflet"],
         "categories": ["riph1"], "conditional": None},
    ])  # fmt: skip
    (result,) = evaluate(
        "Vous avez un DELAI DE REFLEXION.", language="fr", document_kind="leaflet",
        category=None, ui="fr", items=items,
    )  # fmt: skip
    assert result.status == "found" and result.evidence == ((13, 31),)


def test_the_kind_filters_items():
    items = parse_items([
        {"id": "x", "label": {"fr": "X", "en": "X"}, "source": "s",
         "cues": {"fr": ["signature"], "en": []}, "kinds": ["consent"],
         "categories": ["riph1"], "conditional": None},
    ])  # fmt: skip
    (leaflet,) = evaluate(
        "signature", language="fr", document_kind="leaflet", category=None, ui="fr", items=items
    )
    (other,) = evaluate(
        "signature", language="fr", document_kind="other", category=None, ui="fr", items=items
    )
    assert leaflet.status == "not_applicable" and other.status == "found"


def _found(text: str, language: str) -> set[str]:
    return {k for k, v in statuses(text, language, document_kind="leaflet").items() if v == "found"}


@pytest.mark.parametrize(
    ("language", "text", "item"),
    [
        ("en", "Do I have to take part?\nNo. Taking part is entirely voluntary.", "voluntary"),
        (
            "en",
            "What are the possible disadvantages and risks of taking part?\nNone known.",
            "risks",
        ),
        ("en", "What would taking part involve?\nYou will answer a survey.", "procedures"),
        ("en", "Questions? Write to anna.smith@uni.example.org.", "contacts"),
        ("en", "You will receive a £5 voucher.", "payment_expenses"),
        ("fr", "Avantages et inconvénients\nVous aiderez la recherche.", "benefits"),
        ("fr", "Avantages et inconvénients\nUn inconvénient est la fatigue.", "risks"),
        ("fr", "Déroulement de la participation\nVous remplirez un questionnaire.", "procedures"),
        ("fr", "Vous participez sur la base du volontariat.", "voluntary"),
        ("fr", "Retrait du consentement\nVous pouvez arrêter.", "withdrawal"),
        ("fr", "Aucune rémunération n'est prévue.", "payment_expenses"),
        ("fr", "Vous recevrez 20 $ pour votre temps.", "payment_expenses"),
        ("fr", "Pour toute question, écrivez à marie.dupont@univ.example.fr.", "contacts"),
        # durations given as a range (a public notice template: "vous prendra environ [10 à
        # 15] minutes"; US information sheets: "approximately 30-45 minutes")
        ("fr", "Répondre au questionnaire vous prendra environ 10 à 15 minutes.", "duration"),
        ("en", "The survey takes between 10 and 15 minutes.", "duration"),
        ("en", "It will take 10 to 15 minutes.", "duration"),
        # common wordings of real forms that no cue held (issue 15, fourth round)
        ("en", "You will use the website for 1-2 hour(s).", "duration"),
        ("en", "The session will not last longer than 45 minutes.", "duration"),
        ("en", "The games should take about <time> minutes.", "duration"),
        ("fr", "Trois exercices, chacun prenant environ 5 minutes.", "duration"),
        ("en", "Refusal or withdrawal will involve no penalty or loss.", "withdrawal"),
        ("en", "You can stop and withdraw your data later.", "withdrawal"),
        ("fr", "Je comprends que ma participation n'est pas obligatoire.", "voluntary"),
        (
            "fr",
            "L'étude à laquelle nous vous proposons de participer dure un mois.",
            "research_nature",
        ),
        ("fr", "J'accepte de participer à l'étude portant sur le sommeil.", "research_nature"),
        ("fr", "Vous devrez remplir un questionnaire chaque mois.", "procedures"),
        ("fr", "Je ne recevrai aucune indemnité pour ma participation.", "payment_expenses"),
        (
            "en",
            "The answers may be made available to other researchers.",
            "data_recipients_transfers",
        ),
        ("fr", "Vous pouvez demander la suppression de vos données.", "data_rights"),
        (
            "en",
            "If you wish to update, access, erase, or limit the use of it, email us.",
            "data_rights",
        ),
        ("en", "Please ask if there is anything that is not clear.", "reflection_time"),
        (
            "fr",
            "L'investigatrice reste à votre disposition pour répondre à vos questions.",
            "reflection_time",
        ),
        ("en", "You can be informed of the results of the study.", "results_access"),
        ("en", "The results may be accessed by participants on request.", "results_access"),
        ("en", "Recordings will be destroyed on completion of the project.", "data_retention"),
        ("en", "Please keep a copy of this information sheet.", "written_copy_signature"),
        ("en", "Anonymised answers may be shared for research purposes.", "data_purpose_basis"),
    ],
)
def test_template_headings_and_real_wording_are_read(language, text, item):
    assert item in _found(text, language)


def test_a_participants_own_withdrawal_is_not_termination_by_the_investigator():
    assert "termination_by_investigator" not in _found(
        "Vous pouvez mettre fin à votre participation à tout moment.", "fr"
    )
    assert "termination_by_investigator" not in _found(
        "You can end your participation at any time.", "en"
    )
    assert "termination_by_investigator" in _found(
        "Le médecin de l'étude peut mettre fin à votre participation.", "fr"
    )


def test_a_consent_form_title_is_not_a_signature():
    assert "written_copy_signature" not in _found("# Formulaire de consentement\nTexte.", "fr")
    assert "written_copy_signature" not in _found("# Consent form\nSome text.", "en")
    assert "written_copy_signature" in _found("Vous signerez le formulaire.", "fr")


def test_unanswered_template_questions_are_not_evidence():
    text = "The Study\nWhat are the possible benefits of taking part?\nWho has reviewed the study?"
    assert "benefits" not in _found(text, "en")


def test_an_email_of_the_data_protection_officer_is_not_the_study_contact():
    text = "Le délégué à la protection des données (DPO) : dpo@exemple.fr."
    assert "contacts" not in _found(text, "fr")


def _evidence(text: str, language: str, item_id: str) -> list[str]:
    report = analyze(text, language=language, document_kind="leaflet")
    (item,) = [i for i in report.checklist if i.id == item_id]
    return [report.text[s:e] for s, e in item.evidence]


# section titles of the public templates (Université de Montréal's FIC guide: "Avantages et
# bénéfices", "Risques et inconvénients", "Participation volontaire et droit de retrait",
# "Confidentialité"; French CPP/CIC notices: "Objectif de l'étude", "Bénéfices", "Déroulement";
# US study information sheets: "Study purpose", "Procedures for the study", "Risks and
# benefits", "Confidentiality", "Payment"), numbered as a participant would paste them
@pytest.mark.parametrize(
    ("language", "heading", "body", "item"),
    [
        (
            "fr",
            "II) Bénéfices :",
            "Chaque participant recevra un rapport personnalisé.",
            "benefits",
        ),
        ("fr", "III) Risques :", "Il n’y a rien de connu à ce jour.", "risks"),
        ("fr", "1. Objectif de l'étude", "Mieux comprendre la fatigue.", "objective"),
        ("fr", "B - Confidentialité", "Vos réponses restent secrètes.", "confidentiality_access"),
        (
            "fr",
            "Participation volontaire et droit de retrait",
            "Vous pouvez arrêter.",
            "withdrawal",
        ),
        ("fr", "Participation volontaire et droit de retrait", "Vous pouvez arrêter.", "voluntary"),
        ("fr", "6. Restitution des résultats", "Nous vous écrirons à la fin.", "results_access"),
        ("en", "STUDY PURPOSE", "We collect opinions about memes.", "objective"),
        ("en", "Section 3: Risks and benefits", "Nothing is expected.", "risks"),
        ("en", "Section 3: Risks and benefits", "Nothing is expected.", "benefits"),
        ("en", "4. Payment", "Everyone who finishes gets a small gift.", "payment_expenses"),
    ],
)
def test_a_section_title_names_its_element(language, heading, body, item):
    assert item not in _found(body, language)
    text = f"{heading}\n{body}\n\nOther text follows here."
    assert item in _found(text, language)
    evidence = _evidence(text, language, item)
    assert body in evidence and any(e in heading for e in evidence)


def test_a_section_title_with_nothing_under_it_is_not_evidence():
    text = "# Bénéfices\n\n# Risques\n\n# Contact"
    found = _found(text, "fr")
    assert not {"benefits", "risks", "contacts"} & found


def test_words_of_a_title_elsewhere_are_not_a_title():
    # "bénéfices" in a sentence is judged by the ordinary cues only
    assert "benefits" not in _found("Les bénéfices de la vente iront à une association.", "fr")
    assert "objective" not in _found("# Vos objectifs personnels de marche\n\nMarchez.", "fr")


def test_an_ethics_committee_named_as_a_complaint_route_is_not_an_approval():
    complaint = (
        "If you wish to complain, please contact the chair of the University Research Ethics "
        "Committee."
    )
    assert "ethics_approval" not in _found(complaint, "en")
    assert "ethics_approval" in _found(
        "The University Research Ethics Committee approved it.", "en"
    )


def test_an_invitation_to_contact_with_no_means_is_not_a_contact():
    # "contact us" with no address, phone, e-mail or link gives the participant nothing
    assert "contacts" not in _found("For further information, please contact us.", "en")
    assert "contacts" not in _found("En cas de questions, vous pouvez nous contacter.", "fr")
    assert "contacts" in _found("Please contact us at team@uni.example.org.", "en")
    assert "contacts" in _found("Vous pouvez nous contacter au 01 23 45 67 89.", "fr")
    # a template placeholder stands for the means
    assert "contacts" in _found("Please contact us at XXXXXXXX.", "en")


def test_a_copy_in_another_format_is_not_the_participants_copy():
    text = "If you require a copy of the information sheet in large print, ask us."
    assert "written_copy_signature" not in _found(text, "en")


def test_a_section_on_requirements_states_the_participants_duties():
    text = "Are there any device requirements to take part?\nYou must use a laptop.\n\nMore."
    assert "participant_duties" in _found(text, "en")


def test_overlapping_cues_give_one_passage_of_evidence():
    text = "Your rights regarding the processing of your personal data are listed here."
    evidence = _evidence(text, "en", "data_rights")
    assert len(evidence) == 1


def test_the_national_health_insurance_is_not_the_sponsor_insurance():
    # "l'Assurance Maladie" is the public health insurance fund, not the research's insurance
    text = "Vos données seront transmises à la Caisse Nationale d'Assurance Maladie (CNAM)."
    assert "injury_compensation" not in _found(text, "fr")
    assert "injury_compensation" in _found("Le promoteur a souscrit une assurance.", "fr")


# English glosses of the sources that a French reader must not meet (the trial found "sufficient
# time" and "insurance" in a French report), and French ones an English reader must not meet.
ENGLISH_GLOSSES = ("sufficient time", "insurance", "final paragraph", "inconveniences", "GDPR")
FRENCH_GLOSSES = ("délai", "assurance", "dernier alinéa", "inconvénients", "RGPD", "contraintes")


def test_every_source_note_is_written_in_both_languages():
    for item in load_items():
        french, english = item.source_for("fr"), item.source_for("en")
        assert french and english, item.id
        assert not any(gloss in french for gloss in ENGLISH_GLOSSES), (item.id, french)
        assert not any(gloss in english for gloss in FRENCH_GLOSSES), (item.id, english)


@pytest.mark.parametrize(
    ("ui", "expected"),
    [("fr", "CTR 29(1) « délai suffisant »"), ("en", 'CTR 29(1) "sufficient time"')],
)
def test_a_source_note_is_given_in_the_interface_language(ui, expected):
    report = analyze("Vous pouvez arrêter.", language="fr", interface_language=ui)
    (reflection,) = [i for i in report.checklist if i.id == "reflection_time"]
    assert reflection.source.startswith(expected.replace(" »", "\u202f»").replace("« ", "«\u202f"))
