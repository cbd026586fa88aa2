"""The background analysis of a document version and the comments that follow their passage
into it."""

from __future__ import annotations

import logging

from django.db import transaction

from tandem.checks.queries import extra_lexicon
from tandem.clarity import Config, analyze
from tandem.clarity.extract import ExtractionError, extract_text
from tandem.core.audit import log_action
from tandem.core.uploads import extraction_limits
from tandem.reviews import anchoring
from tandem.reviews.models import (
    ANALYSED_DOCUMENTS,
    ANALYSIS_WORKFLOW,
    AnalysisStatus,
    AnchoredComment,
    DocumentVersion,
    ReviewState,
)

logger = logging.getLogger(__name__)


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
            ANALYSIS_WORKFLOW.apply(version, AnalysisStatus.RUNNING)
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
                # a version too short to judge gets no indicator, as in "Check my document":
                # a score out of 100 for twenty words would contradict it
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
            ANALYSIS_WORKFLOW.apply(version, AnalysisStatus.DONE)
            version.report = report
            version.text = report["text"]  # offsets of findings and comments point here
            version.score = report["score"]
        else:
            ANALYSIS_WORKFLOW.apply(version, AnalysisStatus.SKIPPED)
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
        ANALYSIS_WORKFLOW.apply(version, AnalysisStatus.FAILED)
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
                kind=comment.kind,
                severity=comment.severity,
                carried_from=comment.carried_from or comment,
            )
        )
    AnchoredComment.objects.bulk_create(carried)
    return len(carried)
