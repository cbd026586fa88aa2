"""Writes of the clarity checks: submit, run (in the background), print the report as a PDF
(in the background), delete, curate the lexicon."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.checks import downloads
from tandem.checks.models import (
    CHECK_TRANSITIONS,
    PDF_LANGUAGES,
    PDF_TRANSITIONS,
    CheckPdf,
    CheckStatus,
    ClarityCheck,
    LexiconTerm,
    PdfStatus,
)
from tandem.checks.queries import extra_lexicon, pdf_source
from tandem.clarity import Config, analyze
from tandem.clarity.extract import ExtractionError, extract_text
from tandem.clarity.language import detect_language
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.transitions import Workflow
from tandem.core.uploads import clean_filename, extraction_limits

logger = logging.getLogger(__name__)

# Pasted texts up to this many characters are analysed while the person waits (well under a
# second); files and longer texts go to the background worker.
INLINE_LIMIT = 60_000


CHECK_WORKFLOW = Workflow(
    states=CheckStatus,
    table=CHECK_TRANSITIONS,
    message=_("This check cannot go from “%(from)s” to “%(to)s”."),
)


def transition(check: ClarityCheck, *, to: str) -> None:
    CHECK_WORKFLOW.apply(check, to)


TITLE_MAX_LENGTH = 200  # the model's and the form's


def submit_check(
    owner: User,
    *,
    title: str,
    document_kind: str,
    language: str = "auto",
    category: str = "",
    text: str = "",
    upload: UploadedFile | None = None,
    previous: ClarityCheck | None = None,
) -> ClarityCheck:
    """Record a check of pasted text or of an uploaded file and analyse it: at once for short
    texts, in the background otherwise. Logs `checks.check.submitted`."""
    if not text.strip() and upload is None:
        raise DomainError(_("Paste a text or choose a file to check."), code="empty")
    if previous is not None and previous.owner_id != owner.pk:
        raise DomainError(_("You can only compare with your own checks."), code="not_owner")
    if len(title.strip()) > TITLE_MAX_LENGTH:
        # Refused, never cut: a cut title would silently differ from the one typed.
        raise DomainError(
            _("The title has %(length)d characters; at most %(max)d are possible.")
            % {"length": len(title.strip()), "max": TITLE_MAX_LENGTH},
            code="title_too_long",
        )
    with transaction.atomic():
        check = ClarityCheck(
            owner=owner,
            title=title.strip()
            or (clean_filename(upload.name or "") if upload else str(_("Pasted text"))),
            document_kind=document_kind,
            requested_language=language,
            category=category,
            text="" if upload is not None else text,
            previous=previous,
        )
        if upload is not None:
            check.original_filename = clean_filename(upload.name or "")
            check.file.save("upload", upload, save=False)
        check.save()
        log_action(
            check, "checks.check.submitted", by=owner, data={"source": "file" if upload else "text"}
        )
    if upload is None and len(text) <= INLINE_LIMIT:
        return run_check(check)
    else:
        from tandem.checks.tasks import run_check_task

        transaction.on_commit(lambda: run_check_task.enqueue(check.pk))
    return check


def run_check(check: ClarityCheck, *, resume: bool = False) -> ClarityCheck:
    """Extract and analyse. Any failure marks the check failed with a reason; nothing escapes
    to crash the worker. Logs `checks.check.done` or `checks.check.failed`, once: `resume` (the
    task's earlier run lost its worker) analyses a RUNNING check again, and only the first run
    to finish writes its result."""
    with transaction.atomic():
        check = ClarityCheck.objects.select_for_update().get(pk=check.pk)
        if not (resume and check.status == CheckStatus.RUNNING):
            if check.status != CheckStatus.PENDING:
                return check  # already taken by another worker
            transition(check, to=CheckStatus.RUNNING)
            check.save(update_fields=["status", "updated"])
    try:
        text = check.text
        if check.file:
            with check.file.open("rb") as handle:
                text = extract_text(
                    handle.read(), check.original_filename, limits=extraction_limits()
                ).text
        language = (
            detect_language(text)
            if check.requested_language == "auto"
            else check.requested_language
        )
        report = analyze(
            text,
            language=language,
            document_kind=check.document_kind,
            category=check.category or None,
            interface_language=check.owner.language,
            config=Config(extra_lexicon=extra_lexicon(language)),
        )
    except ExtractionError as exc:
        return _fail(check, exc.code, {k: str(v) for k, v in exc.values.items()})
    except ValueError:
        return _fail(check, "empty", {})
    except Exception:  # a bad document must never crash the worker
        logger.exception("Clarity check %s failed", check.pk)
        return _fail(check, "internal", {})
    data = report.to_dict()
    with transaction.atomic():
        if not _still_running(check):
            return check
        transition(check, to=CheckStatus.DONE)
        check.report = data
        check.language = report.language
        check.words = data["stats"]["words"]
        # Too little text to judge: no score is stored (the pages say why).
        check.score = None if check.too_short else data["score"]
        check.findings_count = len(data["findings"])
        check.finished_at = timezone.now()
        check.save()
        log_action(check, "checks.check.done", by=None, data={"score": check.score})
    return check


def _still_running(check: ClarityCheck) -> bool:
    """Lock the check and tell whether this run may write its result: a run resumed after its
    worker was lost, and the lost run if it was only slow, must not both write."""
    current = ClarityCheck.objects.select_for_update().get(pk=check.pk)
    check.status = current.status
    return current.status == CheckStatus.RUNNING


def _fail(check: ClarityCheck, code: str, values: dict[str, str]) -> ClarityCheck:
    with transaction.atomic():
        if check.status == CheckStatus.RUNNING and not _still_running(check):
            return check
        transition(check, to=CheckStatus.FAILED)
        check.error_code = code
        check.error_values = values
        check.finished_at = timezone.now()
        check.save()
        log_action(check, "checks.check.failed", by=None, data={"error": code})
    return check


PDF_WORKFLOW = Workflow(
    states=PdfStatus,
    table=PDF_TRANSITIONS,
    message=_("The report's PDF cannot go from “%(from)s” to “%(to)s”."),
)


def request_check_pdf(check: ClarityCheck, *, language: str, by: User) -> CheckPdf:
    """Ask for the report of a finished check printed as a PDF in `language` (the reader's),
    made by a background task (`make_check_pdf_task`, enqueued after commit). Asking while it
    is being made, or when the PDF made is still up to date, changes nothing: two clicks, or
    two processes at once, start one task. A PDF that failed or that the check has outgrown is
    made again (its old file deleted after commit). Logs `checks.pdf.requested`."""
    if language not in PDF_LANGUAGES:
        raise DomainError(_("The report is printed in French or in English."), code="language")
    if by.pk != check.owner_id:
        raise DomainError(_("Only the check's owner prints its report."), code="not_owner")
    with transaction.atomic():
        # The check is locked first: a deletion of the check, or a second request, waits.
        found = ClarityCheck.objects.select_for_update().filter(pk=check.pk).first()
        if found is None:
            raise DomainError(_("This check no longer exists."), code="deleted")
        if found.status != CheckStatus.DONE or not found.report:
            raise DomainError(_("The report is not ready."), code="not_ready")
        pdf, created = CheckPdf.objects.select_for_update().get_or_create(
            clarity_check=found, language=language
        )
        if not created:
            if pdf.in_progress or (
                pdf.status == PdfStatus.READY and pdf.made_from == pdf_source(found)
            ):
                return pdf
            PDF_WORKFLOW.apply(pdf, PdfStatus.PENDING)
            old = pdf.file.name if pdf.file else ""
            if old:
                storage = pdf.file.storage
                transaction.on_commit(lambda: storage.delete(old))
            pdf.file, pdf.made_from, pdf.finished_at = None, "", None
            pdf.save(update_fields=["status", "file", "made_from", "finished_at", "updated"])
        log_action(found, "checks.pdf.requested", by=by, data={"language": language})
        from tandem.checks.tasks import make_check_pdf_task

        pk = pdf.pk
        transaction.on_commit(lambda: make_check_pdf_task.enqueue(pk))
    return pdf


def _pdf_still_running(pdf: CheckPdf) -> bool:
    """Lock the PDF and tell whether this run may write it: it may have been deleted with its
    check meanwhile, or written by another run of the same task (a worker thought lost)."""
    return CheckPdf.objects.select_for_update().filter(pk=pdf.pk, status=PdfStatus.RUNNING).exists()


def make_check_pdf(pdf: CheckPdf, *, resume: bool = False) -> CheckPdf | None:
    """Draw the report's PDF (`downloads.report_pdf`, seconds for a long document) outside any
    transaction and keep it in the project's file storage, with the digest of the check it was
    made from. Any failure marks it failed (the page offers to try again); nothing escapes to
    crash the worker. `resume`: the task's earlier run lost its worker; only the first run to
    finish writes the file. None when the check was deleted meanwhile: nothing is kept. Logs
    `checks.pdf.made` or `checks.pdf.failed`."""
    with transaction.atomic():
        found = CheckPdf.objects.select_for_update().filter(pk=pdf.pk).first()
        if found is None:
            return None
        pdf = found
        if not (resume and pdf.status == PdfStatus.RUNNING):
            if pdf.status != PdfStatus.PENDING:
                return pdf  # already taken by another worker
            PDF_WORKFLOW.apply(pdf, PdfStatus.RUNNING)
            pdf.save(update_fields=["status", "updated"])
    check = ClarityCheck.objects.filter(pk=pdf.clarity_check_id).first()
    if check is None:
        return None
    source = pdf_source(check)
    try:
        content = downloads.report_pdf(check, language=pdf.language)
    except Exception:  # a failed drawing must never crash the worker
        logger.exception("The PDF of check %s could not be made", check.pk)
        with transaction.atomic():
            if _pdf_still_running(pdf):
                PDF_WORKFLOW.apply(pdf, PdfStatus.FAILED)
                pdf.finished_at = timezone.now()
                pdf.save(update_fields=["status", "finished_at", "updated"])
                log_action(check, "checks.pdf.failed", by=None, data={"language": pdf.language})
        return pdf
    with transaction.atomic():
        if not _pdf_still_running(pdf):
            return CheckPdf.objects.filter(pk=pdf.pk).first()
        pdf.clarity_check = check
        pdf.file.save("report.pdf", ContentFile(content), save=False)
        PDF_WORKFLOW.apply(pdf, PdfStatus.READY)
        # The digest read before drawing: a check changed while it was drawn is not hidden,
        # its PDF is out of date at once (queries.is_current).
        pdf.made_from = source
        pdf.finished_at = timezone.now()
        pdf.save(update_fields=["file", "status", "made_from", "finished_at", "updated"])
        log_action(
            check,
            "checks.pdf.made",
            by=None,
            data={"language": pdf.language, "bytes": len(content)},
        )
    return pdf


def delete_check(check: ClarityCheck, *, by: User) -> None:
    """Delete a check and its file, its printed reports and those of its later versions (they
    quote it in their comparison); the PDFs' files go once the deletion is committed
    (`signals.py`). Logs `checks.check.deleted`."""
    with transaction.atomic():
        log_action(check, "checks.check.deleted", by=by)
        CheckPdf.objects.filter(clarity_check__previous=check).delete()
        if check.file:
            check.file.delete(save=False)
        check.delete()


def add_lexicon_term(
    *,
    by: User,
    language: str,
    term: str,
    plain: str,
    explanation: str,
    variants: str = "",
    source: str = "",
) -> LexiconTerm:
    """Add a College lexicon entry, or bring back one retired earlier with these words; a term
    already in use is refused (`duplicate`, on `term`). Logs `checks.lexicon.added`."""
    term = term.strip()
    with transaction.atomic():
        in_use = (
            LexiconTerm.objects.select_for_update()
            .filter(language=language, term=term, is_active=True)
            .exists()
        )
        if in_use:
            raise DomainError(
                _("“%(term)s” is already in the lexicon: retire it first to write it again.")
                % {"term": term},
                code="duplicate",
                field="term",
            )
        entry, _created = LexiconTerm.objects.update_or_create(
            language=language,
            term=term,
            defaults={
                "plain": plain,
                "explanation": explanation,
                "variants": variants,
                "source": source,
                "is_active": True,
                "added_by": by,
            },
        )
        log_action(entry, "checks.lexicon.added", by=by, data={"language": language})
    return entry


def retire_lexicon_term(entry: LexiconTerm, *, by: User) -> LexiconTerm:
    """Stop using a College lexicon entry. Logs `checks.lexicon.retired`, once (a second
    retirement, from another curator at the same time, changes nothing)."""
    with transaction.atomic():
        entry = LexiconTerm.objects.select_for_update().get(pk=entry.pk)
        if not entry.is_active:
            return entry
        entry.is_active = False
        entry.save(update_fields=["is_active", "updated"])
        log_action(entry, "checks.lexicon.retired", by=by)
    return entry
