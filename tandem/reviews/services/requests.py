"""Review requests and their documents: create, upload versions, send, triage, close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.notifications import VERBATIM, notify
from tandem.core.uploads import DOCUMENTS, clean_filename, validate_upload
from tandem.directory.models import DiseaseArea, Organization
from tandem.reviews import rules
from tandem.reviews.models import (
    ASSIGNMENT_WORKFLOW,
    OPEN_STATES,
    REQUEST_WORKFLOW,
    REQUIRED_DOCUMENTS,
    SEAT_STATES,
    Assignment,
    AssignmentState,
    Document,
    DocumentKind,
    DocumentVersion,
    Outcome,
    RequestStatus,
    ReviewRequest,
)
from tandem.reviews.services.notices import notify_authors, notify_coordinators


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
    submit: bool = False,
) -> ReviewRequest:
    """A researcher starts a request (a draft) with its documents, which are analysed in the
    background; with `submit`, sends it at once (`submit_request`). A refused send writes
    nothing: the documents are checked before anything is stored, and the draft and its
    sending are one transaction. Logs `reviews.request.created`."""
    _refuse_past(planned_submission_on)
    if submit:
        _refuse_missing([k for k in REQUIRED_DOCUMENTS if (documents or {}).get(k) is None])
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
        if submit:
            request = submit_request(request, by=by)
    return request


def add_document_version(
    request: ReviewRequest,
    *,
    kind: str,
    upload: UploadedFile,
    by: User,
    start_revision: bool = False,
) -> DocumentVersion:
    """Store a (new version of a) document in private storage and analyse it in the
    background. After a report, uploading starts the revision, and is refused (`revision`)
    unless the caller says so with `start_revision`. Logs `reviews.document.uploaded`."""
    if kind not in DocumentKind.values:
        raise DomainError(_("Unknown kind of document."), code="kind")
    file_type = _checked_file_type(upload)
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if not rules.request_takes_documents(request):
            raise TransitionNotAllowed(
                _("Documents cannot be changed while the request is “%(status)s”.")
                % {"status": request.get_status_display()}
            )
        if request.status == RequestStatus.REPORT_SENT:
            if not start_revision:
                raise DomainError(
                    _(
                        "The report is sent: a new version starts the revision of the request. "
                        "Confirm that you start the revision."
                    ),
                    code="revision",
                )
            REQUEST_WORKFLOW.apply(request, RequestStatus.REVISION)
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


def submit_request(request: ReviewRequest, *, by: User) -> ReviewRequest:
    """Send the request to the College (from a draft, or again after documents were asked
    for). All three documents are required. Logs `reviews.request.submitted`, tells the
    coordinators."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        REQUEST_WORKFLOW.apply(request, RequestStatus.SUBMITTED)
        present = set(
            Document.objects.filter(request=request, latest_version__isnull=False).values_list(
                "kind", flat=True
            )
        )
        _refuse_missing([k for k in REQUIRED_DOCUMENTS if k not in present])
        request.submitted_at = request.submitted_at or timezone.now()
        request.status_note = ""
        request.save()
        log_action(request, "reviews.request.submitted", by=by)
        notify_coordinators(
            kind="reviews.request.submitted",
            title=gettext_noop("New review request: %(title)s"),
            params={"title": str(request)},
            url=request.get_absolute_url(),
        )
    return request


def _refuse_past(planned_submission_on: dt.date | None) -> None:
    if planned_submission_on is not None and planned_submission_on < timezone.localdate():
        raise DomainError(
            _("The planned submission date is in the past. Give a date to come."), code="past"
        )


def _refuse_missing(kinds: list[str]) -> None:
    """Refuse sending a request without all its required documents, naming those missing."""
    if kinds:
        raise DomainError(
            _("Add the missing documents before sending: %(missing)s.")
            % {"missing": ", ".join(str(DocumentKind(k).label) for k in kinds)},
            code="missing_documents",
        )


def accept_request(request: ReviewRequest, *, by: User) -> ReviewRequest:
    """Triage: the College takes the request. Logs `reviews.request.accepted`."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        REQUEST_WORKFLOW.apply(request, RequestStatus.ACCEPTED)
        request.accepted_at = timezone.now()
        request.save()
        log_action(request, "reviews.request.accepted", by=by)
        notify_authors(
            request,
            kind="reviews.request.accepted",
            title=gettext_noop("The College will review “%(title)s”"),
            params={"title": str(request)},
        )
    return request


def ask_for_documents(request: ReviewRequest, *, by: User, note: str) -> ReviewRequest:
    """Triage: documents are missing or unusable. Logs `reviews.request.missing_documents`."""
    if not note.strip():
        raise DomainError(_("Say which documents are missing."), code="note")
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        REQUEST_WORKFLOW.apply(request, RequestStatus.MISSING_DOCUMENTS)
        request.status_note = note
        request.save()
        log_action(request, "reviews.request.missing_documents", by=by)
        notify_authors(
            request,
            kind="reviews.request.missing_documents",
            title=gettext_noop("Documents are missing for “%(title)s”"),
            body=VERBATIM,
            params={"title": str(request), "text": note},
        )
    return request


def decline_request(request: ReviewRequest, *, by: User, reason: str) -> ReviewRequest:
    """Triage: the College does not review this request. Logs `reviews.request.declined`."""
    if not reason.strip():
        raise DomainError(_("Give the reason for declining."), code="reason")
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        REQUEST_WORKFLOW.apply(request, RequestStatus.DECLINED)
        request.status_note = reason
        request.closed_at = timezone.now()
        request.save()
        log_action(request, "reviews.request.declined", by=by, data={"reason": reason})
        notify_authors(
            request,
            kind="reviews.request.declined",
            title=gettext_noop("The College declined “%(title)s”"),
            body=VERBATIM,
            params={"title": str(request), "text": reason},
        )
    return request


def close_request(
    request: ReviewRequest, *, by: User, outcome: str, note: str = ""
) -> ReviewRequest:
    """The coordinator closes the request with its outcome, at any stage after it was sent;
    before its report, `note` (the reason) is required. Open assignments are withdrawn and
    everyone involved is told: the authors, the reviewers holding a seat, the coordinators.
    Logs `reviews.request.closed`."""
    return _end_request(
        request,
        by=by,
        outcome=outcome,
        note=note,
        action="reviews.request.closed",
        title=gettext_noop("“%(title)s” is closed"),
    )


def withdraw_request(request: ReviewRequest, *, by: User, reason: str) -> ReviewRequest:
    """The research team withdraws its sent request, at any stage, with a reason: it is closed
    with the outcome “Study withdrawn”, open assignments are withdrawn and everyone involved is
    told. (A draft is deleted instead: `delete_draft`.) Logs `reviews.request.withdrawn`."""
    if not reason.strip():
        raise DomainError(_("Say why the request is withdrawn."), code="reason")
    return _end_request(
        request,
        by=by,
        outcome=Outcome.WITHDRAWN,
        note=reason,
        action="reviews.request.withdrawn",
        title=gettext_noop("“%(title)s” was withdrawn by its research team"),
        authors_only=True,
    )


def _end_request(
    request: ReviewRequest,
    *,
    by: User,
    outcome: str,
    note: str,
    action: str,
    title: Any,
    authors_only: bool = False,
) -> ReviewRequest:
    if outcome not in Outcome.values:
        raise DomainError(_("Choose an outcome."), code="outcome")
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if authors_only and not _is_author(request, by):
            raise DomainError(
                _("Only the research team of this request can withdraw it."), code="not_yours"
            )
        if request.status == RequestStatus.DRAFT:
            raise TransitionNotAllowed(
                _("A draft is not closed: delete it, or send it first."), code="draft"
            )
        before_report = request.report_sent_at is None
        REQUEST_WORKFLOW.apply(request, RequestStatus.CLOSED)
        if before_report and not note.strip():
            raise DomainError(_("Say why the request ends before its report."), code="reason")
        request.outcome = outcome
        request.outcome_note = note
        request.closed_at = timezone.now()
        request.save()
        seated = list(
            Assignment.objects.filter(
                round__request=request, state__in=SEAT_STATES, round=request.current_round_id
            ).values_list("reviewer_id", flat=True)
        )
        for assignment in Assignment.objects.select_for_update(of=("self",)).filter(
            round__request=request, state__in=(*OPEN_STATES, AssignmentState.PROPOSED)
        ):
            ASSIGNMENT_WORKFLOW.apply(assignment, AssignmentState.DISMISSED)
            assignment.alternate_rank = None
            assignment.save(update_fields=["state", "alternate_rank", "updated"])
        log_action(request, action, by=by, data={"outcome": outcome, "note": note})
        # Message ids and values: each person reads it in their own language (notify).
        words = {"title": title, "body": VERBATIM if note else ""}
        params = {"title": str(request), "text": note}
        notify_authors(request, kind=action, **words, params=params)
        for person in User.objects.filter(pk__in=seated):
            notify(person, kind=action, **words, params=params, url=reverse("reviews:history"))
        notify_coordinators(kind=action, **words, params=params, url=request.get_absolute_url())
    return request


def _is_author(request: ReviewRequest, user: User) -> bool:
    return request.submitted_by_id == user.pk or request.delegates.filter(pk=user.pk).exists()


def update_draft(
    request: ReviewRequest,
    *,
    by: User,
    title: str,
    category: str,
    acronym: str = "",
    language: str = "fr",
    disease_areas: Iterable[DiseaseArea] = (),
    sponsor_reference: str = "",
    planned_submission_on: dt.date | None = None,
    organizations: Iterable[Organization] = (),
    reviewers_wanted: int = 3,
) -> ReviewRequest:
    """The research team corrects its request before the College takes it (a draft, or a
    request whose documents were asked for): title, category, disease areas, organizations,
    reviewers wanted… Logs `reviews.request.edited` with the fields changed."""
    _refuse_past(planned_submission_on)
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if not _is_author(request, by):
            raise DomainError(
                _("Only the research team of this request can change it."), code="not_yours"
            )
        if not rules.request_can_be_edited(request):
            raise TransitionNotAllowed(
                _("The request cannot be changed while it is “%(status)s”.")
                % {"status": request.get_status_display()}
            )
        values = {
            "title": title,
            "acronym": acronym,
            "category": category,
            "language": language,
            "sponsor_reference": sponsor_reference,
            "planned_submission_on": planned_submission_on,
            "reviewers_wanted": reviewers_wanted,
        }
        changed = [name for name, value in values.items() if getattr(request, name) != value]
        for name, value in values.items():
            setattr(request, name, value)
        request.save()
        areas, organizations = list(disease_areas), list(organizations)
        if {a.pk for a in areas} != set(request.disease_areas.values_list("pk", flat=True)):
            changed.append("disease_areas")
        if {o.pk for o in organizations} != set(request.organizations.values_list("pk", flat=True)):
            changed.append("organizations")
        request.disease_areas.set(areas)
        request.organizations.set(organizations)
        log_action(request, "reviews.request.edited", by=by, data={"fields": changed})
    return request


def delete_draft(request: ReviewRequest, *, by: User) -> None:
    """The research team deletes a draft it no longer needs, with its documents (their files
    are removed after the commit). Logs `reviews.request.deleted` (on the author)."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if not _is_author(request, by):
            raise DomainError(
                _("Only the research team of this request can delete it."), code="not_yours"
            )
        if request.status != RequestStatus.DRAFT:
            raise TransitionNotAllowed(
                _("Only a draft can be deleted; a sent request is withdrawn instead.")
            )
        files = [
            v.file.name
            for v in DocumentVersion.objects.filter(document__request=request).only("file")
        ]
        log_action(
            by,
            "reviews.request.deleted",
            by=by,
            data={"request": request.pk, "title": str(request)},
        )
        Document.objects.filter(request=request).update(latest_version=None)
        DocumentVersion.objects.filter(document__request=request).delete()
        request.delete()
        storage = DocumentVersion._meta.get_field("file").storage  # type: ignore[attr-defined]

        def remove_files() -> None:
            for name in files:
                if name:
                    storage.delete(name)

        transaction.on_commit(remove_files)
