"""Consolidation and the documents made from it: the report (page, DOCX, PDF) and the reviewer's
certificate. The documents themselves come from `tandem.reviews.documents`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.reviews import annotated, documents, forms, queries, rules, services
from tandem.reviews.models import (
    CRITERIA,
    AssignmentState,
    ConsolidatedReport,
    DocumentKind,
    ReportStatus,
    ReviewRequest,
)
from tandem.reviews.views.lookups import coordinated_request, visible_request
from tandem.reviews.views.requests import refused


def consolidate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = coordinated_request(request, pk)
    if request.method == "POST" and rules.request_can_be_consolidated(review_request):
        start = forms.ConsolidateForm(request.POST)
        start.is_valid()  # one optional box: always valid
        try:
            services.start_consolidation(
                review_request, by=request.user, force=start.cleaned_data["force"]
            )
        except DomainError as exc:
            return refused(request, review_request, start, exc, {"waiting": "force"})
        messages.success(request, _("A first draft of the report is ready: edit it, then send it."))
        return redirect("reviews:consolidate", pk=review_request.pk)
    current = review_request.current_round
    the_report = ConsolidatedReport.objects.filter(round=current).first() if current else None
    if the_report is None or not rules.request_report_in_preparation(review_request):
        messages.info(request, _("There is no report to edit at this stage."))
        return redirect(review_request)
    initial = {"summary": the_report.summary, "burden_text": the_report.burden_text}
    initial.update({f"{c}_text": the_report.text(c) for c in CRITERIA})
    form = forms.ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(
                the_report,
                by=request.user,
                values={k: str(v) for k, v in form.cleaned_data.items()},
            )
            if "send" in request.POST:
                services.send_report(the_report, by=request.user)
                messages.success(request, _("The report is sent to the researcher."))
                return redirect(review_request)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("reviews:consolidate", pk=review_request.pk)
    assert current is not None
    reviews = list(queries.round_assignments(current).filter(state=AssignmentState.SUBMITTED))
    return render(
        request,
        "reviews/consolidate.html",
        {
            "req": review_request,
            "report": the_report,
            "form": form,
            "reviews": reviews,
            "passages": queries.report_comments(current, reviews),
            "criteria": [
                {
                    "label": c.label,
                    "field": form[f"{c}_text"],
                    "score": the_report.scores.get(str(c), {}),
                    "reviews": [(a, a.review.score(c), a.review.comment(c)) for a in reviews],
                }
                for c in CRITERIA
            ],
        },
    )


def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request, the_report = _sent_report(request, pk)
    return render(
        request,
        "reviews/report.html",
        {
            "req": review_request,
            "report": the_report,
            "sections": documents.report_sections(the_report),
            "passages": queries.report_comments(the_report.round),
            "annotated": [
                version
                for kind in DocumentKind.values
                if (version := annotated.commented_version(the_report, kind)) is not None
            ],
        },
    )


def _sent_report(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[ReviewRequest, ConsolidatedReport]:
    review_request = visible_request(request, pk)
    if not (
        queries.can_act_for(request.user, review_request)
        or request.user.has_perm("reviews.coordinate")
    ):
        raise Http404
    number = request.GET.get("round", "")
    reports = ConsolidatedReport.objects.filter(
        round__request=review_request, status=ReportStatus.SENT
    ).select_related("round__request")
    if number.isdigit():
        reports = reports.filter(round__number=int(number))
    the_report = reports.order_by("-round__number").first()
    if the_report is None:
        raise Http404
    return review_request, the_report


def report_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request, the_report = _sent_report(request, pk)
    log_action(
        review_request, "reviews.report.downloaded", by=request.user, data={"format": "docx"}
    )
    return documents.report_response(the_report, "docx")


def report_annotated(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """The team's own DOCX of one document with the round's comments in the margin."""
    _review_request, the_report = _sent_report(request, pk)
    return documents.annotated_response(the_report, kind, by=request.user)


def report_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request, the_report = _sent_report(request, pk)
    log_action(review_request, "reviews.report.downloaded", by=request.user, data={"format": "pdf"})
    return documents.report_response(the_report, "pdf")


@permission_required("reviews.review", raise_exception=True)
def certificate(request: AuthenticatedHttpRequest) -> HttpResponse:
    return documents.certificate_response(request.user)
