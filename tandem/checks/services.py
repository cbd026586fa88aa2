"""Writes of the clarity checks: submit, run (in the background), curate the lexicon."""

from __future__ import annotations

import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.checks.models import CHECK_TRANSITIONS, CheckStatus, ClarityCheck, LexiconTerm
from tandem.checks.queries import extra_lexicon
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


def delete_check(check: ClarityCheck, *, by: User) -> None:
    """Delete a check and its file. Logs `checks.check.deleted`."""
    with transaction.atomic():
        log_action(check, "checks.check.deleted", by=by)
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
