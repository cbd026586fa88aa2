"""Writes of the College of Reviewers. Each state change is one function: it owns the
transaction, checks the rules, logs the action and schedules notifications and tasks after the
commit. Forbidden changes raise a translated DomainError and change nothing."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Role, RoleAssignment, User
from tandem.checks.queries import extra_lexicon
from tandem.clarity import Config, analyze
from tandem.clarity.extract import ExtractionError, extract_text
from tandem.core.audit import log_action
from tandem.core.errors import DomainError, TransitionNotAllowed, apply_transition
from tandem.core.formatting import local_date
from tandem.core.notifications import notify
from tandem.core.uploads import DOCUMENTS, clean_filename, extraction_limits, validate_upload
from tandem.directory.models import DiseaseArea, Organization, OrganizationMembership
from tandem.reviews import anchoring, consolidate, queries
from tandem.reviews import assignment as optimiser
from tandem.reviews.conf import setting
from tandem.reviews.models import (
    ANALYSED_DOCUMENTS,
    ANALYSIS_TRANSITIONS,
    ASSIGNMENT_TRANSITIONS,
    CRITERIA,
    OPEN_STATES,
    REQUEST_TRANSITIONS,
    REQUIRED_DOCUMENTS,
    REVIEWER_TRANSITIONS,
    SEAT_STATES,
    AnalysisStatus,
    AnchoredComment,
    AnswerState,
    Assignment,
    AssignmentState,
    ConsolidatedReport,
    Document,
    DocumentKind,
    DocumentVersion,
    ReportStatus,
    RequestStatus,
    Review,
    ReviewerProfile,
    ReviewerStatus,
    ReviewRequest,
    ReviewState,
    Round,
    Unavailability,
)

logger = logging.getLogger(__name__)


# --- Transitions: one function per aggregate, one table each ---------------------------------


def transition_request(request: ReviewRequest, *, to: str) -> None:
    apply_transition(
        request,
        field="status",
        to=to,
        allowed=REQUEST_TRANSITIONS,
        message=_("This request cannot go from “%(from)s” to “%(to)s”."),
    )


def transition_assignment(assignment: Assignment, *, to: str) -> None:
    apply_transition(
        assignment,
        field="state",
        to=to,
        allowed=ASSIGNMENT_TRANSITIONS,
        message=_("This assignment cannot go from “%(from)s” to “%(to)s”."),
    )


def transition_reviewer(profile: ReviewerProfile, *, to: str) -> None:
    apply_transition(
        profile,
        field="status",
        to=to,
        allowed=REVIEWER_TRANSITIONS,
        message=_("This reviewer cannot go from “%(from)s” to “%(to)s”."),
    )


def transition_analysis(version: DocumentVersion, *, to: str) -> None:
    apply_transition(
        version,
        field="analysis_status",
        to=to,
        allowed=ANALYSIS_TRANSITIONS,
        message=_("This analysis cannot go from “%(from)s” to “%(to)s”."),
    )


def transition_review(review: Review, *, to: str) -> None:
    if review.state == ReviewState.SUBMITTED:
        raise TransitionNotAllowed(_("This review is already sent; it cannot be changed."))
    review.state = to


def _notify_coordinators(*, kind: str, title: Any, url: str, body: Any = "") -> None:
    for person in queries.coordinators():
        notify(person, kind=kind, title=title, body=body, url=url)


def _notify_authors(request: ReviewRequest, *, kind: str, title: Any, body: Any = "") -> None:
    people = {request.submitted_by, *request.delegates.all()}
    for person in people:
        notify(person, kind=kind, title=title, body=body, url=request.get_absolute_url())


# --- The reviewer pool --------------------------------------------------------------------


def apply_to_college(
    user: User,
    *,
    organization: Organization,
    languages: Sequence[str],
    motivation: str = "",
    disease_areas: Iterable[DiseaseArea] = (),
    max_open_reviews: int = 2,
    declared_conflicts: str = "",
) -> ReviewerProfile:
    """An organization member applies to join the College. Creates an `applied` profile, logs
    `reviews.reviewer.applied`, tells the coordinators."""
    if not OrganizationMembership.objects.filter(user=user, organization=organization).exists():
        raise DomainError(
            _("You can apply only on behalf of an organization you are a member of."),
            code="not_member",
        )
    if ReviewerProfile.objects.filter(user=user).exists():
        raise DomainError(_("You have already applied to the College."), code="duplicate")
    with transaction.atomic():
        profile = ReviewerProfile.objects.create(
            user=user,
            organization=organization,
            languages=list(languages),
            motivation=motivation,
            max_open_reviews=max_open_reviews,
            declared_conflicts=declared_conflicts,
            status=ReviewerStatus.APPLIED,
        )
        profile.disease_areas.set(list(disease_areas))
        log_action(profile, "reviews.reviewer.applied", by=user)
        _notify_coordinators(
            kind="reviews.application",
            title=_("%(name)s applies to the College of Reviewers") % {"name": user},
            url=reverse("reviews:pool"),
        )
    return profile


def invite_reviewer(
    user: User,
    *,
    by: User,
    organization: Organization | None,
    languages: Sequence[str],
    training_completed_on: dt.date | None = None,
    max_open_reviews: int = 2,
    disease_areas: Iterable[DiseaseArea] = (),
) -> ReviewerProfile:
    """The coordinator adds a person to the College directly (an invitation): the profile is
    active and the person gets the reviewer role. Logs `reviews.reviewer.invited`."""
    with transaction.atomic():
        profile, created = ReviewerProfile.objects.get_or_create(
            user=user,
            defaults={
                "organization": organization,
                "languages": list(languages),
                "training_completed_on": training_completed_on,
                "max_open_reviews": max_open_reviews,
                "status": ReviewerStatus.ACTIVE,
                "validated_by": by,
                "validated_at": timezone.now(),
            },
        )
        if not created:
            raise DomainError(_("This person is already in the College."), code="duplicate")
        profile.disease_areas.set(list(disease_areas))
        RoleAssignment.objects.get_or_create(
            user=user, role=Role.REVIEWER, defaults={"granted_by": by}
        )
        log_action(profile, "reviews.reviewer.invited", by=by)
        notify(
            user,
            kind="reviews.welcome",
            title=_("Welcome to the College of Reviewers"),
            url=reverse("reviews:my_assignments"),
        )
    return profile


def validate_application(
    profile: ReviewerProfile, *, by: User, training_completed_on: dt.date | None = None
) -> ReviewerProfile:
    """The coordinator validates an application: active, reviewer role granted. Logs
    `reviews.reviewer.validated` and tells the applicant."""
    with transaction.atomic():
        profile = ReviewerProfile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
        if profile.status != ReviewerStatus.APPLIED:
            raise TransitionNotAllowed(
                _("Only an application waiting for validation can be validated.")
            )
        transition_reviewer(profile, to=ReviewerStatus.ACTIVE)
        profile.validated_by = by
        profile.validated_at = timezone.now()
        if training_completed_on is not None:
            profile.training_completed_on = training_completed_on
        profile.save()
        RoleAssignment.objects.get_or_create(
            user=profile.user, role=Role.REVIEWER, defaults={"granted_by": by}
        )
        log_action(profile, "reviews.reviewer.validated", by=by)
        notify(
            profile.user,
            kind="reviews.welcome",
            title=_("Your application to the College of Reviewers is accepted"),
            url=reverse("reviews:my_assignments"),
        )
    return profile


def set_reviewer_status(profile: ReviewerProfile, *, by: User, status: str) -> ReviewerProfile:
    """Activate or deactivate a reviewer (or turn down an application). Logs
    `reviews.reviewer.<status>`."""
    with transaction.atomic():
        profile = ReviewerProfile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
        transition_reviewer(profile, to=status)
        profile.save(update_fields=["status", "updated"])
        log_action(profile, f"reviews.reviewer.{status}", by=by)
    return profile


def update_reviewer_profile(
    profile: ReviewerProfile, *, by: User, values: Mapping[str, Any]
) -> ReviewerProfile:
    """Change a profile's fields (many-to-many values given as lists). Logs
    `reviews.reviewer.updated` with the names of the fields changed."""
    many = {"disease_areas", "conflict_organizations"}
    with transaction.atomic():
        for name, value in values.items():
            if name in many:
                getattr(profile, name).set(list(value))
            else:
                setattr(profile, name, value)
        profile.save()
        log_action(profile, "reviews.reviewer.updated", by=by, data={"fields": sorted(values)})
    return profile


def add_unavailability(
    profile: ReviewerProfile, *, by: User, start: dt.date, end: dt.date, note: str = ""
) -> Unavailability:
    if end < start:
        raise DomainError(_("The end of an absence cannot come before its start."), code="order")
    with transaction.atomic():
        period = Unavailability.objects.create(profile=profile, start=start, end=end, note=note)
        log_action(
            profile,
            "reviews.reviewer.unavailable",
            by=by,
            data={"start": str(start), "end": str(end)},
        )
    return period


# --- Requests and documents ---------------------------------------------------------------


def create_request(
    *,
    by: User,
    title: str,
    category: str,
    language: str = "fr",
    acronym: str = "",
    disease_areas: Iterable[DiseaseArea] = (),
    sponsor_reference: str = "",
    planned_submission_on: dt.date | None = None,
    organizations: Iterable[Organization] = (),
    delegates: Iterable[User] = (),
    reviewers_wanted: int = 3,
    documents: Mapping[str, UploadedFile] | None = None,
) -> ReviewRequest:
    """A researcher starts a request (a draft) with its documents, which are analysed in the
    background. Logs `reviews.request.created`."""
    if planned_submission_on is not None and planned_submission_on < timezone.localdate():
        raise DomainError(
            _("The planned submission date is in the past. Give a date to come."), code="past"
        )
    with transaction.atomic():
        request = ReviewRequest.objects.create(
            title=title,
            acronym=acronym,
            category=category,
            language=language,
            sponsor_reference=sponsor_reference,
            planned_submission_on=planned_submission_on,
            submitted_by=by,
            reviewers_wanted=reviewers_wanted,
        )
        request.disease_areas.set(list(disease_areas))
        request.organizations.set(list(organizations))
        request.delegates.set([d for d in delegates if d.pk != by.pk])
        log_action(request, "reviews.request.created", by=by)
        for kind, upload in (documents or {}).items():
            if upload is not None:
                add_document_version(request, kind=kind, upload=upload, by=by)
    return request


EDITABLE_STATUSES = (
    RequestStatus.DRAFT,
    RequestStatus.SUBMITTED,
    RequestStatus.MISSING_DOCUMENTS,
    RequestStatus.REPORT_SENT,
    RequestStatus.REVISION,
)


def add_document_version(
    request: ReviewRequest, *, kind: str, upload: UploadedFile, by: User
) -> DocumentVersion:
    """Store a (new version of a) document in private storage and analyse it in the
    background. After a report, uploading starts the revision. Logs
    `reviews.document.uploaded`."""
    if kind not in DocumentKind.values:
        raise DomainError(_("Unknown kind of document."), code="kind")
    file_type = _checked_file_type(upload)
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if request.status not in EDITABLE_STATUSES:
            raise TransitionNotAllowed(
                _("Documents cannot be changed while the request is “%(status)s”.")
                % {"status": request.get_status_display()}
            )
        if request.status == RequestStatus.REPORT_SENT:
            transition_request(request, to=RequestStatus.REVISION)
            request.save(update_fields=["status", "updated"])
            log_action(request, "reviews.request.revision_started", by=by)
        document, _created = Document.objects.get_or_create(request=request, kind=kind)
        number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = DocumentVersion(
            document=document,
            number=number,
            original_filename=clean_filename(upload.name or ""),
            file_type=file_type,
            size=upload.size or 0,
            uploaded_by=by,
        )
        version.file.save("upload", upload, save=False)
        version.save()
        document.latest_version = version
        document.save(update_fields=["latest_version", "updated"])
        log_action(
            request, "reviews.document.uploaded", by=by, data={"kind": kind, "version": number}
        )
    from tandem.reviews.tasks import analyse_version_task

    transaction.on_commit(lambda: analyse_version_task.enqueue(version.pk))
    return version


def _checked_file_type(upload: UploadedFile) -> str:
    """The real type of a document, checked again here whoever calls (forms check it first)."""
    try:
        return validate_upload(upload, allowed=DOCUMENTS)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code=exc.code or "upload") from exc


def analyse_version(version: DocumentVersion, *, resume: bool = False) -> DocumentVersion:
    """Extract the text and, for the leaflet and the consent form, run the clarity analyzer.
    Comments on the previous version follow their passages. Any failure marks the analysis
    failed with a reason; nothing escapes to crash the worker. `resume` (the task's earlier
    run lost its worker) analyses a RUNNING version again; only the first run to finish
    writes its result and its log entry."""
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update(of=("self",))
            .select_related("document__request")
            .get(pk=version.pk)
        )
        if not (resume and version.analysis_status == AnalysisStatus.RUNNING):
            if version.analysis_status != AnalysisStatus.PENDING:
                return version
            transition_analysis(version, to=AnalysisStatus.RUNNING)
            version.save(update_fields=["analysis_status", "updated"])
    request = version.document.request
    try:
        with version.file.open("rb") as handle:
            text = extract_text(
                handle.read(), version.original_filename, limits=extraction_limits()
            ).text
        report = None
        if version.document.kind in ANALYSED_DOCUMENTS:
            report = analyze(
                text,
                language=request.language,
                document_kind=version.document.kind,
                category=request.category or None,
                interface_language=request.submitted_by.language,
                config=Config(extra_lexicon=extra_lexicon(request.language)),
            ).to_dict()
    except ExtractionError as exc:
        return _analysis_failed(version, exc.code, {k: str(v) for k, v in exc.values.items()})
    except ValueError:
        return _analysis_failed(version, "empty", {})
    except Exception:  # a bad document must never crash the worker
        logger.exception("Analysis of document version %s failed", version.pk)
        return _analysis_failed(version, "internal", {})
    with transaction.atomic():
        if not _analysis_still_running(version):
            return version
        if report is not None:
            transition_analysis(version, to=AnalysisStatus.DONE)
            version.report = report
            version.text = report["text"]  # offsets of findings and comments point here
            version.score = report["score"]
        else:
            transition_analysis(version, to=AnalysisStatus.SKIPPED)
            version.text = text
        version.save()
        carried = reanchor_comments(version)
        log_action(
            version,
            "reviews.document.analysed",
            by=None,
            data={"score": version.score, "comments_carried": carried},
        )
    return version


def _analysis_still_running(version: DocumentVersion) -> bool:
    """Lock the version and tell whether this run may write its result (see analyse_version)."""
    current = DocumentVersion.objects.select_for_update().only("analysis_status").get(pk=version.pk)
    version.analysis_status = current.analysis_status
    return current.analysis_status == AnalysisStatus.RUNNING


def _analysis_failed(
    version: DocumentVersion, code: str, values: dict[str, str]
) -> DocumentVersion:
    with transaction.atomic():
        if version.analysis_status == AnalysisStatus.RUNNING and not _analysis_still_running(
            version
        ):
            return version
        transition_analysis(version, to=AnalysisStatus.FAILED)
        version.error_code = code
        version.error_values = values
        version.save()
        log_action(version, "reviews.document.analysis_failed", by=None, data={"error": code})
    return version


def reanchor_comments(version: DocumentVersion) -> int:
    """Copy the comments of the previous version onto `version` where their quoted passage is
    still found (same words, best matching context). Returns how many followed."""
    previous = (
        DocumentVersion.objects.filter(document_id=version.document_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    if previous is None or not version.text:
        return 0
    if AnchoredComment.objects.filter(version=version).exists():
        return 0  # already done
    carried = []
    for comment in AnchoredComment.objects.filter(
        version=previous, review__state=ReviewState.SUBMITTED
    ):
        span = anchoring.locate(
            version.text,
            comment.quote,
            prefix=comment.prefix,
            suffix=comment.suffix,
            near=comment.start,
        )
        if span is None:
            continue
        prefix, suffix = anchoring.context(version.text, *span)
        carried.append(
            AnchoredComment(
                version=version,
                review_id=comment.review_id,
                author_id=comment.author_id,
                start=span[0],
                end=span[1],
                quote=version.text[span[0] : span[1]],
                prefix=prefix,
                suffix=suffix,
                comment=comment.comment,
                suggestion=comment.suggestion,
                carried_from=comment.carried_from or comment,
            )
        )
    AnchoredComment.objects.bulk_create(carried)
    return len(carried)


def submit_request(request: ReviewRequest, *, by: User) -> ReviewRequest:
    """Send the request to the College (from a draft, or again after documents were asked
    for). All three documents are required. Logs `reviews.request.submitted`, tells the
    coordinators."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        transition_request(request, to=RequestStatus.SUBMITTED)
        present = set(
            Document.objects.filter(request=request, latest_version__isnull=False).values_list(
                "kind", flat=True
            )
        )
        missing = [DocumentKind(k).label for k in REQUIRED_DOCUMENTS if k not in present]
        if missing:
            raise DomainError(
                _("Add the missing documents before sending: %(missing)s.")
                % {"missing": ", ".join(str(m) for m in missing)},
                code="missing_documents",
            )
        request.submitted_at = request.submitted_at or timezone.now()
        request.status_note = ""
        request.save()
        log_action(request, "reviews.request.submitted", by=by)
        _notify_coordinators(
            kind="reviews.request.submitted",
            title=_("New review request: %(title)s") % {"title": request},
            url=request.get_absolute_url(),
        )
    return request


def accept_request(request: ReviewRequest, *, by: User) -> ReviewRequest:
    """Triage: the College takes the request. Logs `reviews.request.accepted`."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        transition_request(request, to=RequestStatus.ACCEPTED)
        request.accepted_at = timezone.now()
        request.save()
        log_action(request, "reviews.request.accepted", by=by)
        _notify_authors(
            request,
            kind="reviews.request.accepted",
            title=_("The College will review “%(title)s”") % {"title": request},
        )
    return request


def ask_for_documents(request: ReviewRequest, *, by: User, note: str) -> ReviewRequest:
    """Triage: documents are missing or unusable. Logs `reviews.request.missing_documents`."""
    if not note.strip():
        raise DomainError(_("Say which documents are missing."), code="note")
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        transition_request(request, to=RequestStatus.MISSING_DOCUMENTS)
        request.status_note = note
        request.save()
        log_action(request, "reviews.request.missing_documents", by=by)
        _notify_authors(
            request,
            kind="reviews.request.missing_documents",
            title=_("Documents are missing for “%(title)s”") % {"title": request},
            body=note,
        )
    return request


def decline_request(request: ReviewRequest, *, by: User, reason: str) -> ReviewRequest:
    """Triage: the College does not review this request. Logs `reviews.request.declined`."""
    if not reason.strip():
        raise DomainError(_("Give the reason for declining."), code="reason")
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        transition_request(request, to=RequestStatus.DECLINED)
        request.status_note = reason
        request.closed_at = timezone.now()
        request.save()
        log_action(request, "reviews.request.declined", by=by, data={"reason": reason})
        _notify_authors(
            request,
            kind="reviews.request.declined",
            title=_("The College declined “%(title)s”") % {"title": request},
            body=reason,
        )
    return request


# --- Suggestion and assignment ------------------------------------------------------------


def suggest_reviewers(
    request: ReviewRequest, *, deadline: dt.date | None = None
) -> optimiser.NeedResult:
    """The best set of reviewers for the seats still free, with alternates and blockers."""
    need = queries.need_for(request, deadline=deadline, alternates=setting("REVIEWS_ALTERNATES"))
    return optimiser.solve([need], queries.candidates()).results[0]


def suggest_for_open_requests() -> optimiser.Solution:
    """One joint suggestion for every accepted request still waiting for reviewers."""
    requests = list(
        ReviewRequest.objects.filter(status=RequestStatus.ACCEPTED)
        .select_related("current_round")
        .prefetch_related("disease_areas")
    )
    needs = [queries.need_for(r, alternates=setting("REVIEWS_ALTERNATES")) for r in requests]
    return optimiser.solve(needs, queries.candidates())


def open_round(request: ReviewRequest, *, by: User, deadline: dt.date) -> Round:
    """Open the next review round with its deadline. Logs `reviews.round.opened`."""
    if deadline <= timezone.localdate():
        raise DomainError(_("The deadline must be a date to come."), code="past")
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        number = (request.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
        round = Round.objects.create(
            request=request, number=number, deadline=deadline, opened_by=by
        )
        request.current_round = round
        request.save(update_fields=["current_round", "updated"])
        log_action(
            request,
            "reviews.round.opened",
            by=by,
            data={"round": number, "deadline": str(deadline)},
        )
    return round


def _check_pair(round: Round, profile: ReviewerProfile, *, ignore_load: bool = False) -> None:
    """Hard constraints for one seat, read inside the locking transaction."""
    request = round.request
    candidate = next(iter(queries.candidates(users=[profile.user_id])), None)
    if candidate is None:
        raise DomainError(_("This person is not in the College."), code="not_reviewer")
    need = queries.need_for(request, deadline=round.deadline)
    need = optimiser.Need(**{**need.__dict__, "excluded": frozenset()})
    reason = optimiser.blocker(candidate, need)
    if reason == optimiser.FULL and ignore_load:
        reason = None
    if reason is not None:
        from tandem.reviews.presenters import blocker_sentence

        raise DomainError(
            _("%(name)s cannot review this request: %(reason)s")
            % {"name": profile.user, "reason": blocker_sentence(reason)},
            code=reason,
        )


def assign(
    round: Round,
    reviewer: User,
    *,
    by: User,
    reason: str = "",
    alternate_rank: int | None = None,
) -> Assignment:
    """Seat one reviewer (invited) or record an alternate (ranked, not invited yet). The round
    and the reviewer's profile are locked (`select_for_update` on PostgreSQL, an IMMEDIATE
    transaction on SQLite) so that concurrent assignments can exceed neither the seats wanted
    nor the reviewer's maximum load. Logs `reviews.assignment.invited` or
    `reviews.assignment.alternate`; notifies the reviewer after commit."""
    with transaction.atomic():
        round = (
            Round.objects.select_for_update(of=("self",)).select_related("request").get(pk=round.pk)
        )
        profile = (
            ReviewerProfile.objects.select_for_update(of=("self",)).filter(user=reviewer).first()
        )
        if profile is None:
            raise DomainError(_("This person is not in the College."), code="not_reviewer")
        request = round.request
        if request.status not in (
            RequestStatus.ACCEPTED,
            RequestStatus.IN_REVIEW,
            RequestStatus.REVISION,
        ):
            raise TransitionNotAllowed(
                _("Reviewers cannot be assigned while the request is “%(status)s”.")
                % {"status": request.get_status_display()}
            )
        existing = Assignment.objects.filter(round=round, reviewer=reviewer).first()
        if existing is not None:
            raise DomainError(
                _("%(name)s is already on this round (%(state)s).")
                % {"name": reviewer, "state": existing.get_state_display()},
                code="duplicate",
            )
        _check_pair(round, profile)
        now = timezone.now()
        assignment = Assignment(
            round=round,
            reviewer=reviewer,
            reason=reason,
            due=round.deadline,
            assigned_by=by,
        )
        if alternate_rank is None:
            seats = Assignment.objects.filter(round=round, state__in=SEAT_STATES).count()
            if seats >= request.reviewers_wanted:
                raise DomainError(
                    _("All %(n)s seats of this round are taken.") % {"n": request.reviewers_wanted},
                    code="seats_full",
                )
            assignment.state = AssignmentState.INVITED
            assignment.invited_at = now
            assignment.respond_by = now + dt.timedelta(hours=setting("REVIEWS_RESPONSE_HOURS"))
        else:
            assignment.state = AssignmentState.PROPOSED
            assignment.alternate_rank = alternate_rank
        assignment.save()
        if request.status == RequestStatus.ACCEPTED and assignment.state == AssignmentState.INVITED:
            transition_request(request, to=RequestStatus.IN_REVIEW)
            request.review_started_at = request.review_started_at or now
            request.save(update_fields=["status", "review_started_at", "updated"])
        log_action(
            assignment,
            "reviews.assignment.invited"
            if alternate_rank is None
            else "reviews.assignment.alternate",
            by=by,
            data={"request": request.pk, "round": round.number, "rank": alternate_rank},
        )
        if assignment.state == AssignmentState.INVITED:
            _invite_notification(assignment)
    return assignment


def _invite_notification(assignment: Assignment) -> None:
    notify(
        assignment.reviewer,
        kind="reviews.assignment.invited",
        title=_("You are invited to review “%(title)s”") % {"title": assignment.round.request},
        body=_("Please accept or decline by %(date)s.")
        % {
            "date": timezone.localtime(assignment.respond_by).strftime("%Y-%m-%d %H:%M")
            if assignment.respond_by
            else ""
        },
        url=reverse("reviews:my_assignments"),
    )


def assign_reviewers(
    request: ReviewRequest,
    *,
    by: User,
    reviewers: Sequence[User],
    alternates: Sequence[User] = (),
    deadline: dt.date | None = None,
    reasons: Mapping[int, str] | None = None,
) -> list[Assignment]:
    """The coordinator's choice (the suggestion, or their own): open the round if needed, seat
    the reviewers, rank the alternates. All or nothing."""
    reasons = reasons or {}
    if len({r.pk for r in reviewers}) > request.reviewers_wanted:
        raise DomainError(
            _("Choose at most %(n)s reviewers for this request.") % {"n": request.reviewers_wanted},
            code="too_many",
        )
    with transaction.atomic():
        round = request.current_round
        if round is None or request.status == RequestStatus.REVISION:
            round = open_round(
                request,
                by=by,
                deadline=deadline
                or timezone.localdate() + dt.timedelta(days=setting("REVIEWS_REVIEW_DAYS")),
            )
        made = [assign(round, r, by=by, reason=reasons.get(r.pk, "")) for r in reviewers]
        start = (
            Assignment.objects.filter(round=round, alternate_rank__isnull=False).aggregate(
                n=Max("alternate_rank")
            )["n"]
            or 0
        )
        made += [
            assign(round, r, by=by, reason=reasons.get(r.pk, ""), alternate_rank=start + i)
            for i, r in enumerate(alternates, start=1)
            if r.pk not in {x.pk for x in reviewers}
        ]
    return made


def promote_alternate(round: Round, *, by: User | None = None) -> Assignment | None:
    """Invite the first alternate who can still take the seat; tell the coordinators when none
    can. Called inside the caller's transaction."""
    request = round.request
    seats = Assignment.objects.filter(round=round, state__in=SEAT_STATES).count()
    if seats >= request.reviewers_wanted:
        return None
    now = timezone.now()
    for alternate in (
        Assignment.objects.select_for_update(of=("self",))
        .filter(round=round, state=AssignmentState.PROPOSED)
        .order_by("alternate_rank", "pk")
    ):
        profile = (
            ReviewerProfile.objects.select_for_update(of=("self",))
            .filter(user_id=alternate.reviewer_id)
            .first()
        )
        try:
            if profile is None:
                raise DomainError(_("Not in the College any more."))
            _check_pair(round, profile)
        except DomainError:
            continue
        transition_assignment(alternate, to=AssignmentState.INVITED)
        alternate.alternate_rank = None
        alternate.invited_at = now
        alternate.respond_by = now + dt.timedelta(hours=setting("REVIEWS_RESPONSE_HOURS"))
        alternate.save()
        log_action(alternate, "reviews.assignment.promoted", by=by, data={"request": request.pk})
        _invite_notification(alternate)
        return alternate
    _notify_coordinators(
        kind="reviews.round.short",
        title=_("A seat is free on “%(title)s” and no alternate can take it") % {"title": request},
        url=reverse("reviews:assign", args=[request.pk]),
    )
    return None


def accept_assignment(assignment: Assignment, *, by: User) -> Assignment:
    """The reviewer accepts. Logs `reviews.assignment.accepted`."""
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
        if assignment.reviewer_id != by.pk:
            raise DomainError(_("Only the invited reviewer can answer."), code="not_yours")
        transition_assignment(assignment, to=AssignmentState.ACCEPTED)
        assignment.responded_at = timezone.now()
        assignment.save(update_fields=["state", "responded_at", "updated"])
        Review.objects.get_or_create(assignment=assignment)
        log_action(assignment, "reviews.assignment.accepted", by=by)
    return assignment


def decline_assignment(assignment: Assignment, *, by: User, reason: str) -> Assignment:
    """Reviewer declines. Frees the seat, promotes the first alternate, logs
    `reviews.assignment.declined`, notifies the coordinators after commit."""
    if not reason.strip():
        raise DomainError(_("Tell us briefly why you decline."), code="reason")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        if assignment.reviewer_id != by.pk:
            raise DomainError(_("Only the invited reviewer can answer."), code="not_yours")
        transition_assignment(assignment, to=AssignmentState.DECLINED)
        assignment.decline_reason = reason
        assignment.responded_at = timezone.now()
        assignment.save(update_fields=["state", "decline_reason", "responded_at", "updated"])
        promoted = promote_alternate(assignment.round, by=by)
        log_action(
            assignment,
            "reviews.assignment.declined",
            by=by,
            data={"reason": reason, "promoted": promoted.pk if promoted else None},
        )
        _notify_coordinators(
            kind="reviews.assignment.declined",
            title=_("%(name)s declined “%(title)s”")
            % {"name": by, "title": assignment.round.request},
            body=reason,
            url=assignment.round.request.get_absolute_url(),
        )
    return assignment


def expire_assignment(assignment: Assignment) -> Assignment:
    """No answer in time: the seat goes to the first alternate. Logs
    `reviews.assignment.expired`."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        transition_assignment(assignment, to=AssignmentState.EXPIRED)
        assignment.save(update_fields=["state", "updated"])
        promoted = promote_alternate(assignment.round)
        log_action(
            assignment,
            "reviews.assignment.expired",
            by=None,
            data={"promoted": promoted.pk if promoted else None},
        )
    return assignment


def dismiss_assignment(assignment: Assignment, *, by: User, promote: bool = True) -> Assignment:
    """The coordinator withdraws a reviewer (or an alternate) and, by default, promotes the
    next alternate. Logs `reviews.assignment.dismissed`."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        transition_assignment(assignment, to=AssignmentState.DISMISSED)
        assignment.alternate_rank = None
        assignment.save(update_fields=["state", "alternate_rank", "updated"])
        promoted = promote_alternate(assignment.round, by=by) if promote else None
        log_action(
            assignment,
            "reviews.assignment.dismissed",
            by=by,
            data={"promoted": promoted.pk if promoted else None},
        )
    return assignment


# --- Reviewing ----------------------------------------------------------------------------


def _writable_review(assignment: Assignment, by: User) -> Review:
    if assignment.reviewer_id != by.pk:
        raise DomainError(
            _("Only the reviewer of this assignment can write its review."), code="not_yours"
        )
    if assignment.state == AssignmentState.SUBMITTED:
        raise TransitionNotAllowed(_("This review is already sent; it cannot be changed."))
    if assignment.state != AssignmentState.ACCEPTED:
        raise TransitionNotAllowed(_("Accept the assignment before writing the review."))
    review, _created = Review.objects.get_or_create(assignment=assignment)
    return review


def save_review(
    assignment: Assignment, *, by: User, values: Mapping[str, Any], submit: bool = False
) -> Review:
    """Save the grid as a draft or, with `submit`, send it: then every criterion needs a score.
    Logs `reviews.review.saved` or `reviews.review.submitted`; when the last review of the
    round is in, tells the coordinators."""
    allowed = (
        {f"{c}_score" for c in CRITERIA}
        | {f"{c}_comment" for c in CRITERIA}
        | {"burden_suggestions"}
    )
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=assignment.pk)
        )
        review = _writable_review(assignment, by)
        for name, value in values.items():
            if name in allowed:
                setattr(review, name, value)
        if not submit:
            review.save()
            log_action(review, "reviews.review.saved", by=by)
            return review
        missing = [str(c.label) for c in CRITERIA if review.score(c) is None]
        if missing:
            raise DomainError(
                _("Give a score for every criterion before sending: %(missing)s.")
                % {"missing": ", ".join(missing)},
                code="incomplete",
            )
        transition_review(review, to=ReviewState.SUBMITTED)
        review.submitted_at = timezone.now()
        review.save()
        transition_assignment(assignment, to=AssignmentState.SUBMITTED)
        assignment.submitted_at = review.submitted_at
        assignment.save(update_fields=["state", "submitted_at", "updated"])
        log_action(
            review, "reviews.review.submitted", by=by, data={"request": assignment.round.request_id}
        )
        round = assignment.round
        still_open = Assignment.objects.filter(round=round, state__in=OPEN_STATES).exists()
        if not still_open:
            _notify_coordinators(
                kind="reviews.round.complete",
                title=_("All reviews are in for “%(title)s”") % {"title": round.request},
                url=reverse("reviews:consolidate", args=[round.request_id]),
            )
    return review


def add_comment(
    assignment: Assignment,
    *,
    by: User,
    version: DocumentVersion,
    comment: str,
    quote: str,
    start: int | None = None,
    end: int | None = None,
    suggestion: str = "",
) -> AnchoredComment:
    """Anchor a comment to a passage. With offsets (selection in the page), the quote must be
    what the text holds there; without (no JavaScript), the quote is looked up in the text.
    Logs `reviews.comment.added`."""
    if not comment.strip():
        raise DomainError(_("Write your comment."), code="empty")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("round")
            .get(pk=assignment.pk)
        )
        review = _writable_review(assignment, by)
        if version.document.request_id != assignment.round.request_id:
            raise DomainError(
                _("This document is not part of your assignment."), code="wrong_document"
            )
        text = version.text
        span: tuple[int, int] | None = None
        if (
            start is not None
            and end is not None
            and 0 <= start < end <= len(text)
            and anchoring.locate(text[start:end], quote) is not None
        ):
            span = (start, end)
        if span is None:
            span = anchoring.locate(text, quote, near=start)
        if span is None:
            raise DomainError(
                _("This passage was not found in the document. Copy it exactly from the text."),
                code="not_found",
            )
        prefix, suffix = anchoring.context(text, *span)
        made = AnchoredComment.objects.create(
            version=version,
            review=review,
            author=by,
            start=span[0],
            end=span[1],
            quote=text[span[0] : span[1]],
            prefix=prefix,
            suffix=suffix,
            comment=comment,
            suggestion=suggestion,
        )
        log_action(made, "reviews.comment.added", by=by, data={"version": version.pk})
    return made


def delete_comment(comment: AnchoredComment, *, by: User) -> None:
    """Remove a comment of a draft review. Logs `reviews.comment.deleted`."""
    with transaction.atomic():
        review = Review.objects.select_related("assignment").get(pk=comment.review_id)
        _writable_review(review.assignment, by)
        log_action(comment, "reviews.comment.deleted", by=by)
        comment.delete()


# --- Consolidation and the report ----------------------------------------------------------


def draft_report(round: Round) -> dict[str, Any]:
    """Merge the submitted reviews of a round: per criterion, the scores and the comments said
    once; the burden suggestions; the names of reviewers who agreed to be named."""
    assignments = list(queries.round_assignments(round).filter(state=AssignmentState.SUBMITTED))
    reviews = [a.review for a in assignments]
    texts: dict[str, Any] = {}
    scores: dict[str, Any] = {}
    for criterion in CRITERIA:
        texts[f"{criterion}_text"] = consolidate.merge([r.comment(criterion) for r in reviews])
        scores[str(criterion)] = consolidate.ScoreSummary(
            tuple(s for r in reviews if (s := r.score(criterion)) is not None)
        ).as_dict()
    texts["burden_text"] = consolidate.merge([r.burden_suggestions for r in reviews])
    names = [
        str(a.reviewer)
        for a in assignments
        if getattr(getattr(a.reviewer, "reviewer_profile", None), "show_name_to_researchers", False)
    ]
    return {"texts": texts, "scores": scores, "names": names, "count": len(reviews)}


def start_consolidation(
    request: ReviewRequest, *, by: User, force: bool = False
) -> ConsolidatedReport:
    """Close the round's reviewing and draft the report from the reviews received. Without
    `force`, every seated reviewer must have sent their review. Logs
    `reviews.request.consolidating`."""
    with transaction.atomic():
        request = (
            ReviewRequest.objects.select_for_update(of=("self",))
            .select_related("current_round")
            .get(pk=request.pk)
        )
        transition_request(request, to=RequestStatus.CONSOLIDATING)
        round = request.current_round
        if round is None:
            raise DomainError(_("This request has no review round."), code="no_round")
        submitted = Assignment.objects.filter(round=round, state=AssignmentState.SUBMITTED).count()
        if not submitted:
            raise DomainError(_("No review has been sent yet."), code="no_review")
        if not force and Assignment.objects.filter(round=round, state__in=OPEN_STATES).exists():
            raise DomainError(
                _("Some reviewers have not sent their review yet. Wait, or withdraw them first."),
                code="waiting",
            )
        draft = draft_report(round)
        report, _created = ConsolidatedReport.objects.update_or_create(
            round=round,
            defaults={
                **draft["texts"],
                "scores": draft["scores"],
                "reviewer_names": draft["names"],
            },
        )
        request.save(update_fields=["status", "updated"])
        log_action(request, "reviews.request.consolidating", by=by, data={"reviews": submitted})
    return report


def save_report(
    report: ConsolidatedReport, *, by: User, values: Mapping[str, str]
) -> ConsolidatedReport:
    """The coordinator edits the draft report. Logs `reviews.report.saved`."""
    allowed = {"summary", "burden_text"} | {f"{c}_text" for c in CRITERIA}
    with transaction.atomic():
        report = ConsolidatedReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
        if report.status == ReportStatus.SENT:
            raise TransitionNotAllowed(_("This report is already sent; it cannot be changed."))
        for name, value in values.items():
            if name in allowed:
                setattr(report, name, value)
        report.save()
        log_action(report, "reviews.report.saved", by=by)
    return report


def send_report(report: ConsolidatedReport, *, by: User) -> ConsolidatedReport:
    """Send the consolidated report to the researcher and the delegates (a page and a DOCX
    file). Logs `reviews.report.sent`."""
    with transaction.atomic():
        report = (
            ConsolidatedReport.objects.select_for_update(of=("self",))
            .select_related("round__request")
            .get(pk=report.pk)
        )
        if report.status == ReportStatus.SENT:
            raise TransitionNotAllowed(_("This report is already sent."))
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(
            pk=report.round.request_id
        )
        transition_request(request, to=RequestStatus.REPORT_SENT)
        now = timezone.now()
        request.report_sent_at = now
        request.save(update_fields=["status", "report_sent_at", "updated"])
        report.status = ReportStatus.SENT
        report.sent_at = now
        report.sent_by = by
        report.save()
        log_action(report, "reviews.report.sent", by=by, data={"request": request.pk})
        log_action(request, "reviews.request.report_sent", by=by)
        _notify_authors(
            request,
            kind="reviews.report.sent",
            title=_("The College's report on “%(title)s” is ready") % {"title": request},
        )
    return report


# --- Revision and closing -----------------------------------------------------------------


def start_revision(request: ReviewRequest, *, by: User) -> ReviewRequest:
    """The researcher starts revising after the report. Logs `reviews.request.revision_started`."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        transition_request(request, to=RequestStatus.REVISION)
        request.save(update_fields=["status", "updated"])
        log_action(request, "reviews.request.revision_started", by=by)
    return request


def answer_comment(
    comment: AnchoredComment, *, by: User, accepted: bool, reason: str = ""
) -> AnchoredComment:
    """The researcher answers a comment: taken into account, or not (with a reason). Logs
    `reviews.comment.answered`."""
    if not accepted and not reason.strip():
        raise DomainError(_("Say why this comment is not taken into account."), code="reason")
    with transaction.atomic():
        comment = (
            AnchoredComment.objects.select_for_update(of=("self",))
            .select_related("version__document__request", "review")
            .get(pk=comment.pk)
        )
        request = comment.version.document.request
        if request.status not in (RequestStatus.REPORT_SENT, RequestStatus.REVISION):
            raise TransitionNotAllowed(_("Comments are answered once the report is sent."))
        if comment.review.state != ReviewState.SUBMITTED:
            raise DomainError(_("This comment is not part of a sent review."), code="draft")
        comment.answer = AnswerState.ACCEPTED if accepted else AnswerState.REJECTED
        comment.answer_reason = reason
        comment.answered_at = timezone.now()
        comment.save(update_fields=["answer", "answer_reason", "answered_at", "updated"])
        log_action(comment, "reviews.comment.answered", by=by, data={"accepted": accepted})
    return comment


def open_new_round(request: ReviewRequest, *, by: User, deadline: dt.date) -> Round:
    """After a revision, a new round with the same reviewers (those who sent a review in the
    previous round and can still take it). Logs `reviews.round.opened` and the invitations."""
    with transaction.atomic():
        locked = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if locked.status != RequestStatus.REVISION:
            raise TransitionNotAllowed(
                _("A new round opens after a revision, not while the request is “%(status)s”.")
                % {"status": locked.get_status_display()}
            )
        previous = locked.current_round
        reviewers = (
            [
                a.reviewer
                for a in Assignment.objects.filter(
                    round=previous, state=AssignmentState.SUBMITTED
                ).select_related("reviewer")
            ]
            if previous
            else []
        )
        round = open_round(locked, by=by, deadline=deadline)
        locked.refresh_from_db()
        transition_request(locked, to=RequestStatus.IN_REVIEW)
        locked.save(update_fields=["status", "updated"])
        for reviewer in reviewers:
            assign(round, reviewer, by=by, reason=str(_("Reviewed the previous version.")))
    return round


def close_request(
    request: ReviewRequest, *, by: User, outcome: str, note: str = ""
) -> ReviewRequest:
    """Close the request with its outcome; open assignments are withdrawn. Logs
    `reviews.request.closed`."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        transition_request(request, to=RequestStatus.CLOSED)
        request.outcome = outcome
        request.outcome_note = note
        request.closed_at = timezone.now()
        request.save()
        for assignment in Assignment.objects.select_for_update(of=("self",)).filter(
            round__request=request, state__in=(*OPEN_STATES, AssignmentState.PROPOSED)
        ):
            transition_assignment(assignment, to=AssignmentState.DISMISSED)
            assignment.alternate_rank = None
            assignment.save(update_fields=["state", "alternate_rank", "updated"])
        log_action(request, "reviews.request.closed", by=by, data={"outcome": outcome})
        _notify_authors(
            request,
            kind="reviews.request.closed",
            title=_("“%(title)s” is closed") % {"title": request},
        )
    return request


# --- Reminders -----------------------------------------------------------------------------


def send_reminders(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Reminders before and at each deadline, expiry of silent invitations (the alternate is
    promoted) and escalation of late reviews to the coordinators. Idempotent: each reminder is
    recorded on the assignment and never sent twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"response_reminders": 0, "due_reminders": 0, "expired": 0, "escalated": 0}
    invited = Assignment.objects.filter(state=AssignmentState.INVITED).select_related(
        "round__request", "reviewer"
    )
    for assignment in invited:
        if assignment.respond_by and assignment.respond_by <= now:
            expire_assignment(assignment)
            counts["expired"] += 1
            continue
        for hours in setting("REVIEWS_RESPONSE_REMINDER_HOURS"):
            key = f"respond-{hours}h"
            if (
                assignment.respond_by
                and key not in assignment.reminders_sent
                and assignment.respond_by - dt.timedelta(hours=hours) <= now
            ):
                _remind(
                    assignment,
                    [key],
                    _("Reminder: will you review “%(title)s”?")
                    % {"title": assignment.round.request},
                )
                counts["response_reminders"] += 1
    accepted = Assignment.objects.filter(state=AssignmentState.ACCEPTED).select_related(
        "round__request", "reviewer"
    )
    escalation = setting("REVIEWS_ESCALATION_DAYS")
    for assignment in accepted:
        passed = [
            days
            for days in setting("REVIEWS_DUE_REMINDER_DAYS")
            if assignment.due - dt.timedelta(days=days) <= today <= assignment.due
        ]
        # Only the nearest reminder is sent; the earlier ones it replaces are marked as done.
        if passed and f"due-{min(passed)}d" not in assignment.reminders_sent:
            _remind(
                assignment,
                [f"due-{days}d" for days in passed],
                _("Reminder: your review of “%(title)s” is due on %(date)s")
                % {"title": assignment.round.request, "date": local_date(assignment.due)},
            )
            counts["due_reminders"] += 1
        if "escalated" not in assignment.reminders_sent and today >= assignment.due + dt.timedelta(
            days=escalation
        ):
            with transaction.atomic():
                _mark(assignment, ["escalated"])
                _notify_coordinators(
                    kind="reviews.assignment.late",
                    title=_("%(name)s's review of “%(title)s” is late")
                    % {"name": assignment.reviewer, "title": assignment.round.request},
                    url=assignment.round.request.get_absolute_url(),
                )
                log_action(assignment, "reviews.assignment.escalated", by=None)
            counts["escalated"] += 1
    return counts


def _mark(assignment: Assignment, keys: list[str]) -> None:
    locked = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    locked.reminders_sent = [
        *locked.reminders_sent,
        *(k for k in keys if k not in locked.reminders_sent),
    ]
    locked.save(update_fields=["reminders_sent", "updated"])
    assignment.reminders_sent = locked.reminders_sent


def _remind(assignment: Assignment, keys: list[str], title: Any) -> None:
    with transaction.atomic():
        _mark(assignment, keys)
        notify(
            assignment.reviewer,
            kind="reviews.reminder",
            title=title,
            url=reverse("reviews:my_assignments"),
        )
        log_action(assignment, "reviews.assignment.reminded", by=None, data={"keys": keys})
