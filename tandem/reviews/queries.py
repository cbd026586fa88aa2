"""Reads that carry rules: who sees which request, document and assignment; the reviewer pool
and the optimiser's view of it. Each function decides its joins once (constant query counts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import Role, User
from tandem.reviews import assignment as optimiser
from tandem.reviews import consolidate
from tandem.reviews.models import (
    OPEN_STATES,
    OPEN_STATUSES,
    SEAT_STATES,
    AnchoredComment,
    Assignment,
    AssignmentState,
    Document,
    DocumentVersion,
    RequestStatus,
    ReviewerProfile,
    ReviewerStatus,
    ReviewRequest,
    ReviewState,
    Round,
)


def is_coordinator(user: User) -> bool:
    return user.has_role(Role.COORDINATOR, Role.ADMIN)


def _seated(user: User) -> Q:
    """Requests where `user` holds a seat (invited, accepted or review sent)."""
    return Q(
        Exists(
            Assignment.objects.filter(
                round__request=OuterRef("pk"), reviewer=user, state__in=SEAT_STATES
            )
        )
    )


def _own(user: User) -> Q:
    return Q(submitted_by=user) | Q(
        Exists(
            ReviewRequest.delegates.through.objects.filter(reviewrequest=OuterRef("pk"), user=user)
        )
    )


def requests_visible_to(user: User) -> QuerySet[ReviewRequest]:
    """The coordinator sees every request; a researcher their own and those they are a delegate
    of; a reviewer those they hold a seat in. Drafts stay with their authors."""
    qs = ReviewRequest.objects.select_related("submitted_by", "current_round")
    if is_coordinator(user):
        return qs.filter(Q(~Q(status=RequestStatus.DRAFT)) | _own(user))
    return qs.filter(_own(user) | (_seated(user) & ~Q(status=RequestStatus.DRAFT)))


def requests_of(user: User) -> QuerySet[ReviewRequest]:
    """The requests a researcher submitted or is a delegate of."""
    return ReviewRequest.objects.filter(_own(user)).select_related("current_round")


def can_act_for(user: User, request: ReviewRequest) -> bool:
    """The submitter or a delegate (they upload, send, answer)."""
    return request.submitted_by_id == user.pk or request.delegates.filter(pk=user.pk).exists()


def triage_queue() -> QuerySet[ReviewRequest]:
    """Open requests for the coordinator, oldest submission first, with their seat counts."""
    return (
        ReviewRequest.objects.filter(status__in=OPEN_STATUSES)
        .select_related("submitted_by", "current_round")
        .annotate(
            seats_taken=Count(
                "current_round__assignments",
                filter=Q(current_round__assignments__state__in=SEAT_STATES),
                distinct=True,
            ),
            reviews_in=Count(
                "current_round__assignments",
                filter=Q(current_round__assignments__state=AssignmentState.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("submitted_at", "pk")
    )


def documents_of(request: ReviewRequest) -> QuerySet[Document]:
    return Document.objects.filter(request=request).select_related("latest_version")


def versions_of(request: ReviewRequest) -> QuerySet[DocumentVersion]:
    return (
        DocumentVersion.objects.filter(document__request=request)
        .select_related("document", "uploaded_by")
        .defer("report")
        .order_by("document__kind", "-number")
    )


def versions_visible_to(user: User) -> QuerySet[DocumentVersion]:
    """Document versions a person may download: through the requests they may see."""
    return DocumentVersion.objects.filter(
        document__request__in=requests_visible_to(user).values("pk")
    ).select_related("document__request")


def assignments_of(user: User) -> QuerySet[Assignment]:
    """A reviewer's own assignments (alternates not yet invited are not shown)."""
    return (
        Assignment.objects.filter(reviewer=user)
        .exclude(state=AssignmentState.PROPOSED)
        .select_related("round__request", "review")
        .order_by("-created", "-pk")
    )


def open_assignments_of(user: User) -> QuerySet[Assignment]:
    return assignments_of(user).filter(state__in=OPEN_STATES)


def assignments_due(reviewer: User) -> QuerySet[Assignment]:
    return open_assignments_of(reviewer).order_by("due", "pk")


def round_assignments(round: Round) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(round=round)
        .select_related("reviewer", "review", "reviewer__reviewer_profile")
        .order_by("alternate_rank", "pk")
    )


def rounds_reviewed_by(user: User) -> QuerySet[Round]:
    """Rounds in which `user` sent their own review: the rounds whose other reviews they may
    read (rule `reviews.read_round_reviews`, with the coordinators)."""
    return Round.objects.filter(
        Exists(
            Assignment.objects.filter(
                round=OuterRef("pk"), reviewer=user, state=AssignmentState.SUBMITTED
            )
        )
    )


def reviews_visible_in_round(user: User, round: Round) -> QuerySet[Assignment]:
    """Other reviewers' submitted reviews: for the coordinator, or for a reviewer once their own
    review is sent (pretalx's rule)."""
    submitted = round_assignments(round).filter(state=AssignmentState.SUBMITTED)
    if user.has_perm("reviews.read_round_reviews", round):
        return submitted
    return submitted.none()


def reviews_still_awaited(assignment: Assignment) -> int:
    """How many other reviewers of the assignment's round hold a seat and have not sent their
    review yet: their reviews are still to appear beside the sent ones."""
    return (
        Assignment.objects.filter(round_id=assignment.round_id, state__in=OPEN_STATES)
        .exclude(pk=assignment.pk)
        .count()
    )


def submitted_comments_visible_to(
    user: User, version: DocumentVersion
) -> QuerySet[AnchoredComment]:
    """Comments of sent reviews on `version` that `user` may read: all of them for the
    coordinator and the request's authors (they answer them); for a reviewer, those of the rounds
    whose reviews they may read (`reviews.read_round_reviews`, as in the workspace)."""
    comments = AnchoredComment.objects.filter(
        version=version, review__state=ReviewState.SUBMITTED
    ).prefetch_related("carried_to")
    request = version.document.request
    if is_coordinator(user) or can_act_for(user, request):
        return comments
    return comments.filter(review__assignment__round__in=rounds_reviewed_by(user))


def comments_on(version: DocumentVersion) -> QuerySet[AnchoredComment]:
    return AnchoredComment.objects.filter(version=version).select_related(
        "author", "review__assignment"
    )


def earlier_comments(assignment: Assignment, version: DocumentVersion) -> list[AnchoredComment]:
    """A reviewer's own comments of earlier rounds on this document (as first made, not their
    copies), each with the research team's answer and `in_current`: its copy in `version` when
    the passage is still there unchanged (empty when it was rewritten or removed). Two
    queries."""
    return list(
        AnchoredComment.objects.filter(
            version__document_id=version.document_id,
            version__number__lt=version.number,
            review__state=ReviewState.SUBMITTED,
            review__assignment__reviewer_id=assignment.reviewer_id,
            review__assignment__round__request_id=assignment.round.request_id,
            review__assignment__round__number__lt=assignment.round.number,
            carried_from__isnull=True,
        )
        .select_related("version")
        .prefetch_related(
            Prefetch(
                "carried_to",
                queryset=AnchoredComment.objects.filter(version=version),
                to_attr="in_current",
            )
        )
        .order_by("version__number", "start", "pk")
    )


def comments_for_researcher(request: ReviewRequest) -> QuerySet[AnchoredComment]:
    """Comments of submitted reviews, as the researcher sees them (answers to give)."""
    return (
        AnchoredComment.objects.filter(
            version__document__request=request,
            review__state="submitted",
            carried_from__isnull=True,
        )
        .select_related("version__document")
        .order_by("version__document__kind", "start", "pk")
    )


def reviewer_pool() -> QuerySet[ReviewerProfile]:
    return (
        ReviewerProfile.objects.select_related("user", "organization")
        .prefetch_related("disease_areas")
        .annotate(
            open_load=Count(
                "user__review_assignments",
                filter=Q(user__review_assignments__state__in=OPEN_STATES),
                distinct=True,
            )
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def applications() -> QuerySet[ReviewerProfile]:
    return reviewer_pool().filter(status=ReviewerStatus.APPLIED)


def open_load(user: User) -> int:
    return Assignment.objects.filter(reviewer=user, state__in=OPEN_STATES).count()


def reviewer_history(user: User) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(reviewer=user, state=AssignmentState.SUBMITTED)
        .select_related("round__request")
        .order_by("-submitted_at")
    )


def coordinators() -> QuerySet[User]:
    return User.objects.filter(role_assignments__role=Role.COORDINATOR, is_active=True).distinct()


# --- The optimiser's view of the pool ----------------------------------------------------


def candidates(
    *, on: dt.date | None = None, users: list[int] | None = None
) -> list[optimiser.Candidate]:
    """Every reviewer profile (or those of `users`) as the optimiser sees it, with the current
    open load."""
    today = on or timezone.localdate()
    profiles = (
        ReviewerProfile.objects.all()
        if users is None
        else ReviewerProfile.objects.filter(user__in=users)
    )
    profiles = (
        profiles.select_related("user")
        .prefetch_related(
            "disease_areas",
            "conflict_organizations",
            Prefetch("unavailabilities", to_attr="absences"),
        )
        .annotate(
            open_load=Count(
                "user__review_assignments",
                filter=Q(user__review_assignments__state__in=OPEN_STATES),
                distinct=True,
            )
        )
        .order_by("pk")
    )
    return [
        optimiser.Candidate(
            id=p.user_id,
            name=str(p.user),
            organization_id=p.organization_id,
            conflict_organization_ids=frozenset(o.pk for o in p.conflict_organizations.all()),
            conflict_terms=tuple(p.conflict_terms),
            languages=frozenset(p.languages or []),
            area_paths=tuple(a.path for a in p.disease_areas.all()),
            area_names=tuple(a.name for a in p.disease_areas.all()),
            load=p.open_load,  # type: ignore[attr-defined]
            max_load=p.max_open_reviews,
            absences=tuple((u.start, u.end) for u in p.absences if u.end >= today),  # type: ignore[attr-defined]
            active=p.status == ReviewerStatus.ACTIVE,
            trained=p.training_completed_on is not None,
        )
        for p in profiles
    ]


def need_for(
    request: ReviewRequest, *, deadline: dt.date | None = None, alternates: int = 2
) -> optimiser.Need:
    """What one request asks of the pool: seats still free, excluded people, review window."""
    today = timezone.localdate()
    excluded: set[int] = set()
    seated = 0
    if request.current_round_id:
        for reviewer_id, state in Assignment.objects.filter(
            round_id=request.current_round_id
        ).values_list("reviewer_id", "state"):
            excluded.add(reviewer_id)
            if state in SEAT_STATES:
                seated += 1
    excluded.add(request.submitted_by_id)
    areas = list(request.disease_areas.all())
    end = deadline or (request.current_round.deadline if request.current_round else None)
    return optimiser.Need(
        id=request.pk,
        wanted=max(0, request.reviewers_wanted - seated),
        language=request.language,
        organization_ids=frozenset(request.organizations.values_list("pk", flat=True)),
        text=" ".join([request.title, request.acronym, request.sponsor_reference]),
        area_paths=tuple(a.path for a in areas),
        area_names=tuple(a.name for a in areas),
        window=(today, end or today + dt.timedelta(days=10)),
        excluded=frozenset(excluded),
        alternates=alternates,
    )


def report_comments(
    round: Round, submitted: Sequence[Assignment] | None = None
) -> list[dict[str, Any]]:
    """The passage comments of the round's sent reviews, as the report holds them: grouped by
    document, in the document's order (version, then passage), repeats across reviewers said once
    with their count, each with the team's answer. Reviewers are numbered as on the consolidation
    page; a name comes only with the reviewer's consent. Two queries (one if `submitted`, the
    round's sent assignments in `round_assignments` order, is given)."""
    if submitted is None:
        submitted = list(round_assignments(round).filter(state=AssignmentState.SUBMITTED))
    reviewers: dict[int, dict[str, object]] = {}
    for number, seat in enumerate(submitted, start=1):
        profile = getattr(seat.reviewer, "reviewer_profile", None)
        named = getattr(profile, "show_name_to_researchers", False)
        reviewers[seat.pk] = {"number": number, "name": str(seat.reviewer) if named else ""}
    comments = (
        AnchoredComment.objects.filter(
            review__assignment__in=list(reviewers),
            review__state=ReviewState.SUBMITTED,
            carried_from__isnull=True,
        )
        .select_related("version__document", "review")
        .order_by(
            "version__document__kind", "version__document_id", "version__number", "start", "pk"
        )
    )
    groups: dict[int, dict[str, Any]] = {}
    remarks: list[consolidate.PassageRemark] = []
    for c in comments:
        document = c.version.document
        groups.setdefault(
            document.pk, {"kind": document.kind, "document": document.get_kind_display()}
        )
        remarks.append(
            consolidate.PassageRemark(
                document=str(document.pk),
                version_id=c.version_id,
                version=c.version.number,
                start=c.start,
                quote=c.quote,
                comment=c.comment,
                suggestion=c.suggestion,
                reviewers=[dict(reviewers[c.review.assignment_id])],
                answer=c.answer,
                answer_label=str(c.get_answer_display()),
                answer_reason=c.answer_reason,
                kind=c.kind,
                kind_label=str(c.get_kind_display()),
                severity=c.severity,
                severity_label=str(c.get_severity_display()),
            )
        )
    for remark in consolidate.merge_passages(remarks):
        groups[int(remark.document)].setdefault("comments", []).append(remark)
    return list(groups.values())
