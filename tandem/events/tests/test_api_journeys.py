"""The journeys the events pages offered and the API did not: a person confirms the place
offered to them, gives feedback and downloads their certificate; a researcher proposes a
laboratory meeting; the officers decide on it, record attendance and cancel an event. The
same services as the pages, with a permission test for each role."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import PERSONAS
from tandem.accounts.services import create_api_token
from tandem.directory.models import ResearchUnit
from tandem.directory.tests.factories import UnitFactory
from tandem.events import services
from tandem.events.models import Event, Feedback, Registration
from tandem.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db

JSON = "application/json"
OFFICERS = {"officer", "admin_user"}
EVERYONE = PERSONAS  # anonymous first


def _auth(user) -> dict[str, str]:
    if user is None:
        return {}
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _persona(request, name: str):
    return None if name == "anonymous" else request.getfixturevalue(name)


def _today(event: Event) -> None:
    """The day has come: the event starts within the hour."""
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() + dt.timedelta(hours=1))


def _attended(officer, person) -> Registration:
    event = make_event(officer, days=1)
    registration = services.register(event, user=person)
    _today(event)
    services.record_attendance(event, by=officer, attended=[registration.pk], absent=[])
    registration.refresh_from_db()
    return registration


# --- A person's own registration ---------------------------------------------------------


def test_a_place_offered_is_confirmed_through_the_api(client, officer, member, reviewer):
    event = make_event(officer, capacity=1)
    first = services.register(event, user=member)
    waiting = services.register(event, user=reviewer)
    services.cancel_registration(first, by=member)
    url = reverse("api-registration-confirmation", args=[waiting.pk])
    # Someone else's registration does not exist for you, officers included.
    assert client.post(url, **_auth(member)).status_code == 404
    assert client.post(url, **_auth(officer)).status_code == 404
    confirmed = client.post(url, **_auth(reviewer))
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "confirmed"
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_an_expired_offer_is_refused_in_the_readers_language(client, officer, member, reviewer):
    event = make_event(officer, capacity=1)
    first = services.register(event, user=member)
    waiting = services.register(event, user=reviewer)
    services.cancel_registration(first, by=member)
    Registration.objects.filter(pk=waiting.pk).update(
        offered_until=timezone.now() - dt.timedelta(minutes=1)
    )
    url = reverse("api-registration-confirmation", args=[waiting.pk])
    refused = client.post(url, HTTP_ACCEPT_LANGUAGE="fr", **_auth(reviewer))
    assert refused.status_code == 409 and refused.json()["code"] == "expired"
    assert "Cette offre" in refused.json()["detail"]
    assert Registration.objects.get(pk=waiting.pk).status == "offered"


def test_an_attendee_gives_feedback_once(client, officer, member):
    registration = _attended(officer, member)
    url = reverse("api-registration-feedback", args=[registration.pk])
    bad = client.post(url, {"rating": 9}, content_type=JSON, **_auth(member))
    assert bad.status_code == 400 and {"rating", "clear"} <= set(bad.json()["errors"])
    assert not Feedback.objects.exists()
    given = client.post(
        url, {"rating": 4, "clear": 5, "comment": "Clair."}, content_type=JSON, **_auth(member)
    )
    assert given.status_code == 201 and given.json() == {
        "rating": 4,
        "clear": 5,
        "comment": "Clair.",
    }
    again = client.post(url, {"rating": 1, "clear": 1}, content_type=JSON, **_auth(member))
    assert again.status_code == 409 and again.json()["code"] == "already"
    assert Feedback.objects.get().rating == 4


def test_feedback_is_for_the_people_who_attended(client, event, member):
    registration = services.register(event, user=member)
    url = reverse("api-registration-feedback", args=[registration.pk])
    refused = client.post(url, {"rating": 4, "clear": 4}, content_type=JSON, **_auth(member))
    assert refused.status_code == 409 and refused.json()["code"] == "not_attended"
    assert not Feedback.objects.exists()


def test_the_certificate_downloads_for_its_attendee_only(client, officer, member, reviewer):
    registration = _attended(officer, member)
    url = reverse("api-registration-certificate", args=[registration.pk, "docx"])
    assert client.get(url, **_auth(reviewer)).status_code == 404
    assert client.get(url, **_auth(officer)).status_code == 404
    assert (
        client.get(
            reverse("api-registration-certificate", args=[registration.pk, "odt"]), **_auth(member)
        ).status_code
        == 404
    )
    docx = client.get(url, **_auth(member))
    assert docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Certificate of attendance" in text and member.get_full_name() in text


def test_no_certificate_without_attendance(client, event, member):
    registration = services.register(event, user=member)
    url = reverse("api-registration-certificate", args=[registration.pk, "docx"])
    assert client.get(url, **_auth(member)).status_code == 404


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_the_person_acts_on_a_registration(client, request, officer, member, persona):
    """Confirming, feedback and the certificate: the registration's person alone; anyone else
    (officers included, as on the pages) is told it does not exist; anonymous must sign in."""
    registration = _attended(officer, member)
    user = _persona(request, persona)
    auth = _auth(user)
    urls = [
        (reverse("api-registration-confirmation", args=[registration.pk]), "post"),
        (reverse("api-registration-feedback", args=[registration.pk]), "post"),
        (reverse("api-registration-certificate", args=[registration.pk, "docx"]), "get"),
    ]
    answers = [getattr(client, method)(url, **auth).status_code for url, method in urls]
    if persona == "member":  # the registration's person: reached, then judged
        assert answers == [409, 400, 200]  # no offer to confirm, feedback needs its marks
    else:
        assert answers == [401 if user is None else 404] * 3


# --- Laboratory meetings: the researcher proposes, the officers decide ---------------------


def _proposal(unit: ResearchUnit) -> dict[str, object]:
    start = timezone.now() + dt.timedelta(days=30)
    return {
        "title": "Visit our laboratory",
        "topic": "clinical_research",
        "description": "See how samples are kept.",
        "unit": unit.pk,
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=2)).isoformat(),
        "capacity": 12,
    }


@pytest.fixture
def unit(db):
    return UnitFactory()


def test_a_researcher_proposes_and_an_officer_decides(client, researcher, officer, unit):
    url = reverse("api-lab-meetings")
    proposed = client.post(url, _proposal(unit), content_type=JSON, **_auth(researcher))
    assert proposed.status_code == 201, proposed.json()
    body = proposed.json()
    assert body["status"] == "proposed" and body["kind"] == "lab_meeting"
    decide = reverse("api-event-decision", args=[body["id"]])
    assert (
        client.post(decide, {"approve": True}, content_type=JSON, **_auth(researcher)).status_code
        == 403
    )
    no_reason = client.post(decide, {"approve": False}, content_type=JSON, **_auth(officer))
    assert no_reason.status_code == 409 and no_reason.json()["code"] == "reason_required"
    approved = client.post(decide, {"approve": True}, content_type=JSON, **_auth(officer))
    assert approved.status_code == 200 and approved.json()["status"] == "published"


def test_a_proposal_with_bad_input_is_refused_in_french_and_writes_nothing(
    client, researcher, unit
):
    url, auth = reverse("api-lab-meetings"), _auth(researcher)
    too_small = {**_proposal(unit), "capacity": 0}
    refused = client.post(url, too_small, content_type=JSON, HTTP_ACCEPT_LANGUAGE="fr", **auth)
    assert refused.status_code == 400 and "capacity" in refused.json()["errors"]
    backwards = _proposal(unit)
    backwards["ends_at"] = backwards["starts_at"]
    refused = client.post(url, backwards, content_type=JSON, HTTP_ACCEPT_LANGUAGE="fr", **auth)
    assert refused.status_code == 400
    assert refused.json()["errors"]["ends_at"] == ["Une séance doit finir après son début."]
    assert not Event.objects.exists()


@pytest.mark.parametrize("persona", EVERYONE)
def test_who_proposes_a_laboratory_meeting(client, request, persona, unit):
    user = _persona(request, persona)
    answer = client.post(
        reverse("api-lab-meetings"), _proposal(unit), content_type=JSON, **_auth(user)
    ).status_code
    expected = 401 if user is None else 201 if persona == "researcher" else 403
    assert answer == expected


# --- The officers: attendance, cancelling ---------------------------------------------------


def test_officers_record_attendance_on_the_day(client, officer, member, reviewer):
    event = make_event(officer, capacity=5, days=1)
    came = services.register(event, user=member)
    absent = services.register(event, user=reviewer)
    url = reverse("api-event-attendance", args=[event.pk])
    marks = {"attended": [came.pk], "absent": [absent.pk]}
    early = client.post(url, marks, content_type=JSON, **_auth(officer))
    assert early.status_code == 409 and early.json()["code"] == "too_early"
    _today(event)
    both = client.post(
        url, {"attended": [came.pk], "absent": [came.pk]}, content_type=JSON, **_auth(officer)
    )
    assert both.status_code == 409 and both.json()["code"] == "both"
    recorded = client.post(url, marks, content_type=JSON, **_auth(officer))
    assert recorded.status_code == 200 and recorded.json()["changed"] == 2
    listed = client.get(url, **_auth(officer)).json()
    assert {(row["id"], row["state"]) for row in listed} == {
        (came.pk, "attended"),
        (absent.pk, "no_show"),
    }


def test_officers_cancel_an_event_with_a_reason(client, officer, member):
    event = make_event(officer)
    registration = services.register(event, user=member)
    url = reverse("api-event-cancellation", args=[event.pk])
    no_reason = client.post(url, {}, content_type=JSON, **_auth(officer))
    assert no_reason.status_code == 409 and no_reason.json()["code"] == "reason_required"
    assert Event.objects.get(pk=event.pk).status == "published"
    cancelled = client.post(
        url, {"reason": "The room is closed."}, content_type=JSON, **_auth(officer)
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    registration.refresh_from_db()
    assert registration.status == "cancelled"


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_officers_manage_an_event(client, request, officer, persona):
    event = make_event(officer)
    user = _persona(request, persona)
    auth = _auth(user)
    cancel = client.post(
        reverse("api-event-cancellation", args=[event.pk]),
        {"reason": "Closed."},
        content_type=JSON,
        **auth,
    ).status_code
    attendance = client.get(reverse("api-event-attendance", args=[event.pk]), **auth).status_code
    decision = client.post(
        reverse("api-event-decision", args=[event.pk]),
        {"approve": True},
        content_type=JSON,
        **auth,
    ).status_code
    if user is None:
        assert (cancel, attendance, decision) == (401, 401, 401)
    elif persona in OFFICERS:
        # A published event is not a proposal: the workflow refuses, the service says why.
        assert (cancel, attendance, decision) == (200, 200, 409)
    else:
        assert (cancel, attendance, decision) == (403, 403, 403)
        assert Event.objects.get(pk=event.pk).status == "published"
