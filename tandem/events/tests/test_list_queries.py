"""Every list page of events and training runs the same number of queries whatever the
number of its rows: one's own registrations, the officers' events, registrations and
attendance list, the catalogue, the claims and the API lists."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts.services import create_api_token
from tandem.events import services
from tandem.events.models import Course
from tandem.events.tests.conftest import make_event, people

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _count(client, url: str, **extra) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return len(queries)


def _grow(officer, member, n: int, event) -> None:
    """`n` more events the member registered for and claimed, `n` more people on `event`,
    `n` more courses."""
    for i in range(n):
        other = make_event(officer, capacity=5, days=20 + i, title=f"Event {i}")
        services.register(other, user=member)
        services.submit_claim(
            by=member,
            event=other,
            amount=10,
            description="Train",
            receipts=[(SimpleUploadedFile("t.pdf", _pdf()), "pdf")],
        )
        Course.objects.create(title=f"Course {i}", topic="other", summary="S", objectives="O")
    for person in people(n):
        services.register(event, user=person)


def test_the_list_pages_run_a_constant_number_of_queries(client, officer, member):
    event = make_event(officer, capacity=50)
    _grow(officer, member, 1, event)
    pages = {
        "mine": (member, reverse("events:mine")),
        "claims (own)": (member, reverse("events:claims")),
        "claims (queue)": (officer, reverse("events:claims")),
        "manage": (officer, reverse("events:manage")),
        "registrations": (officer, reverse("events:registrations", args=[event.pk])),
        "catalogue": (member, reverse("events:catalogue")),
    }

    def counts() -> dict[str, int]:
        found = {}
        for name, (user, url) in pages.items():
            client.force_login(user)
            found[name] = _count(client, url)
        return found

    few = counts()
    _grow(officer, member, 6, event)
    assert counts() == few


def test_the_attendance_list_runs_a_constant_number_of_queries(client, officer):
    event = make_event(officer, capacity=50, days=-1)
    client.force_login(officer)
    url = reverse("events:attendance", args=[event.pk])
    from tandem.events.models import Registration

    def add(n: int) -> None:
        for person in people(n):
            Registration.objects.create(
                event=event, user=person, status="registered", queue_number=person.pk
            )

    add(1)
    few = _count(client, url)
    add(8)
    assert _count(client, url) == few


def test_the_api_lists_run_a_constant_number_of_queries(client, officer, member):
    event = make_event(officer, capacity=50)
    _grow(officer, member, 1, event)
    _t, officer_key = create_api_token(officer, name="t")
    _t, member_key = create_api_token(member, name="t")
    calls = {
        "/api/v1/events": member_key,
        "/api/v1/me/registrations": member_key,
        f"/api/v1/events/{event.pk}/registrations": officer_key,
        "/api/v1/expense-claims": officer_key,
    }

    def counts() -> dict[str, int]:
        return {
            url: _count(client, url, HTTP_AUTHORIZATION=f"Bearer {key}")
            for url, key in calls.items()
        }

    counts()  # a token's first use records it (a write): not part of a list's cost
    few = counts()
    _grow(officer, member, 6, event)
    assert counts() == few
