"""Events built through the services, as the pages make them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.events import services
from tandem.events.models import Course, Event, Prerequisite


def make_event(
    by=None,
    *,
    capacity: int = 2,
    days: int = 10,
    kind: str = "training",
    eligibility: str = "everyone",
    place_kind: str = "address",
    questions: str = "",
    course: Course | None = None,
    sessions: int = 1,
    **extra,
) -> Event:
    by = by or UserFactory(roles=[Role.OFFICER])
    now = timezone.now()
    start = now + dt.timedelta(days=days)
    fields = {
        "kind": kind,
        "title": extra.pop("title", "Understanding clinical research"),
        "topic": extra.pop("topic", "clinical_research"),
        "description": "Two hours to understand how a study is run.",
        "place_kind": place_kind,
        "address": "101 rue de Tolbiac",
        "city": "Paris",
        "region": "idf",
        "online_url": "https://visio.example.org/room" if place_kind == "online" else "",
        "registration_opens": now - dt.timedelta(days=30),
        "registration_closes": start - dt.timedelta(hours=1),
        "eligibility": eligibility,
        "questions": questions,
        "course": course,
        "accessibility": ["step_free", "hearing_loop"],
        **extra,
    }
    return services.create_event(
        by=by,
        fields=fields,
        capacity=capacity,
        sessions=[
            services.SessionData(
                start + dt.timedelta(days=i), start + dt.timedelta(days=i, hours=3)
            )
            for i in range(sessions)
        ],
    )


@pytest.fixture
def event(officer):
    return make_event(officer)


@pytest.fixture
def college_course(db):
    return Course.objects.create(
        title="Reviewers' training",
        topic="reviewing",
        summary="Two days to learn to review leaflets.",
        objectives="Read a leaflet as a participant\nWrite a useful comment",
        prerequisite_for=Prerequisite.COLLEGE,
    )


def people(n: int, *roles: str):
    return [UserFactory(roles=list(roles or [Role.MEMBER])) for _ in range(n)]
