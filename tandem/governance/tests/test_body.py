"""The body: colleges and quotas with their history, mandates, vacancies, warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry
from tandem.governance import queries, services
from tandem.governance.models import Mandate, QuotaChange

from .conftest import college, seat

pytestmark = pytest.mark.django_db


def test_a_new_body_has_three_colleges_of_ten_five_and_five_seats(body):
    assert [(c.code, c.seats) for c in body.colleges.all()] == [
        ("patients", 10),
        ("researchers", 5),
        ("administration", 5),
    ]
    assert queries.current_quorum_rule(body).version == 1


def test_a_quota_change_is_kept_with_its_history(body, officer):
    researchers = college(body, "researchers")
    services.change_quota(researchers, seats=6, reason="statutes 2026", by=officer)
    researchers.refresh_from_db()
    assert researchers.seats == 6
    change = QuotaChange.objects.filter(college=researchers).first()
    assert (change.previous, change.seats, change.reason) == (5, 6, "statutes 2026")
    assert ActionLogEntry.objects.filter(action="governance.quota.changed").exists()


def test_a_quota_below_the_current_mandates_is_refused(body, officer):
    for _ in range(3):
        seat(body, "researchers")
    with pytest.raises(DomainError) as refusal:
        services.change_quota(college(body, "researchers"), seats=2, by=officer)
    assert refusal.value.code == "quota_below_mandates"
    assert college(body, "researchers").seats == 5


def test_a_mandate_that_would_exceed_the_quota_is_refused(body):
    for _ in range(5):
        seat(body, "administration")
    with pytest.raises(DomainError) as refusal:
        seat(body, "administration")
    assert refusal.value.code == "over_quota"
    assert "5 seats" in str(refusal.value)
    assert Mandate.objects.filter(college__code="administration").count() == 5


def test_overlapping_mandates_on_the_same_seat_are_refused(body):
    today = timezone.localdate()
    first = seat(body, "researchers", start=today, end=today + dt.timedelta(days=100))
    with pytest.raises(DomainError) as refusal:
        services.appoint(
            college(body, "researchers"),
            person=UserFactory(),
            seat=first.seat,
            start=today + dt.timedelta(days=50),
            end=today + dt.timedelta(days=300),
            by=None,
        )
    assert refusal.value.code == "seat_overlap"
    later = services.appoint(
        college(body, "researchers"),
        person=UserFactory(),
        seat=first.seat,
        start=today + dt.timedelta(days=101),
        end=today + dt.timedelta(days=300),
        by=None,
    )
    assert later.seat == first.seat


def test_a_person_cannot_hold_two_mandates_at_once(body, gram_member):
    seat(body, "patients", gram_member)
    with pytest.raises(DomainError) as refusal:
        seat(body, "researchers", gram_member)
    assert refusal.value.code == "person_overlap"


def test_a_renewal_takes_the_same_seat_from_the_day_after(body, officer):
    today = timezone.localdate()
    first = seat(body, "patients", end=today + dt.timedelta(days=20))
    assert any(w.code == "ending_soon" for w in queries.warnings(body))
    renewal = services.renew_mandate(first, end=today + dt.timedelta(days=1000), by=officer)
    assert (renewal.seat, renewal.start, renewal.renews) == (
        first.seat,
        first.end + dt.timedelta(days=1),
        first,
    )
    assert not any(w.code == "ending_soon" for w in queries.warnings(body))


def test_vacancies_and_colleges_under_quota_are_shown(body):
    seat(body, "researchers")
    views = {v.college.code: v for v in queries.composition(body)}
    assert views["researchers"].vacancies == 4
    assert views["patients"].vacancies == 10
    under = {w.college.code for w in queries.warnings(body) if w.code == "under_quota"}
    assert under == {"patients", "researchers", "administration"}


def test_membership_follows_the_mandates_dates_not_the_role(body, gram_member):
    assert not queries.is_member(gram_member)  # the role alone does not make a member
    today = timezone.localdate()
    seat(
        body,
        "patients",
        gram_member,
        start=today - dt.timedelta(days=10),
        end=today - dt.timedelta(days=1),
    )
    assert not queries.is_member(gram_member)
    assert not gram_member.has_perm("governance.act_as_member")
    seat(body, "patients", gram_member, start=today, end=today + dt.timedelta(days=10))
    assert queries.is_member(gram_member)
    assert gram_member.has_perm("governance.view_members_area")


def test_a_college_is_named_in_the_readers_language(body):
    from django.utils import translation

    patients = body.colleges.get(code="patients")
    assert patients.name == ""  # nothing written in one language
    with translation.override("fr"):
        assert str(patients) == "Associations de malades"
    with translation.override("en"):
        assert patients.label == "Patient organizations"
    patients.name = "Collège des associations"  # a name of its own is kept as written
    with translation.override("en"):
        assert patients.label == "Collège des associations"


def test_a_mandate_ending_soon_is_warned_until_it_is_renewed(body, officer):
    today = timezone.localdate()
    ending = seat(body, "researchers", end=today + dt.timedelta(days=queries.ENDING_SOON_DAYS))
    seat(body, "researchers", end=today + dt.timedelta(days=queries.ENDING_SOON_DAYS + 1))
    soon = [w.mandate for w in queries.warnings(body) if w.code == "ending_soon"]
    assert soon == [ending]
    services.renew_mandate(ending, end=today + dt.timedelta(days=1000), by=officer)
    assert not [w for w in queries.warnings(body) if w.code == "ending_soon"]
