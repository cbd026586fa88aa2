from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts import demo as account_demo
from tandem.core.models import ActionLogEntry, Notification
from tandem.core.tests.threads import postgres_only
from tandem.core.tests.threads import race as _race
from tandem.directory import demo as directory_demo
from tandem.directory.models import OrganizationMembership
from tandem.reviews import demo, services
from tandem.reviews.models import (
    Assignment,
    RequestStatus,
    ReviewerProfile,
    ReviewRequest,
    Round,
)

from .conftest import make_reviewer


def test_demo_data_loads_twice_with_requests_at_every_stage(db):
    account_demo.load()
    directory_demo.load()
    demo.load()
    demo.load()
    assert ReviewerProfile.objects.count() == 6
    statuses = set(ReviewRequest.objects.values_list("status", flat=True))
    assert {
        RequestStatus.DRAFT,
        RequestStatus.SUBMITTED,
        RequestStatus.ACCEPTED,
        RequestStatus.IN_REVIEW,
        RequestStatus.REPORT_SENT,
        RequestStatus.CLOSED,
        RequestStatus.DECLINED,
    } <= statuses
    assert ReviewRequest.objects.count() == 9


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_assignments_never_exceed_the_seats_wanted(accepted, coordinator):
    round = services.open_round(
        accepted, by=coordinator, deadline=accepted.created.date().replace(year=2099)
    )
    people = [make_reviewer() for _ in range(6)]
    errors = _race([lambda p=p: services.assign(round, p, by=coordinator) for p in people])
    assert Assignment.objects.filter(round=round, state="invited").count() == 3
    assert len(errors) == 3 and all(e.code == "seats_full" for e in errors)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_assignments_never_exceed_a_reviewers_load(researcher, coordinator):
    busy = make_reviewer(max_open=2)
    rounds = []
    for i in range(5):
        request = services.create_request(by=researcher, title=f"Étude {i}", category="riph3")
        request.status = RequestStatus.ACCEPTED
        request.save()
        rounds.append(
            services.open_round(
                request, by=coordinator, deadline=request.created.date().replace(year=2099)
            )
        )
    errors = _race([lambda r=r: services.assign(r, busy, by=coordinator) for r in rounds])
    assert Assignment.objects.filter(reviewer=busy, state="invited").count() == 2
    assert len(errors) == 3


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_assigning_at_once_open_one_round(accepted, coordinator, pool):
    """Both saw the request without a round; the one who waits for the lock is refused."""
    errors = _race(
        [
            lambda: services.assign_reviewers(
                accepted, by=coordinator, reviewers=pool[:3], seen_round=None
            ),
            lambda: services.assign_reviewers(
                accepted, by=coordinator, reviewers=pool[:3], seen_round=None
            ),
        ]
    )
    assert [e.code for e in errors] == ["stale"]
    assert "Another coordinator" in str(errors[0])
    assert Round.objects.filter(request=accepted).count() == 1
    assert Assignment.objects.filter(round__request=accepted).count() == 3
    assert ActionLogEntry.objects.filter(action="reviews.round.opened").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_posting_to_the_api_at_once_get_201_and_409(accepted, coordinator, pool):
    url = reverse("api-review-assignments", args=[accepted.pk])
    clients = [Client(), Client()]
    for c in clients:
        c.force_login(coordinator)
    answers: list[int] = []

    def post(c: Client) -> None:
        answers.append(
            c.post(
                url, {"reviewers": [p.pk for p in pool[:3]]}, content_type="application/json"
            ).status_code
        )

    _race([lambda c=c: post(c) for c in clients])
    assert sorted(answers) == [201, 409]
    assert Round.objects.filter(request=accepted).count() == 1
    assert Assignment.objects.filter(round__request=accepted).count() == 3
    for person in pool[:3]:
        assert (
            Notification.objects.filter(recipient=person, kind="reviews.assignment.invited").count()
            == 1
        )


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_application_sent_twice_at_once_makes_one_profile(member, org):
    OrganizationMembership.objects.create(user=member, organization=org)
    errors = _race(
        [lambda: services.apply_to_college(member, organization=org, languages=["fr"])] * 2
    )
    assert ReviewerProfile.objects.filter(user=member).count() == 1
    assert [e.code for e in errors] == ["duplicate"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_decline_and_an_assignment_at_once_never_exceed_the_seats(in_review, coordinator, pool):
    seated = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    newcomer = make_reviewer()
    errors = _race(
        [
            lambda: services.decline_assignment(seated, by=pool[0], reason="Pas le temps."),
            lambda: services.assign(in_review.current_round, newcomer, by=coordinator),
        ]
    )
    seats = Assignment.objects.filter(
        round=in_review.current_round, state__in=("invited", "accepted", "submitted")
    ).count()
    assert seats <= in_review.reviewers_wanted
    assert len(errors) <= 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_and_an_acceptance_at_once_leave_no_open_seat(in_review, researcher, pool):
    """Whichever comes first, the request ends closed with nobody left invited or reviewing."""
    seat = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    errors = _race(
        [
            lambda: services.accept_assignment(seat, by=pool[0]),
            lambda: services.withdraw_request(in_review, by=researcher, reason="Arrêtée."),
        ]
    )
    assert len(errors) <= 1
    in_review.refresh_from_db()
    assert in_review.status == "closed"
    assert not Assignment.objects.filter(
        round__request=in_review, state__in=("invited", "accepted", "proposed")
    ).exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_report_sent_while_a_reviewer_accepts_ends_every_open_seat(
    in_review, coordinator, pool
):
    from .conftest import GRID

    first = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(first, by=pool[0])
    services.save_review(first, by=pool[0], values=GRID, submit=True)
    report = services.start_consolidation(in_review, by=coordinator, force=True)
    late = Assignment.objects.get(round=in_review.current_round, reviewer=pool[1])
    errors = _race(
        [
            lambda: services.accept_assignment(late, by=pool[1]),
            lambda: services.send_report(report, by=coordinator),
        ]
    )
    assert [e.code for e in errors] == ["over"]  # consolidation had begun: too late
    assert not Assignment.objects.filter(
        round=in_review.current_round, state__in=("invited", "accepted", "proposed")
    ).exists()
