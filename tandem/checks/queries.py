from __future__ import annotations

import hashlib
import json

from django.db.models import QuerySet

from tandem.accounts.models import User
from tandem.checks.models import CheckPdf, CheckStatus, ClarityCheck, LexiconTerm, PdfStatus
from tandem.clarity import LexiconEntry


def checks_of(user: User | int) -> QuerySet[ClarityCheck]:
    """A person's own checks: nobody else's, whatever their role."""
    return ClarityCheck.objects.filter(owner=user)


def history_of(user: User | int) -> QuerySet[ClarityCheck]:
    return checks_of(user).defer("report", "text")


def pdf_source(check: ClarityCheck) -> str:
    """A digest of what the check's printed report is made from: its heading (title, kind,
    category, file name, date), its analysis (its end), and the earlier version it is compared
    with once that one is analysed. A PDF made from another digest is out of date."""
    compared = (
        check.previous_id is not None
        and ClarityCheck.objects.filter(pk=check.previous_id, status=CheckStatus.DONE).exists()
    )
    parts = [
        check.title,
        check.document_kind,
        check.category,
        check.original_filename,
        check.created,
        check.status,
        check.finished_at,
        check.previous_id if compared else None,
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def pdf_of(check: ClarityCheck, language: str) -> CheckPdf | None:
    """The check's printed report in `language`, whatever its state."""
    return CheckPdf.objects.filter(clarity_check=check, language=language).first()


def is_current(pdf: CheckPdf, check: ClarityCheck) -> bool:
    """The PDF is ready and made from the check as it is now: the only one ever served."""
    return pdf.status == PdfStatus.READY and bool(pdf.file) and pdf.made_from == pdf_source(check)


def lexicon_terms() -> QuerySet[LexiconTerm]:
    return LexiconTerm.objects.select_related("added_by")


def extra_lexicon(language: str) -> tuple[LexiconEntry, ...]:
    """The College's entries for one language, as the analyzer takes them. A retired entry
    is passed as ``retired``: it silences the built-in entry of the same term too."""
    return tuple(
        LexiconEntry(
            term=t.term,
            plain=LexiconTerm.split(t.plain),
            explanation=t.explanation,
            variants=LexiconTerm.split(t.variants),
            source=t.source or "College of Reviewers",
            kind="technical" if t.is_active else "retired",
        )
        for t in LexiconTerm.objects.filter(language=language)
    )
