"""The printable report through the API, as on the page and through the same services: asked
for (202 and the address to follow), followed, then downloaded from the route that drew it in
the request before (`checks_report_pdf`), which now hands over the prepared file or says it is
not prepared. Only the check's owner, whatever their role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from conftest import persona_token
from tandem.checks import services, tasks
from tandem.checks.models import CheckPdf, ClarityCheck, PdfStatus
from tandem.checks.tests.pdfs import prepare, quick_drawing
from tandem.checks.tests.test_checks import HARD_FR
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db


def _check(owner) -> ClarityCheck:
    return services.submit_check(owner, title="Notice", document_kind="leaflet", text=HARD_FR)


def _pdf(check: ClarityCheck, language: str = "en") -> str:
    return reverse("api-check-pdf", args=[check.pk, language])


def test_the_api_asks_for_the_pdf_follows_it_and_downloads_it(
    client, request, researcher, django_capture_on_commit_callbacks
):
    check = _check(researcher)
    auth = persona_token(request, "researcher")
    before = client.get(_pdf(check, "fr"), **auth).json()
    assert before == {
        "check": check.pk,
        "language": "fr",
        "status": "absent",
        "finished_at": None,
        "download": None,
    }
    file_url = reverse("api-check-report-pdf", args=[check.pk])
    assert client.get(file_url, {"lang": "fr"}, **auth).json()["code"] == "not_prepared"
    # The task runs after the commit (the immediate backend of the tests), drawing quickly.
    with quick_drawing() as drawn, django_capture_on_commit_callbacks(execute=True):
        asked = client.post(_pdf(check, "fr"), **auth)
    assert asked.status_code == 202
    assert asked["Location"] == f"http://testserver{_pdf(check, 'fr')}"
    # Answered before the task ran, once the request's transaction committed.
    assert asked.json()["status"] == "pending" and drawn == [(check.pk, "fr")]
    state = client.get(asked["Location"], **auth).json()
    assert state["status"] == "ready" and state["finished_at"]
    assert state["download"] == f"http://testserver{file_url}?lang=fr"
    response = client.get(state["download"], **auth)
    assert response.status_code == 200 and response["Content-Language"] == "fr"
    assert response["Content-Disposition"] == f'attachment; filename="clarity-{check.pk}.pdf"'
    with CheckPdf.objects.get().file.open("rb") as stored:
        assert response.content == stored.read()
    assert ActionLogEntry.objects.filter(action="checks.pdf.requested").count() == 1


def test_the_api_answers_202_at_once_while_the_worker_makes_it(
    client, request, researcher, monkeypatch, django_capture_on_commit_callbacks
):
    enqueued: list[int] = []
    monkeypatch.setattr(tasks, "make_check_pdf_task", SimpleNamespace(enqueue=enqueued.append))
    check = _check(researcher)
    auth = persona_token(request, "researcher")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_pdf(check), **auth)
        second = client.post(_pdf(check), **auth)
    assert first.status_code == second.status_code == 202
    assert first.json()["status"] == second.json()["status"] == "pending"
    assert first.json()["download"] is None
    assert enqueued == [CheckPdf.objects.get().pk]  # two calls, one task


def test_the_api_and_the_page_download_the_same_file(client, request, researcher):
    check = _check(researcher)
    prepare(check, "en")
    api = client.get(
        reverse("api-check-report-pdf", args=[check.pk]), **persona_token(request, "researcher")
    )
    client.force_login(researcher)
    page = client.get(reverse("checks:report_pdf", args=[check.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == page.status_code == 200
    assert api.content == page.content
    assert api["Content-Disposition"] == page["Content-Disposition"]


def test_a_pdf_out_of_date_is_absent_and_not_served(client, request, researcher):
    check = _check(researcher)
    made = prepare(check, "en")
    CheckPdf.objects.filter(pk=made.pk).update(made_from="another check")
    auth = persona_token(request, "researcher")
    assert client.get(_pdf(check), **auth).json()["status"] == "absent"
    response = client.get(reverse("api-check-report-pdf", args=[check.pk]), {"lang": "en"}, **auth)
    assert response.status_code == 409 and response.json()["code"] == "not_prepared"


def test_another_language_is_not_found_and_an_unfinished_check_is_a_conflict(
    client, request, researcher
):
    check = _check(researcher)
    auth = persona_token(request, "researcher")
    assert client.get(_pdf(check, "de"), **auth).status_code == 404
    assert client.post(_pdf(check, "de"), **auth).status_code == 404
    ClarityCheck.objects.filter(pk=check.pk).update(status="pending", report=None)
    refused = client.post(_pdf(check), **auth)
    assert refused.status_code == 409 and refused.json()["code"] == "not_ready"
    assert not CheckPdf.objects.exists()


@pytest.mark.parametrize(
    "persona", ["outsider", "member", "reviewer", "coordinator", "officer", "admin_user"]
)
def test_nobody_else_asks_for_follows_or_downloads_the_pdf(client, request, researcher, persona):
    check = _check(researcher)
    made = prepare(check, "en")
    auth = persona_token(request, persona)
    for response in (
        client.post(_pdf(check), **auth),
        client.get(_pdf(check), **auth),
        client.get(reverse("api-check-report-pdf", args=[check.pk]), {"lang": "en"}, **auth),
    ):
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert list(CheckPdf.objects.all()) == [made] and made.status == PdfStatus.READY


def test_the_pdf_routes_need_a_signed_in_person(client, researcher):
    check = _check(researcher)
    assert client.post(_pdf(check)).status_code in (401, 403)
    assert client.get(_pdf(check)).status_code in (401, 403)
    assert not CheckPdf.objects.exists()
