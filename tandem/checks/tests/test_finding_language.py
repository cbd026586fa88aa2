"""Issue 14, point 5: a finding's message is shown in the page's language, not in the language
of the person who asked for the analysis (they are stored in theirs)."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from tandem.checks import presenters, services
from tandem.checks.tests.test_checks import HARD_FR

pytestmark = pytest.mark.django_db

LONG = {"fr": "Phrase longue", "en": "Long sentence:"}
JARGON = {"fr": "est un terme spécialisé", "en": "is a technical term"}


@pytest.mark.parametrize(("owner", "reader"), [("fr", "en"), ("en", "fr")])
def test_findings_are_shown_in_the_readers_language(client, researcher, owner, reader):
    researcher.language = owner
    researcher.save()
    check = services.submit_check(researcher, title="Notice", document_kind="leaflet", text=HARD_FR)
    check.refresh_from_db()
    stored = " ".join(f["message"] for f in check.report["findings"])
    assert LONG[owner] in stored and JARGON[owner] in stored
    researcher.language = reader
    researcher.save()
    client.force_login(researcher)
    page = client.get(check.get_absolute_url()).content.decode()
    assert escape(LONG[reader]) in page and escape(JARGON[reader]) in page
    assert escape(LONG[owner]) not in page and escape(JARGON[owner]) not in page


def test_the_values_are_kept_and_an_unknown_message_is_shown_as_stored():
    from tandem.clarity.messages import message

    french = message("long_sentence", "fr", words=41, limit=25)

    def shown(text: str, written_in: str, language: str) -> str:
        return "".join(p.text for p in presenters.finding_parts(text, written_in, language))

    english = shown(french, "fr", "en")
    assert english.startswith("Long sentence: 41 words (guide: 25).")
    assert shown("Something else.", "fr", "en") == "Something else."
    assert shown(french, "fr", "fr") == french


def test_the_documents_words_in_a_note_are_marked_with_its_language(client, researcher):
    """A French passage quoted in an English note is marked lang="fr" (screen readers switch
    voice, and the page does not mix languages unmarked)."""
    from tandem.clarity.messages import message

    stored = message("passive", "fr", text="sont répartis")
    parts = presenters.finding_parts(stored, "fr", "en", document_language="fr")
    assert [p.lang for p in parts if p.text == "sont répartis"] == ["fr"]
    assert all(p.lang == "" for p in parts if p.text != "sont répartis")
    researcher.language = "en"
    researcher.save()
    check = services.submit_check(researcher, title="Notice", document_kind="leaflet", text=HARD_FR)
    client.force_login(researcher)
    page = client.get(check.get_absolute_url()).content.decode()
    assert '<span lang="fr">ponction lombaire</span>' in page


@pytest.mark.parametrize(("owner", "reader"), [("fr", "en"), ("en", "fr"), ("fr", "fr")])
def test_the_legal_sources_are_abbreviated_in_the_readers_language(
    client, researcher, owner, reader
):
    """The trial: a French report said “GDPR 13(1)…” where French says “RGPD”; the CSP
    (Code de la santé publique) keeps its name in both."""
    page = _report_read_in(client, researcher, made_in=owner, read_in=reader)
    gdpr, other = ("RGPD", "GDPR") if reader == "fr" else ("GDPR", "RGPD")
    assert f"{gdpr} 13(1)(c)(d)" in page and other not in page
    assert "CSP L1123-7" in page


@pytest.mark.parametrize(("owner", "reader"), [("fr", "en"), ("en", "fr")])
def test_the_source_notes_are_in_the_readers_language(client, researcher, owner, reader):
    """The trial: "sufficient time" and "insurance" were English in a French report (shown
    with lang="en"); each note now has its French wording."""
    page = _report_read_in(client, researcher, made_in=owner, read_in=reader)
    notes = {"fr": "L1121-10 (assurance)", "en": "L1121-10 (insurance)"}
    assert notes[reader] in page and notes[owner] not in page
    assert 'lang="en">CTR' not in page


def _report_read_in(client, researcher, *, made_in: str, read_in: str) -> str:
    """The report page of a check made in one language and read in another."""
    researcher.language = made_in
    researcher.save()
    check = services.submit_check(researcher, title="Notice", document_kind="leaflet", text=HARD_FR)
    researcher.language = read_in
    researcher.save()
    client.force_login(researcher)
    return client.get(check.get_absolute_url()).content.decode()


def test_a_message_stored_with_plain_spaces_is_read_back_in_the_new_typography():
    """Reports stored before the analyzer's French took narrow no-break spaces had plain
    ones before ":" and inside « »: they are still read back, in either language."""
    stored = "Le sigle « CPP » n'est pas développé : écrivez-le en toutes lettres la première fois, ou évitez-le."

    def shown(language: str) -> str:
        return "".join(p.text for p in presenters.finding_parts(stored, "fr", language))

    assert shown("fr") == (
        "Le sigle «\u202fCPP\u202f» n'est pas développé\u202f: écrivez-le en toutes lettres la"
        " première fois, ou évitez-le."
    )
    assert shown("en").startswith("The acronym “CPP” is not spelled out: write it in full")
