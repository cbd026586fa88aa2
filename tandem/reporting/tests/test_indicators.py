"""Each indicator's value and series on the small data set of conftest.py, counted by hand."""

from __future__ import annotations

import pytest
from django.utils import translation

from tandem.reporting.dashboard import compute
from tandem.reporting.indicators.filters import with_area_ids
from tandem.reporting.scope import Period, Scope

pytestmark = pytest.mark.django_db

YEAR = Scope(Period.year(2025))
NONE = None


@pytest.fixture
def figures(sample):
    with translation.override("en"):
        return compute(YEAR)


def series(result, index=0):
    return list(result.series[index].values)


def months(**given):
    """Twelve months of zeros (or None), with the months given by their number."""
    default = given.pop("default", 0)
    values = [default] * 12
    for name, value in given.items():
        values[int(name[1:]) - 1] = value
    return values


def test_partner_organizations_count_partners_and_framework_agreements(figures):
    result = figures["partners"]
    # Active, created before 2026: O1, O4 partners; O2 framework; O3 known contact.
    assert result.labels == ("Known contact", "Partner", "Framework agreement")
    assert series(result) == [1, 2, 1]
    assert result.value == 3


def test_new_partners_are_counted_in_the_month_they_became_partners(figures):
    result = figures["new-partners"]
    assert series(result) == months(m2=2)
    assert result.value == 2


def test_projects_are_counted_by_stage(figures):
    result = figures["projects-by-stage"]
    assert dict(zip(result.labels, series(result), strict=True))["Idea"] == 1
    assert dict(zip(result.labels, series(result), strict=True))["Running"] == 1
    assert result.value == 2  # P3 was proposed in 2026


def test_support_requests_per_month_and_those_resolved(figures):
    result = figures["support-requests"]
    assert series(result, 0) == months(m3=2, m5=1)
    assert series(result, 1) == months(m3=1, m5=1)
    assert result.value == 3


def test_support_delays_average_the_days_to_resolution(figures):
    result = figures["support-delays"]
    assert series(result) == months(m3=10.0, m5=4.0, default=None)
    assert result.value == 7.0


def test_review_requests_per_month_of_submission(figures):
    result = figures["review-requests"]
    assert series(result) == months(m1=2, m4=1)
    assert result.value == 3


def test_turnaround_is_the_average_days_to_the_report_per_month_of_the_report(figures):
    result = figures["review-turnaround"]
    # R1 20 days (January); R2 30 days and R4 62 days (February).
    assert series(result) == months(m1=20.0, m2=46.0, default=None)
    assert result.value == 37.3


def test_reviews_on_time_is_the_share_sent_by_their_due_date(figures):
    result = figures["reviews-on-time"]
    assert series(result) == months(m1=100.0, m2=50.0, default=None)
    assert result.value == 66.7


def test_clarity_before_and_after_review_averages_first_and_latest_versions(figures):
    result = figures["clarity-before-after"]
    assert result.labels == ("Information leaflet", "Consent form")
    assert series(result, 0) == [40.0, 50.0]
    assert series(result, 1) == [70.0, 60.0]
    assert result.value == 20.0  # gains of 30 and 10


def test_sessions_of_published_events_per_month(figures):
    result = figures["event-sessions"]
    assert series(result, 0) == months(m3=2, m6=1)
    assert series(result, 1) == months(m3=2)
    assert result.value == 3


def test_registrations_by_status(figures):
    result = figures["event-registrations"]
    counts = dict(zip(result.labels, series(result), strict=True))
    assert counts == {
        "Registered": 1,
        "On the waiting list": 2,
        "Offered a place": 0,
        "Place confirmed": 1,
        "Cancelled": 1,
        "Attended": 3,
        "Did not come": 1,
    }
    assert result.value == 6


def test_attendance_is_the_share_of_people_expected_who_came(figures):
    result = figures["event-attendance"]
    assert series(result) == months(m3=75.0, default=None)
    assert result.value == 75.0


def test_waiting_lists(figures):
    result = figures["event-waiting-lists"]
    assert series(result, 0) == months(m3=2)
    assert series(result, 1) == months(m3=1)
    assert result.value == 2


def test_feedback_averages_the_marks(figures):
    result = figures["event-feedback"]
    assert series(result, 0) == months(m3=4.0, default=None)
    assert series(result, 1) == months(m3=4.0, default=None)
    assert result.value == 4.0


def test_gram_meetings_held_and_cancelled(figures):
    result = figures["gram-meetings"]
    assert series(result, 0) == months(m3=1, m9=1)
    assert series(result, 1) == months(m11=1)
    assert result.value == 2


def test_gram_attendance_per_college(figures, sample):
    result = figures["gram-attendance"]
    rates = dict(zip(result.labels, series(result), strict=True))
    assert rates["Patients"] == 75.0  # 3 of 4 seats convened
    assert rates["Research"] == 50.0
    assert result.value == 66.7


def test_gram_proposals_by_status(figures):
    result = figures["gram-proposals"]
    counts = dict(zip(result.labels, series(result), strict=True))
    assert counts["Draft"] == 1
    assert counts["Answered"] == 2
    assert result.value == 3


def test_answers_of_the_directorate_general_by_decision(figures):
    result = figures["gram-answers"]
    assert series(result) == [1, 0, 1]
    assert result.value == 2


def test_follow_up_actions_share_done(figures):
    result = figures["gram-actions"]
    assert series(result) == [1, 1, 1, 0]
    assert result.value == 33.3


def test_a_quarter_and_custom_dates_cut_the_same_records(sample):
    with translation.override("en"):
        q1 = compute(Scope(Period.quarter(2025, 1)))
        custom = compute(Scope(Period("custom", Period.year(2025).start, Period.year(2025).start)))
    assert q1["review-requests"].value == 2
    assert len(q1["review-requests"].labels) == 3
    assert custom["review-requests"].value == 0
    assert len(custom["review-requests"].labels) == 1


def test_filters_cut_the_records_they_apply_to(sample):
    with translation.override("en"):
        patients = compute(Scope(YEAR.period, kind="patient"))
        institute = compute(Scope(YEAR.period, institute=sample.i1.pk))
        area = compute(with_area_ids(Scope(YEAR.period, disease_area=sample.area.pk)))
    assert patients["partners"].value == 2  # O1, O4
    assert patients["projects-by-stage"].value == 1  # P1, with O1
    attendance = patients["gram-attendance"]
    assert dict(zip(attendance.labels, series(attendance), strict=True)) == {
        "Patients": 100.0,
        "Research": None,
    }
    assert institute["projects-by-stage"].value == 1
    assert institute["support-requests"].value == 1  # S1, of P1; S2 has no project
    assert area["partners"].value == 1  # O1
    assert area["projects-by-stage"].value == 1
