"""Who may claim travel expenses is one rule (`MAY_CLAIM`): the form offers those events, and
the claim service refuses the others (a no-show with its own reason) whether the claim comes
from the page or the API; the API answers the officers' decisions like the page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from conftest import PERSONAS
from tandem.accounts.services import create_api_token
from tandem.core.errors import DomainError
from tandem.events import queries, services
from tandem.events.models import ExpenseClaim, Receipt
from tandem.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

NO_SHOW_EN = "You were recorded as absent from this event"
NO_SHOW_FR = "Vous avez été noté absent"


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def held(officer, member, researcher):
    """A past event: the member came, the researcher did not."""
    event = make_event(officer, capacity=5)
    came = services.register(event, user=member)
    absent = services.register(event, user=researcher)
    services.record_attendance(
        event,
        by=officer,
        attended=[came.pk],
        absent=[absent.pk],
        now=event.starts_at + dt.timedelta(minutes=5),
    )
    return event


def _auth(user) -> dict[str, str]:
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _receipts() -> list[tuple[SimpleUploadedFile, str]]:
    return [(SimpleUploadedFile("t.pdf", _pdf()), "pdf")]


def test_the_form_and_the_service_follow_the_same_rule(held, member, researcher):
    assert list(queries.claimable_events(member)) == [held]
    assert list(queries.claimable_events(researcher)) == []
    claim = services.submit_claim(
        by=member, event=held, amount=12, description="Train", receipts=_receipts()
    )
    assert claim.status == "submitted"
    with pytest.raises(DomainError) as refused:
        services.submit_claim(
            by=researcher, event=held, amount=12, description="Train", receipts=_receipts()
        )
    assert refused.value.code == "no_show" and NO_SHOW_EN in str(refused.value)
    assert ExpenseClaim.objects.filter(user=researcher).count() == 0


def test_someone_never_registered_is_refused(held, outsider):
    with pytest.raises(DomainError) as refused:
        services.submit_claim(
            by=outsider, event=held, amount=12, description="Train", receipts=_receipts()
        )
    assert refused.value.code == "not_registered"


def test_the_page_leaves_no_shows_out_and_says_why_when_posted(client, held, researcher):
    researcher.language = "fr"
    researcher.save(update_fields=["language"])
    client.force_login(researcher)
    page = client.get(reverse("events:claims"), HTTP_ACCEPT_LANGUAGE="fr")
    assert f'value="{held.pk}"' not in page.text
    # Posted anyway (a page opened before the attendance was recorded): the service's reason.
    response = client.post(
        reverse("events:claims"),
        {
            "event": held.pk,
            "amount": "30",
            "description": "Train",
            "receipts": [SimpleUploadedFile("ticket.pdf", _pdf())],
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422
    assert NO_SHOW_FR in response.text
    assert not ExpenseClaim.objects.exists() and not Receipt.objects.exists()


def test_the_page_offers_the_event_to_whoever_came(client, held, member):
    client.force_login(member)
    page = client.get(reverse("events:claims"))
    assert f'value="{held.pk}"' in page.text


def test_the_api_sends_a_claim_and_refuses_a_no_show(client, held, member, researcher):
    sent = client.post(
        "/api/v1/expense-claims",
        {
            "event": held.pk,
            "amount": "42.50",
            "description": "Train",
            "receipts": [SimpleUploadedFile("ticket.pdf", _pdf())],
        },
        **_auth(member),
    )
    assert sent.status_code == 201, sent.json()
    body = sent.json()
    assert body["status"] == "submitted" and body["amount"] == "42.50"
    assert [r["file_name"] for r in body["receipts"]] == ["ticket.pdf"]
    refused = client.post(
        "/api/v1/expense-claims",
        {
            "event": held.pk,
            "amount": "42.50",
            "description": "Train",
            "receipts": [SimpleUploadedFile("ticket.pdf", _pdf())],
        },
        HTTP_ACCEPT_LANGUAGE="fr",
        **_auth(researcher),
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "no_show" and NO_SHOW_FR in refused.json()["detail"]
    assert ExpenseClaim.objects.filter(user=researcher).count() == 0


def test_the_api_refuses_an_unreadable_receipt_and_writes_nothing(client, held, member):
    response = client.post(
        "/api/v1/expense-claims",
        {
            "event": held.pk,
            "amount": "10",
            "description": "Train",
            "receipts": [SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 not really a pdf")],
        },
        **_auth(member),
    )
    assert response.status_code == 400 and "receipts" in response.json()["errors"]
    assert not ExpenseClaim.objects.exists()


def test_the_api_decisions_are_the_officers(client, held, member, officer):
    claim = services.submit_claim(
        by=member, event=held, amount=12, description="Train", receipts=_receipts()
    )
    url = f"/api/v1/expense-claims/{claim.pk}/decision"
    mine = client.post(url, {"approve": True}, content_type="application/json", **_auth(member))
    assert mine.status_code == 403
    no_reason = client.post(
        url, {"approve": False}, content_type="application/json", **_auth(officer)
    )
    assert no_reason.status_code == 409 and no_reason.json()["code"] == "reason_required"
    approved = client.post(
        url, {"approve": True}, content_type="application/json", **_auth(officer)
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = client.post(url, {"approve": True}, content_type="application/json", **_auth(officer))
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("persona", "sees_list", "detail"),
    [
        ("outsider", 0, 404),
        ("member", 1, 200),
        ("researcher", 0, 404),
        ("officer", 1, 200),
        ("admin_user", 1, 200),
    ],
)
def test_who_reads_which_claim(client, request, held, member, persona, sees_list, detail):
    claim = services.submit_claim(
        by=member, event=held, amount=12, description="Train", receipts=_receipts()
    )
    auth = _auth(request.getfixturevalue(persona))
    listed = client.get("/api/v1/expense-claims", **auth).json()["results"]
    assert len(listed) == sees_list
    assert client.get(f"/api/v1/expense-claims/{claim.pk}", **auth).status_code == detail


def test_an_anonymous_caller_is_asked_to_sign_in(client, held):
    assert client.get("/api/v1/expense-claims").status_code == 401
    assert client.post("/api/v1/expense-claims", {}).status_code == 401


def test_the_claims_list_has_constant_queries(
    client, django_assert_max_num_queries, officer, held, member
):
    for _ in range(3):
        services.submit_claim(
            by=member, event=held, amount=12, description="Train", receipts=_receipts()
        )
    auth = _auth(officer)
    with django_assert_max_num_queries(8) as few:
        client.get("/api/v1/expense-claims", **auth)
    for _ in range(10):
        services.submit_claim(
            by=member, event=held, amount=12, description="Train", receipts=_receipts()
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/expense-claims", **auth)
    assert timezone.now()


@pytest.mark.parametrize(("language", "limit"), [("fr", "10\u00a0Mo"), ("en", "10\u00a0MB")])
def test_a_receipt_too_large_is_refused_with_the_limit_written_as_people_write_it(
    client, held, member, language, limit
):
    """The trial: the limit read “10,0 Mio” (Django's filesizeformat), which nobody writes."""
    member.language = language
    member.save(update_fields=["language"])
    client.force_login(member)
    big = SimpleUploadedFile("ticket.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(
        reverse("events:claims"),
        {"event": held.pk, "amount": "30", "description": "Train", "receipts": [big]},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 422
    assert limit in response.text and "Mio" not in response.text and "MiB" not in response.text
    assert not ExpenseClaim.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_receipt_downloads_for_its_person_and_the_officers(
    client, request, held, member, persona
):
    """The claim's answer named its receipts; the API could not hand them over."""
    claim = services.submit_claim(
        by=member, event=held, amount=12, description="Train", receipts=_receipts()
    )
    receipt = claim.receipts.get()
    url = f"/api/v1/expense-claims/{claim.pk}/receipts/{receipt.pk}/file"
    headers = {} if persona == "anonymous" else _auth(request.getfixturevalue(persona))
    response = client.get(url, **headers)
    readers = {"member", "officer", "admin_user"}
    expected = 401 if persona == "anonymous" else 200 if persona in readers else 404
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
