"""Pages where several forms sit together: every id once, so that each label points to its own
field (the agenda-item and document forms both have a title; the mandate and quota forms both
choose a college). The prefixed forms still post."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tandem.clarity.tests.documents import pdf
from tandem.governance.models import College, Mandate, QuotaChange

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.labels: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "label" and found.get("for"):
            self.labels.append(str(found["for"]))


def ids_of(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def assert_unique_ids(html: str) -> None:
    parsed = ids_of(html)
    repeated = sorted(i for i, n in Counter(parsed.ids).items() if n > 1)
    assert repeated == []
    assert set(parsed.labels) <= set(parsed.ids)  # every label points to a field


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_meeting_page_has_unique_ids_and_its_forms_still_post(meeting, officer):
    client = signed_in(officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert_unique_ids(page)
    assert 'id="id_item-title"' in page and 'id="id_document-title"' in page
    client.post(
        reverse("governance:add_item", args=[meeting.pk]),
        {"item-title": "Budget", "item-duration_minutes": 15},
    )
    assert meeting.items.filter(title="Budget", duration_minutes=15).exists()
    posted = client.post(
        reverse("governance:add_document", args=[meeting.pk]),
        {
            "document-title": "The budget",
            "document-file": SimpleUploadedFile(
                "budget.pdf", pdf(["The budget in plain words."]), "application/pdf"
            ),
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:3000]
    assert meeting.documents.filter(title="The budget").exists(), [
        str(m) for m in posted.wsgi_request._messages
    ]
    assert_unique_ids(client.get(meeting.get_absolute_url()).content.decode())


def test_the_meeting_page_of_a_member_has_unique_ids(meeting, gram_member):
    assert_unique_ids(signed_in(gram_member).get(meeting.get_absolute_url()).content.decode())


def test_the_body_page_has_unique_ids_and_its_forms_still_post(full_body, officer, member):
    client = signed_in(officer)
    page = client.get(reverse("governance:body")).content.decode()
    assert_unique_ids(page)
    assert 'id="id_mandate-college"' in page and 'id="id_quota-college"' in page
    researchers = College.objects.get(body=full_body, code="researchers")
    client.post(
        reverse("governance:change_quota"),
        {"quota-college": researchers.pk, "quota-seats": 6, "quota-reason": "One more"},
    )
    assert QuotaChange.objects.filter(college=researchers, seats=6).exists()
    client.post(
        reverse("governance:appoint"),
        {
            "mandate-person": member.pk,
            "mandate-college": researchers.pk,
            "mandate-role": "member",
            "mandate-start": "2026-01-01",
            "mandate-end": "2029-01-01",
        },
    )
    assert Mandate.objects.filter(person=member, college=researchers).exists()
