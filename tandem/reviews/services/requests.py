"""Review requests and their documents: create, upload versions, send, triage, close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.notifications import VERBATIM
from tandem.core.uploads import DOCUMENTS, clean_filename, validate_upload
from tandem.directory.models import DiseaseArea, Organization
from tandem.reviews import rules
from tandem.reviews.models import (
    ASSIGNMENT_WORKFLOW,
    OPEN_STATES,
    REQUEST_WORKFLOW,
    REQUIRED_DOCUMENTS,
    Assignment,
    AssignmentState,
    Document,
    DocumentKind,
    DocumentVersion,
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
    if planned_submission_on is not None and planned_submission_on < timezone.localdate():
        raise DomainError(
            _("The planned submission date is in the past. Give a date to come."), code="past"
        )
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
        if not rules.request_takes_documents(request):
            raise TransitionNotAllowed(
                _("Documents cannot be changed while the request is “%(status)s”.")
                % {"status": request.get_status_display()}
            )
        if request.status == RequestStatus.REPORT_SENT:
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
    """Close the request with its outcome; open assignments are withdrawn. Logs
    `reviews.request.closed`."""
    with transaction.atomic():
        request = ReviewRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        REQUEST_WORKFLOW.apply(request, RequestStatus.CLOSED)
        request.outcome = outcome
        request.outcome_note = note
        request.closed_at = timezone.now()
        request.save()
        for assignment in Assignment.objects.select_for_update(of=("self",)).filter(
            round__request=request, state__in=(*OPEN_STATES, AssignmentState.PROPOSED)
        ):
            ASSIGNMENT_WORKFLOW.apply(assignment, AssignmentState.DISMISSED)
            assignment.alternate_rank = None
            assignment.save(update_fields=["state", "alternate_rank", "updated"])
        log_action(request, "reviews.request.closed", by=by, data={"outcome": outcome})
        notify_authors(
            request,
            kind="reviews.request.closed",
            title=gettext_noop("“%(title)s” is closed"),
            params={"title": str(request)},
        )
    return request
