"""The training catalogue through the API: what the catalogue and a course's page show, to
everyone alike, in a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from tandem.events.models import Course
from tandem.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def _course(title: str = "Understanding trials", **extra) -> Course:
    return Course.objects.create(
        title=title, topic="clinical_research", summary="S", objectives="Read\n\nAsk", **extra
    )


def test_the_catalogue_gives_each_course_its_next_public_session(client, officer):
    course = _course()
    later = make_event(officer, course=course, days=20)
    make_event(officer, course=course, days=10, visibility="members")
    _course("Withdrawn", is_active=False)
    body = client.get(reverse("api-courses")).json()
    assert [c["title"] for c in body["results"]] == ["Understanding trials"]
    (row,) = body["results"]
    assert row["next_start"] is not None
    assert row["next_start"][:16] == later.starts_at.isoformat()[:16]
    assert row["url"] == reverse("events:course", args=[course.pk])


def test_a_course_gives_its_objectives_and_next_public_sessions(client, officer):
    course = _course()
    session = make_event(officer, course=course, title="Session one")
    make_event(officer, course=course, title="Members only", visibility="members")
    detail = client.get(reverse("api-course", args=[course.pk])).json()
    assert detail["objectives"] == ["Read", "Ask"]
    assert [s["id"] for s in detail["sessions"]] == [session.pk]
    page = client.get(reverse("events:course", args=[course.pk])).content.decode()
    assert "Session one" in page and "Members only" not in page
    withdrawn = _course("Withdrawn", is_active=False)
    assert client.get(reverse("api-course", args=[withdrawn.pk])).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_the_catalogue_the_page_shows_them(persona, as_persona, officer):
    course = _course()
    make_event(officer, course=course, title="Session one")
    make_event(officer, course=course, title="Members only", visibility="members")
    client, _user = as_persona(persona)
    page = client.get(reverse("events:catalogue"))
    listed = client.get(reverse("api-courses"))
    detail = client.get(reverse("api-course", args=[course.pk]))
    assert page.status_code == listed.status_code == detail.status_code == 200
    shown = [entry.course.pk for entry in page.context["courses"]]
    assert [c["id"] for c in listed.json()["results"]] == shown
    sessions = client.get(reverse("events:course", args=[course.pk])).context["rows"]
    assert [s["id"] for s in detail.json()["sessions"]] == [r.pk for r in sessions]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_catalogue_and_a_course_run_a_constant_number_of_queries(client, officer):
    course = _course()

    def grow(n: int) -> None:
        for i in range(n):
            other = _course(f"Course {course.pk}-{i}-{Course.objects.count()}")
            make_event(officer, course=other, days=5 + i)
            make_event(officer, course=course, days=5 + i)

    grow(1)
    urls = [reverse("api-courses"), reverse("api-course", args=[course.pk])]
    few = [_count(client, u) for u in urls]
    grow(5)
    assert [_count(client, u) for u in urls] == few
