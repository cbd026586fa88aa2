from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.clarity import SCHEMA, Config, LexiconEntry, analyze, detect_language
from tandem.clarity.tests.conftest import DATA

FR = (DATA / "planted_fr.txt").read_text(encoding="utf-8")
EN = (DATA / "planted_en.txt").read_text(encoding="utf-8")


def test_the_report_follows_the_documented_schema():
    data = analyze(FR, document_kind="leaflet").to_dict()
    assert list(data)[:10] == [
        "schema", "language", "document_kind", "category", "text", "stats", "readability",
        "findings", "checklist", "score",
    ]  # fmt: skip
    assert set(data) - set(list(data)[:10]) == {
        "interface_language",
        "document_kind_inferred",
        "too_short",
        "score_details",
        "sections",
        "length",
    }
    assert data["schema"] == SCHEMA == "tandem.clarity/1"
    assert set(data["stats"]) == {
        "characters", "words", "sentences", "syllables", "paragraphs",
        "avg_words_per_sentence", "avg_syllables_per_word",
    }  # fmt: skip
    for formula in data["readability"]:
        assert set(formula) == {"formula", "value", "band", "note"}
    for finding in data["findings"]:
        assert set(finding) == {
            "kind",
            "severity",
            "start",
            "end",
            "text",
            "message",
            "suggestions",
            "original",
        }
        assert set(finding["original"]) == {"start", "end", "line"}
        assert finding["severity"] in {"info", "warning", "error"}
    for item in data["checklist"]:
        assert {"id", "label", "status", "evidence", "source"} <= set(item)
    assert set(data["length"]) == {"words", "reading_minutes", "key_information"}
    json.dumps(data)  # serialisable as is


def test_offsets_point_into_the_normalised_text():
    report = analyze("Le\u00a0CPP\r\na   donné son avis.\r\n")
    assert report.text == "Le CPP\na donné son avis."
    for finding in report.findings:
        assert report.text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(("text", "language"), [(FR, "fr"), (EN, "en")])
def test_language_is_detected(text, language):
    assert detect_language(text) == language
    assert analyze(text).language == language


def test_english_reports_the_english_formulas_and_french_kandel_moles():
    assert [f.formula for f in analyze(FR).readability] == ["kandel_moles"]
    assert [f.formula for f in analyze(EN).readability] == [
        "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog", "coleman_liau",
        "ari",
    ]  # fmt: skip


def test_the_score_is_between_0_and_100_and_explained_by_its_components():
    report = analyze(FR, document_kind="leaflet")
    assert 0 <= report.score <= 100
    assert set(report.score_details) == {"readability", "findings", "checklist"}


def test_a_plainer_text_scores_higher():
    plain = "Vous pouvez arrêter quand vous voulez. Vous le dites à votre médecin. C'est tout. " * 8
    assert analyze(plain, language="fr").score > analyze(FR, language="fr").score


@pytest.mark.parametrize(("text", "language"), [(FR, "fr"), (EN, "en")])
def test_a_text_too_short_to_judge_says_so_instead_of_scoring(text, language):
    first_words = " ".join(text.split()[:60])
    report = analyze(first_words, language=language, document_kind="leaflet")
    assert report.too_short and report.score is None
    data = report.to_dict()
    assert data["score"] is None
    assert set(data["score_details"].values()) == {None}
    assert data["too_short"]["minimum"] == 100
    assert data["too_short"]["words"] == report.stats.words < 100
    assert ("trop court" if language == "fr" else "too short") in data["too_short"]["message"]
    assert report.findings  # what is there is still reported
    judged = analyze(text, language=language, document_kind="leaflet")
    assert not judged.too_short and judged.score is not None
    assert judged.to_dict()["too_short"] is None


def test_the_minimum_length_is_a_setting():
    text = "Vous pouvez arrêter quand vous voulez."
    assert analyze(text, language="fr").score is None
    assert analyze(text, language="fr", config=Config(min_words_to_judge=0)).score is not None


def test_length_reports_reading_time_and_where_the_key_information_sits():
    report = analyze(FR, document_kind="leaflet")
    length = report.to_dict()["length"]
    assert length["words"] == report.stats.words
    assert length["reading_minutes"] == round(report.stats.words / 200, 1)
    key = length["key_information"]
    assert key["research_nature"] is not None
    assert key["first_offset"] == min(
        v for k, v in key.items() if k in ("research_nature", "objective") and v is not None
    )


def test_empty_text_gives_an_empty_report_rather_than_an_error():
    data = analyze("").to_dict()
    assert data["stats"]["words"] == 0
    assert data["readability"][0]["value"] is None


@pytest.mark.parametrize(
    "kwargs",
    [{"language": "de"}, {"document_kind": "letter"}, {"category": "riph4"}],
)
def test_invalid_options_are_refused(kwargs):
    with pytest.raises(ValueError):
        analyze("Bonjour.", **kwargs)


def test_extra_lexicon_entries_from_the_college_are_used():
    entry = LexiconEntry(term="bras", plain=("groupe",), explanation="un groupe de l'étude.")
    report = analyze(
        "Vous serez dans le bras A.", language="fr", config=Config(extra_lexicon=(entry,))
    )
    assert [f.suggestions for f in report.findings if f.kind == "jargon"] == [("groupe",)]


def test_a_retired_entry_silences_the_built_in_term():
    text = "Vous serez randomisé entre deux groupes."
    assert "randomisé" in [f.text for f in analyze(text, language="fr").findings]
    retired = LexiconEntry(term="randomisé", kind="retired")
    config = Config(extra_lexicon=(retired,))
    assert "randomisé" not in [f.text for f in analyze(text, language="fr", config=config).findings]
    assert LexiconEntry.from_dict({"term": "x", "kind": "retired"}).kind == "retired"
    assert LexiconEntry.from_dict({"term": "x", "kind": "other"}).kind == "technical"


def test_every_finding_maps_back_to_its_passage_in_the_original_text():
    original = (
        "Le\u00a0CPP\r\na   donné son  avis.\r\n\r\n\r\n"
        "La partici-\r\npation est randomise\u0301e.\r\n"
    )
    report = analyze(original, language="fr")
    assert report.text != original
    by_text = {f["text"]: f["original"] for f in report.to_dict()["findings"]}
    cpp = by_text["CPP"]
    assert original[cpp["start"] : cpp["end"]] == "CPP" and cpp["line"] == 1
    randomised = by_text["randomisée"]
    assert original[randomised["start"] : randomised["end"]] == "randomise\u0301e"
    assert randomised["line"] == 6
    # an unchanged text maps onto itself
    plain = analyze("Le CPP a donné son avis.\nIl est randomisé.", language="fr").to_dict()
    for finding in plain["findings"]:
        assert (finding["original"]["start"], finding["original"]["end"]) == (
            finding["start"],
            finding["end"],
        )


_IGNORED = re.compile("[\\s\u00ad\u200b\u200c\u200d\u2060\ufeff\\x00-\\x1f\\x7f-]")


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é\u0301\u00a0\t\r\n-\u00adXYZ."), max_size=300))
def test_original_offsets_hold_the_same_characters(text):
    report = analyze(text, language="fr")
    for finding in report.findings:
        start, end = report.original_range(finding.start, finding.end)
        assert 0 <= start <= end <= len(text)
        source = unicodedata.normalize("NFC", _IGNORED.sub("", text[start:end]))
        assert source == unicodedata.normalize("NFC", _IGNORED.sub("", finding.text))


def test_analysis_is_deterministic():
    assert analyze(FR).to_dict() == analyze(FR).to_dict()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["fr", "en", "auto"]))
def test_any_text_gives_a_consistent_report(text, language):
    report = analyze(text, language=language, document_kind="leaflet")
    assert (report.score is None) == report.too_short
    assert report.score is None or 0 <= report.score <= 100
    for finding in report.findings:
        assert report.text[finding.start : finding.end] == finding.text
    for item in report.checklist:
        for start, end in item.evidence:
            assert 0 <= start < end <= len(report.text)


def test_the_checklist_counts_in_the_score_only_for_leaflets_and_consent_forms():
    assert analyze(FR, document_kind="other").score_details["checklist"] is None
    assert analyze(FR, document_kind="leaflet").score_details["checklist"] is not None


def test_the_document_kind_can_be_inferred_from_the_text():
    from tandem.clarity import analyze

    consent = analyze(
        "Je soussigné(e) accepte de participer à l'étude.\nSignature :", document_kind="auto"
    )
    assert (consent.document_kind, consent.document_kind_inferred) == ("consent", True)
    leaflet = analyze(
        "Note d'information\nVous êtes invité à participer à une recherche.", document_kind="auto"
    )
    assert leaflet.document_kind == "leaflet"
    other = analyze(
        "Le comité se réunit le mardi. Les dossiers sont lus avant.", document_kind="auto"
    )
    assert other.document_kind == "other"
    assert other.to_dict()["document_kind_inferred"] is True
    assert analyze("Texte.", document_kind="leaflet").to_dict()["document_kind_inferred"] is False
