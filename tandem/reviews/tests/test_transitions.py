"""Every transition service, and the forbidden ones: a clear message and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.models import ActionLogEntry
from tandem.directory.models import OrganizationMembership
from tandem.reviews import services
from tandem.reviews.models import (
    AnchoredComment,
    Assignment,
    AssignmentState,
    RequestStatus,
    ReviewerProfile,
    ReviewerStatus,
    Round,
)

from .conftest import GRID, make_reviewer, review_all


def _unchanged(obj, field, before):
    obj.refresh_from_db()
    assert getattr(obj, field) == before


def test_a_draft_without_its_three_documents_cannot_be_sent(researcher):
    request = services.create_request(by=researcher, title="Sans documents", category="riph3")
    with pytest.raises(DomainError, match="Add the missing documents"):
        services.submit_request(request, by=researcher)
    _unchanged(request, "status", RequestStatus.DRAFT)


def test_a_planned_date_in_the_past_is_refused(researcher):
    with pytest.raises(DomainError, match="in the past"):
        services.create_request(
            by=researcher, title="X", category="riph3", planned_submission_on=dt.date(2000, 1, 1)
        )


def test_triage_can_ask_for_documents_then_accept_after_resubmission(
    submitted, coordinator, researcher
):
    services.ask_for_documents(
        submitted, by=coordinator, note="Le résumé du protocole est illisible."
    )
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.MISSING_DOCUMENTS
    services.submit_request(submitted, by=researcher)
    services.accept_request(submitted, by=coordinator)
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.ACCEPTED


def test_declining_needs_a_reason_and_is_final(submitted, coordinator):
    with pytest.raises(DomainError):
        services.decline_request(submitted, by=coordinator, reason="  ")
    services.decline_request(submitted, by=coordinator, reason="Hors champ")
    with pytest.raises(TransitionNotAllowed, match="cannot go from “Declined” to “Accepted”"):
        services.accept_request(submitted, by=coordinator)
    _unchanged(submitted, "status", RequestStatus.DECLINED)


def test_forbidden_transition_message_is_translated(submitted, coordinator):
    services.decline_request(submitted, by=coordinator, reason="Hors champ")
    with translation.override("fr"), pytest.raises(TransitionNotAllowed) as error:
        services.accept_request(submitted, by=coordinator)
    assert str(error.value)  # rendered in the active language without error


def test_a_draft_cannot_be_accepted(draft, coordinator):
    with pytest.raises(TransitionNotAllowed):
        services.accept_request(draft, by=coordinator)
    _unchanged(draft, "status", RequestStatus.DRAFT)


def test_assigning_a_reviewer_of_an_involved_organization_is_refused(accepted, coordinator, org):
    conflicted = make_reviewer(organization=org)
    before = ActionLogEntry.objects.count()
    with pytest.raises(DomainError, match="organization is involved"):
        services.assign_reviewers(accepted, by=coordinator, reviewers=[conflicted])
    assert not Assignment.objects.exists()
    assert ActionLogEntry.objects.count() == before
    _unchanged(accepted, "status", RequestStatus.ACCEPTED)


def test_assigning_above_the_maximum_load_is_refused(accepted, coordinator):
    tired = make_reviewer(max_open=1)
    other = services.create_request(by=accepted.submitted_by, title="Autre", category="riph3")
    other.status = RequestStatus.ACCEPTED
    other.save()
    services.assign_reviewers(other, by=coordinator, reviewers=[tired])
    with pytest.raises(DomainError, match="as many open reviews"):
        services.assign_reviewers(accepted, by=coordinator, reviewers=[tired])


def test_more_reviewers_than_wanted_are_refused(accepted, coordinator, pool):
    with pytest.raises(DomainError, match="at most 3"):
        services.assign_reviewers(accepted, by=coordinator, reviewers=pool[:4])
    assert not Assignment.objects.exists()


def test_a_deadline_in_the_past_is_refused(accepted, coordinator, pool):
    with pytest.raises(DomainError, match="date to come"):
        services.assign_reviewers(
            accepted, by=coordinator, reviewers=pool[:1], deadline=dt.date(2000, 1, 1)
        )


def test_only_the_invited_reviewer_can_answer(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    with pytest.raises(DomainError, match="Only the invited reviewer"):
        services.accept_assignment(assignment, by=pool[1])
    _unchanged(assignment, "state", AssignmentState.INVITED)


def test_a_review_cannot_be_submitted_twice(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    services.save_review(assignment, by=pool[0], values=GRID, submit=True)
    with pytest.raises(TransitionNotAllowed, match="already sent"):
        services.save_review(
            assignment, by=pool[0], values={**GRID, "rights_score": 1}, submit=True
        )
    assert assignment.review.rights_score == 4


def test_an_incomplete_grid_stays_a_draft(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    services.save_review(assignment, by=pool[0], values={"readability_score": 3})
    with pytest.raises(DomainError, match="Give a score for every criterion"):
        services.save_review(assignment, by=pool[0], values={}, submit=True)
    _unchanged(assignment, "state", AssignmentState.ACCEPTED)


def test_a_review_cannot_be_written_before_accepting(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    with pytest.raises(TransitionNotAllowed, match="Accept the assignment"):
        services.save_review(assignment, by=pool[0], values=GRID)


def test_a_comment_on_a_passage_not_in_the_text_is_refused(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    leaflet = in_review.documents.get(kind="leaflet").latest_version
    with pytest.raises(DomainError, match="not found"):
        services.add_comment(
            assignment, by=pool[0], version=leaflet, quote="n'existe pas", comment="?"
        )


def test_a_pasted_quote_is_found_with_its_offsets(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    leaflet = in_review.documents.get(kind="leaflet").latest_version
    comment = services.add_comment(
        assignment, by=pool[0], version=leaflet, quote="ponction   articulaire", comment="Expliquer"
    )
    assert leaflet.text[comment.start : comment.end] == "ponction articulaire"
    assert comment.prefix.endswith("soumettre à une ")


def test_a_draft_comment_can_be_deleted_but_not_once_the_review_is_sent(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    leaflet = in_review.documents.get(kind="leaflet").latest_version
    first, second = (
        services.add_comment(
            assignment, by=pool[0], version=leaflet, quote="ponction articulaire", comment=text
        )
        for text in ("Expliquer", "Définir")
    )
    with pytest.raises(DomainError):
        services.delete_comment(first, by=pool[1])
    services.delete_comment(first, by=pool[0])
    assert list(AnchoredComment.objects.filter(review__assignment=assignment)) == [second]
    services.submit_review(assignment, by=pool[0], values=GRID)
    with pytest.raises(TransitionNotAllowed, match="already sent"):
        services.delete_comment(second, by=pool[0])
    assert AnchoredComment.objects.filter(pk=second.pk).exists()


def test_submitting_a_review_is_all_or_nothing(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    leaflet = in_review.documents.get(kind="leaflet").latest_version
    good = {"version": leaflet.pk, "quote": "ponction articulaire", "comment": "Expliquer"}
    with pytest.raises(DomainError, match="Unknown document version"):
        services.submit_review(
            assignment, by=pool[0], values=GRID, comments=[good, {**good, "version": 0}]
        )
    with pytest.raises(DomainError, match="Give a score"):
        services.submit_review(
            assignment, by=pool[0], values={"readability_score": 2}, comments=[good]
        )
    assert not AnchoredComment.objects.filter(review__assignment=assignment).exists()
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED


def test_consolidation_waits_for_every_review_unless_forced(in_review, coordinator, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    services.save_review(assignment, by=pool[0], values=GRID, submit=True)
    with pytest.raises(DomainError, match="not sent their review"):
        services.start_consolidation(in_review, by=coordinator)
    _unchanged(in_review, "status", RequestStatus.IN_REVIEW)
    report = services.start_consolidation(in_review, by=coordinator, force=True)
    assert report.scores["readability"]["scores"] == [2]


def test_a_sent_report_cannot_be_sent_again_or_edited(in_review, coordinator):
    review_all(in_review)
    report = services.start_consolidation(in_review, by=coordinator)
    services.send_report(report, by=coordinator)
    with pytest.raises(TransitionNotAllowed, match=r"This report is already sent\.$"):
        services.send_report(report, by=coordinator)
    with pytest.raises(TransitionNotAllowed):
        services.save_report(report, by=coordinator, values={"summary": "changed"})


def test_rejecting_a_comment_needs_a_reason(in_review, coordinator, researcher, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    leaflet = in_review.documents.get(kind="leaflet").latest_version
    comment = services.add_comment(
        assignment, by=pool[0], version=leaflet, quote="ponction articulaire", comment="?"
    )
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    with pytest.raises(DomainError, match="Say why"):
        services.answer_comment(comment, by=researcher, accepted=False)
    services.answer_comment(
        comment, by=researcher, accepted=False, reason="Terme imposé par le CPP"
    )
    comment.refresh_from_db()
    assert comment.answer == "rejected"


def test_a_new_round_needs_a_revision(in_review, coordinator):
    with pytest.raises(TransitionNotAllowed):
        services.open_new_round(
            in_review, by=coordinator, deadline=timezone.localdate() + dt.timedelta(days=5)
        )


def test_a_member_applies_and_the_coordinator_validates(member, coordinator, org):
    OrganizationMembership.objects.create(user=member, organization=org)
    profile = services.apply_to_college(member, organization=org, languages=["fr"])
    assert profile.status == ReviewerStatus.APPLIED
    services.validate_application(
        profile, by=coordinator, training_completed_on=dt.date(2025, 1, 1)
    )
    profile.refresh_from_db()
    member.refresh_from_db()
    assert profile.status == ReviewerStatus.ACTIVE
    assert "reviewer" in set(member.role_assignments.values_list("role", flat=True))
    with pytest.raises(TransitionNotAllowed):
        services.validate_application(profile, by=coordinator)


def test_applying_for_an_organization_one_does_not_belong_to_is_refused(member, org):
    with pytest.raises(DomainError, match="member of"):
        services.apply_to_college(member, organization=org, languages=["fr"])
    assert not ReviewerProfile.objects.exists()


def test_the_coordinator_invites_a_reviewer_directly(outsider, coordinator, org):
    profile = services.invite_reviewer(outsider, by=coordinator, organization=org, languages=["fr"])
    assert profile.status == ReviewerStatus.ACTIVE
    services.set_reviewer_status(profile, by=coordinator, status=ReviewerStatus.INACTIVE)
    with pytest.raises(TransitionNotAllowed):
        services.set_reviewer_status(profile, by=coordinator, status=ReviewerStatus.APPLIED)


def test_closing_withdraws_open_assignments(in_review, coordinator):
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    services.close_request(in_review, by=coordinator, outcome="unchanged")
    assert not Assignment.objects.filter(
        round__request=in_review, state__in=["invited", "accepted", "proposed"]
    ).exists()


def test_an_untriaged_request_gets_no_round_even_without_reviewers(submitted, coordinator, pool):
    for people in ([], pool[:1]):
        with pytest.raises(TransitionNotAllowed, match="accepted at triage"):
            services.assign_reviewers(
                submitted, by=coordinator, reviewers=people, alternates=pool[4:]
            )
    assert not Round.objects.exists() and not Assignment.objects.exists()
    _unchanged(submitted, "current_round", None)


def test_a_round_needs_at_least_one_reviewer(accepted, coordinator, pool):
    with pytest.raises(DomainError, match="at least one reviewer") as empty:
        services.assign_reviewers(accepted, by=coordinator, reviewers=[])
    assert empty.value.code == "no_reviewers"
    with pytest.raises(DomainError, match="at least one reviewer to open the round"):
        services.assign_reviewers(accepted, by=coordinator, reviewers=[], alternates=pool[3:4])
    assert not Round.objects.exists() and not Assignment.objects.exists()


def test_a_deadline_given_once_the_round_exists_moves_it(in_review, coordinator, pool):
    round = in_review.current_round
    dora_bis = make_reviewer(first_name="Zoé")
    later = round.deadline + dt.timedelta(days=10)
    services.assign_reviewers(
        in_review, by=coordinator, reviewers=[], alternates=[dora_bis], deadline=later
    )
    round.refresh_from_db()
    assert round.deadline == later
    assert Round.objects.filter(request=in_review).count() == 1
    assert set(
        Assignment.objects.filter(round=round, state=AssignmentState.INVITED).values_list(
            "due", flat=True
        )
    ) == {later}
    entry = ActionLogEntry.objects.get(action="reviews.round.deadline_changed")
    assert entry.data["to"] == str(later)
    with pytest.raises(DomainError, match="date to come"):
        services.assign_reviewers(
            in_review,
            by=coordinator,
            reviewers=[],
            alternates=[dora_bis],
            deadline=dt.date(2000, 1, 1),
        )
    round.refresh_from_db()
    assert round.deadline == later


def test_a_coordinator_who_saw_no_round_is_refused_once_one_is_open(in_review, coordinator, pool):
    before = Assignment.objects.count()
    with pytest.raises(DomainError, match="Another coordinator") as stale:
        services.assign_reviewers(in_review, by=coordinator, reviewers=pool[4:5], seen_round=None)
    assert stale.value.code == "stale"
    assert Assignment.objects.count() == before
