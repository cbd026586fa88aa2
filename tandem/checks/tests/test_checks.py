from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.checks import services
from tandem.checks.models import CheckStatus, ClarityCheck

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "clarity" / "tests" / "data"
LEAFLET_FR = (DATA / "complete_leaflet_fr.txt").read_text(encoding="utf-8")
HARD_FR = (
    "Il vous sera demandé de vous soumettre à une ponction lombaire dans le cadre du protocole, "
    "nonobstant les dispositions susmentionnées relatives à la pharmacovigilance et à la randomisation "
    "des participants inclus dans l'étude multicentrique contrôlée versus placebo en double aveugle."
)


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_pasted_text_is_analysed_at_once(researcher):
    check = services.submit_check(researcher, title="Notice", document_kind="leaflet", text=HARD_FR)
    check.refresh_from_db()
    assert check.status == CheckStatus.DONE
    assert check.report["schema"] == "tandem.clarity/1"
    kinds = {f["kind"] for f in check.report["findings"]}
    assert {"jargon", "long_sentence"} <= kinds
    assert check.language == "fr"


def test_an_uploaded_file_is_analysed_in_the_background(
    researcher, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("notice.docx", _docx(LEAFLET_FR))
    with django_capture_on_commit_callbacks(execute=True):
        check = services.submit_check(
            researcher, title="", document_kind="leaflet", category="riph1", upload=upload
        )
    check.refresh_from_db()
    assert check.status == CheckStatus.DONE
    assert check.title == "notice.docx"
    found = {c["id"] for c in check.report["checklist"] if c["status"] == "found"}
    assert {"withdrawal", "objective", "risks"} <= found
    assert "notice" not in check.file.name  # the stored name reveals nothing


def test_an_unreadable_file_fails_with_a_reason_and_the_worker_goes_on(
    researcher, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    with django_capture_on_commit_callbacks(execute=True):
        check = services.submit_check(
            researcher, title="Scan", document_kind="consent", upload=upload
        )
    check.refresh_from_db()
    assert check.status == CheckStatus.FAILED
    assert check.error_code


def test_the_college_lexicon_is_used_by_the_analyzer(researcher, coordinator):
    services.add_lexicon_term(
        by=coordinator,
        language="fr",
        term="bras de traitement",
        plain="groupe",
        explanation="Un groupe de participants.",
    )
    check = services.submit_check(
        researcher,
        title="x",
        document_kind="leaflet",
        language="fr",
        text="Vous serez dans un bras de traitement.",
    )
    jargon = [f for f in check.report["findings"] if f["kind"] == "jargon"]
    assert any("groupe" in f["suggestions"] for f in jargon)


def test_a_term_retired_twice_is_retired_and_logged_once(coordinator, officer):
    from tandem.core.models import ActionLogEntry

    entry = services.add_lexicon_term(
        by=coordinator, language="fr", term="randomisé", plain="tiré au sort", explanation="."
    )
    stale = type(entry).objects.get(pk=entry.pk)  # a second curator's copy, read before
    services.retire_lexicon_term(entry, by=coordinator)
    assert services.retire_lexicon_term(stale, by=officer).is_active is False
    assert ActionLogEntry.objects.filter(action="checks.lexicon.retired").count() == 1


def test_a_retired_term_is_no_longer_reported_even_when_built_in(coordinator, researcher):
    text = "Vous serez randomisé entre deux groupes. " * 20

    def jargon():
        check = services.submit_check(
            researcher, title="x", document_kind="leaflet", language="fr", text=text
        )
        return [f["text"] for f in check.report["findings"] if f["kind"] == "jargon"]

    assert "randomisé" in jargon()  # the built-in lexicon has it
    entry = services.add_lexicon_term(
        by=coordinator, language="fr", term="randomisé", plain="tiré au sort", explanation="."
    )
    services.retire_lexicon_term(entry, by=coordinator)
    assert "randomisé" not in jargon()


def test_the_check_page_keeps_the_text_when_the_file_is_refused(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("checks:check"),
        {
            "title": "Ma notice",
            "document_kind": "leaflet",
            "language": "auto",
            "category": "",
            "text": "Un texte déjà tapé",
            "file": SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Un texte déjà tapé" in body and "Ma notice" in body
    assert not ClarityCheck.objects.exists()


def test_an_empty_submission_gets_a_clear_error(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("checks:check"), {"document_kind": "leaflet", "language": "auto", "text": "   "}
    )
    assert response.status_code == 422
    assert "Paste a text or choose a file to check." in response.content.decode()


def test_the_report_page_shows_passages_notes_and_checklist(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("checks:check"),
        {
            "title": "Notice",
            "document_kind": "leaflet",
            "language": "fr",
            "category": "riph1",
            "text": HARD_FR,
        },
    )
    check = ClarityCheck.objects.get()
    assert response["Location"] == check.get_absolute_url()
    page = client.get(check.get_absolute_url()).content.decode()
    assert "<mark" in page and 'id="finding-1"' in page
    assert "Required elements" in page


@pytest.mark.parametrize("persona", ["member", "coordinator", "officer", "admin_user", "reviewer"])
def test_nobody_else_opens_a_check_not_even_staff(persona, as_persona, researcher):
    check = services.submit_check(researcher, title="Secret", document_kind="consent", text=HARD_FR)
    client, _user = as_persona(persona)
    for name in ("checks:report", "checks:report_json", "checks:report_pdf", "checks:status"):
        assert client.get(reverse(name, args=[check.pk])).status_code == 404
    assert client.post(reverse("checks:delete", args=[check.pk])).status_code == 404
    assert ClarityCheck.objects.filter(pk=check.pk).exists()


def test_a_new_version_is_compared_with_the_earlier_one(client, researcher):
    first = services.submit_check(
        researcher, title="v1", document_kind="leaflet", language="fr", text=HARD_FR
    )
    better = "Nous allons faire une prise de liquide dans le dos. Vous pouvez dire non."
    second = services.submit_check(
        researcher, title="v2", document_kind="leaflet", language="fr", text=better, previous=first
    )
    client.force_login(researcher)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Compared with the earlier version" in page
    compare = client.get(reverse("checks:compare", args=[second.pk, first.pk]))
    assert compare.status_code == 200
    assert compare.context["comparison"]["resolved"]
    # The passages are quoted in the documents' language (WCAG 3.1.2), on an English page too.
    quotes = re.findall(r"<q\b[^>]*>", compare.content.decode())
    assert quotes and all(q == '<q lang="fr">' for q in quotes)


def test_downloads_give_the_json_and_offer_the_pdf(client, researcher):
    check = services.submit_check(researcher, title="Notice", document_kind="leaflet", text=HARD_FR)
    client.force_login(researcher)
    data = client.get(reverse("checks:report_json", args=[check.pk])).json()
    assert data["schema"] == "tandem.clarity/1"
    page = client.get(check.get_absolute_url()).content.decode()
    # The PDF is prepared in the background (test_pdf_in_the_background.py).
    assert f'action="{reverse("checks:prepare_pdf", args=[check.pk])}"' in page


def test_the_history_lists_only_ones_own_checks(client, researcher, member):
    services.submit_check(researcher, title="Mine", document_kind="leaflet", text=HARD_FR)
    services.submit_check(member, title="Theirs", document_kind="leaflet", text=HARD_FR)
    client.force_login(researcher)
    body = client.get(reverse("checks:history")).content.decode()
    assert "Mine" in body and "Theirs" not in body


def test_the_history_page_query_count_is_constant(client, researcher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(researcher)
    services.submit_check(researcher, title="one", document_kind="leaflet", text="Un texte court.")
    client.get(reverse("checks:history"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("checks:history"))
    for i in range(15):
        services.submit_check(
            researcher, title=f"t{i}", document_kind="leaflet", text="Un autre texte court."
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("checks:history"))
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("anonymous", False),
        ("member", False),
        ("researcher", False),
        ("reviewer", False),
        ("coordinator", True),
        ("officer", True),
        ("admin_user", True),
    ],
)
def test_only_the_college_curates_the_lexicon(persona, allowed, as_persona):
    client, _user = as_persona(persona)
    response = client.get(reverse("checks:lexicon"))
    if allowed:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    "persona", ["anonymous", "member", "researcher", "reviewer", "coordinator"]
)
def test_every_signed_in_person_may_check_a_document(persona, as_persona):
    client, _user = as_persona(persona)
    response = client.get(reverse("checks:check"))
    assert response.status_code == (302 if persona == "anonymous" else 200)


def test_checks_are_in_the_personal_data_export_and_go_with_erasure(researcher):
    from tandem.accounts import services as account_services

    services.submit_check(researcher, title="Ma notice", document_kind="leaflet", text=HARD_FR)
    data = account_services.export_personal_data(researcher)
    assert data["clarity_checks"][0]["title"] == "Ma notice"
    account_services.erase_account(researcher, by=researcher)
    assert not ClarityCheck.objects.filter(owner=researcher).exists()


def test_the_report_names_elements_and_bands_in_the_readers_language(client, researcher):
    """Issue 14: a report made for a French-speaking owner showed French element names and
    bands on the English page (and the reverse)."""
    researcher.language = "fr"
    researcher.save()
    check = services.submit_check(
        researcher, title="Notice", document_kind="leaflet", text=LEAFLET_FR
    )
    check.refresh_from_db()
    stored = {c["id"]: c["label"] for c in check.report["checklist"]}
    bands = [r["band"] for r in check.report["readability"] if r["band"]]
    assert bands
    client.force_login(researcher)
    client.cookies["django_language"] = "en"
    researcher.language = "en"
    researcher.save()
    page = client.get(check.get_absolute_url()).content.decode()
    from tandem.clarity.checklist import item_label

    english = {item_id: item_label(item_id, "en") for item_id in stored}
    changed = [i for i in stored if english[i] != stored[i]]
    assert changed  # the stored names were French
    for item_id in changed:
        assert english[item_id] in page
        assert f">{stored[item_id]}<" not in page
    for band in bands:
        assert f"<td>{band}" not in page
