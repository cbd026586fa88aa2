"""Checking a document and keeping it, comparing two versions, and curating the College's
lexicon through the API, as the pages do it: the same services, the same refusals (translated,
nothing written), only one's own checks, the lexicon for its curators only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import persona_token
from tandem.checks import services
from tandem.checks.models import CheckStatus, ClarityCheck, LexiconTerm
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db

LONG = (
    "Il vous sera demandé de vous soumettre à une ponction lombaire dans le cadre du protocole, "
    "nonobstant les dispositions susmentionnées relatives à la pharmacovigilance. "
) * 8
PLAINER = "Nous vous proposons de participer à une étude. Vous êtes libre de refuser. " * 12


def _post(client, request, persona="researcher", **data):
    return client.post(
        reverse("api-checks"),
        data,
        content_type="application/json",
        **persona_token(request, persona),
    )


def test_a_text_is_checked_and_kept_as_on_the_page(client, request, researcher):
    response = _post(client, request, title="Notice v1", text=LONG, document_kind="leaflet")
    assert response.status_code == 201, response.json()
    body = response.json()
    check = ClarityCheck.objects.get(pk=body["id"])
    assert check.owner == researcher and check.title == "Notice v1"
    assert body["status"] == CheckStatus.DONE and body["report"]["findings"]
    assert ActionLogEntry.objects.filter(action="checks.check.submitted", actor=researcher).exists()
    listed = client.get(reverse("api-checks"), **persona_token(request, "researcher")).json()
    assert [c["id"] for c in listed["results"]] == [check.pk]


def test_a_file_is_checked_and_an_image_refused_with_the_formats_named(client, request, researcher):
    auth = persona_token(request, "researcher")
    text = SimpleUploadedFile("notice.txt", LONG.encode(), content_type="text/plain")
    kept = client.post(reverse("api-checks"), {"file": text, "document_kind": "consent"}, **auth)
    assert kept.status_code == 201, kept.json()
    assert kept.json()["title"] == "notice.txt"

    photo = SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff\xe0" + b"0" * 200, "image/jpeg")
    refused = client.post(reverse("api-checks"), {"file": photo}, HTTP_ACCEPT_LANGUAGE="fr", **auth)
    assert refused.status_code == 400
    message = refused.json()["errors"]["file"][0]
    assert "DOCX" in message and "PDF" in message
    assert ClarityCheck.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Send a text or a file to check."),
        ("fr", "Envoyez un texte ou un fichier à vérifier."),
    ],
)
def test_nothing_to_check_is_refused_in_the_readers_language(client, request, language, message):
    response = client.post(
        reverse("api-checks"),
        {"text": "   "},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
        **persona_token(request, "researcher"),
    )
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == [message]
    assert not ClarityCheck.objects.exists()


def test_a_new_version_follows_only_ones_own_check(client, request, researcher, member):
    mine = services.submit_check(researcher, title="v1", document_kind="leaflet", text=LONG)
    theirs = services.submit_check(member, title="x", document_kind="leaflet", text=LONG)
    refused = _post(client, request, text=PLAINER, previous=theirs.pk)
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"previous": ["This check is not one of yours."]}
    assert ClarityCheck.objects.filter(owner=researcher).count() == 1

    second = _post(client, request, title="v2", text=PLAINER, previous=mine.pk)
    assert second.status_code == 201
    assert second.json()["previous"] == mine.pk


def test_two_versions_are_compared_as_on_the_page(client, request, researcher, member):
    auth = persona_token(request, "researcher")
    before = services.submit_check(researcher, title="v1", document_kind="leaflet", text=LONG)
    after = services.submit_check(
        researcher, title="v2", document_kind="leaflet", text=PLAINER, previous=before
    )
    response = client.get(reverse("api-check-compare", args=[after.pk, before.pk]), **auth)
    assert response.status_code == 200
    body = response.json()
    assert (body["before"], body["after"]) == (before.pk, after.pk)
    words = next(r for r in body["rows"] if r["label"] == "Words")
    assert words["before"] == before.report["stats"]["words"]
    assert words["after"] == after.report["stats"]["words"]
    assert all(set(f) == {"kind", "text"} for f in body["resolved"] + body["remaining"])
    assert body["resolved"], "the plainer version lost the hard terms"

    theirs = services.submit_check(member, title="x", document_kind="leaflet", text=LONG)
    assert (
        client.get(reverse("api-check-compare", args=[after.pk, theirs.pk]), **auth).status_code
        == 404
    )

    ClarityCheck.objects.filter(pk=before.pk).update(status=CheckStatus.PENDING, report=None)
    waiting = client.get(reverse("api-check-compare", args=[after.pk, before.pk]), **auth)
    assert waiting.status_code == 409
    assert waiting.json()["code"] == "not_ready"


def test_a_curator_lists_adds_retires_and_brings_back_a_term(client, request, coordinator):
    auth = persona_token(request, "coordinator")
    entry = {
        "language": "fr",
        "term": "randomisation",
        "plain": "tirage au sort",
        "explanation": "Le groupe est choisi au hasard.",
    }
    added = client.post(reverse("api-lexicon"), entry, content_type="application/json", **auth)
    assert added.status_code == 201, added.json()
    term = LexiconTerm.objects.get(pk=added.json()["id"])
    assert term.added_by == coordinator and term.is_active

    listed = client.get(reverse("api-lexicon") + "?language=fr", **auth).json()
    assert [t["term"] for t in listed["results"]] == ["randomisation"]
    assert client.get(reverse("api-lexicon") + "?language=en", **auth).json()["count"] == 0

    retired = client.post(reverse("api-lexicon-retire", args=[term.pk]), **auth)
    assert retired.status_code == 200 and retired.json()["is_active"] is False
    again = client.post(reverse("api-lexicon"), entry, content_type="application/json", **auth)
    assert again.status_code == 201 and again.json()["id"] == term.pk
    assert again.json()["is_active"] is True
    assert ActionLogEntry.objects.filter(action="checks.lexicon.retired").count() == 1


def test_a_term_without_its_plain_words_is_refused_and_nothing_written(client, request):
    response = client.post(
        reverse("api-lexicon"),
        {"language": "fr", "term": "randomisation\nsecond line", "explanation": "x"},
        content_type="application/json",
        **persona_token(request, "coordinator"),
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"term", "plain"}
    assert not LexiconTerm.objects.exists()


@pytest.mark.parametrize("persona", ["member", "researcher", "reviewer"])
def test_only_curators_touch_the_lexicon(client, request, persona, coordinator):
    term = services.add_lexicon_term(
        by=coordinator, language="fr", term="cohorte", plain="groupe", explanation="Un groupe."
    )
    auth = persona_token(request, persona)
    assert client.get(reverse("api-lexicon"), **auth).status_code == 403
    added = client.post(
        reverse("api-lexicon"),
        {"language": "fr", "term": "x", "plain": "y", "explanation": "z"},
        content_type="application/json",
        **auth,
    )
    assert added.status_code == 403
    assert client.post(reverse("api-lexicon-retire", args=[term.pk]), **auth).status_code == 403
    term.refresh_from_db()
    assert term.is_active and LexiconTerm.objects.count() == 1


def test_a_term_in_use_is_refused_on_the_page_and_through_the_api(client, request, coordinator):
    services.add_lexicon_term(
        by=coordinator, language="fr", term="cohorte", plain="groupe", explanation="Un groupe."
    )
    again = {"language": "fr", "term": "cohorte", "plain": "ensemble", "explanation": "Autre."}
    api = client.post(
        reverse("api-lexicon"),
        again,
        content_type="application/json",
        **persona_token(request, "coordinator"),
    )
    assert api.status_code == 400
    assert api.json()["errors"]["term"] == [
        "“cohorte” is already in the lexicon: retire it first to write it again."
    ]
    client.force_login(coordinator)
    page = client.post(reverse("checks:lexicon"), {**again, "variants": "", "source": ""})
    assert page.status_code == 422
    assert "is already in the lexicon" in page.content.decode()
    assert 'value="ensemble"' in page.content.decode()  # what was typed is kept
    assert LexiconTerm.objects.get().plain == "groupe"


def test_the_page_brings_back_a_retired_term(client, coordinator):
    term = services.add_lexicon_term(
        by=coordinator, language="fr", term="cohorte", plain="groupe", explanation="Un groupe."
    )
    services.retire_lexicon_term(term, by=coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("checks:lexicon"),
        {
            "language": "fr",
            "term": "cohorte",
            "plain": "ensemble",
            "explanation": "Autre.",
            "variants": "",
            "source": "",
        },
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.is_active and term.plain == "ensemble"
