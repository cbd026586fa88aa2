"""The GRAM for tests: a body with its three colleges and members holding mandates today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.governance import queries, services
from tandem.governance.models import Body, College, Mandate, MandateRole, Minutes, MinutesItem


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def opening_rule(monkeypatch):
    """The real rule: a session opens from the day before the meeting."""
    monkeypatch.setattr(queries, "OPENS_DAYS_BEFORE", 1)


def college(body: Body, code: str) -> College:
    return body.colleges.get(code=code)


def seat(body: Body, code: str, person=None, *, role: str = MandateRole.MEMBER, **dates) -> Mandate:
    today = timezone.localdate()
    person = person or UserFactory(roles=[Role.GRAM])
    return services.appoint(
        college(body, code),
        person=person,
        start=dates.get("start", today - dt.timedelta(days=30)),
        end=dates.get("end", today + dt.timedelta(days=700)),
        role=role,
        by=None,
    )


@pytest.fixture
def body(db):
    return services.create_body(name="GRAM", slug="gram", by=None)


@pytest.fixture
def full_body(body, gram_member):
    """Every seat held (the persona `gram_member` on the first patients' seat)."""
    seat(body, "patients", gram_member)
    for _ in range(9):
        seat(body, "patients")
    for code in ("researchers", "administration"):
        for _ in range(5):
            seat(body, code)
    return body


def mandates(body: Body, code: str) -> list[Mandate]:
    return list(Mandate.objects.filter(college__body=body, college__code=code).order_by("seat"))


def current_items(minutes: Minutes):
    """The records of the agenda items in the minutes' latest version."""
    return MinutesItem.objects.filter(version=queries.latest_version(minutes))


def soon(days: int = 30, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def meeting(full_body, officer):
    m = services.schedule_meeting(
        full_body, title="Q meeting", starts_at=soon(), place="Paris", by=officer
    )
    services.add_agenda_item(m, title="Opening", by=officer)
    return m


def check_in_all(meeting, officer, codes=("patients", "researchers", "administration"), skip=()):
    for code in codes:
        for m in mandates(meeting.body, code):
            if m.pk not in skip:
                services.check_in(meeting, mandate=m, presence="room", by=officer)


@pytest.fixture
def held(meeting, officer):
    """The meeting held and closed: a proxy, everyone else in the room, one vote adopted."""
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    patients = mandates(meeting.body, "patients")
    services.give_proxy(meeting, person=patients[9].person, holder=patients[0])
    check_in_all(meeting, officer, skip={patients[9].pk})
    vote = services.open_vote(meeting.items.get(), question="Adopt the report?", by=officer)
    for m in patients[:5]:
        services.cast_ballot(vote, mandate=m, cast_by=m, choice="for", by=officer)
    services.close_vote(vote, by=officer)
    services.close_meeting(meeting, by=officer)
    return meeting
