"""The researcher's pages: their requests, a new request, a request's page, documents (upload,
analysis, download, comparison of versions), sending, answering the comments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.audit import history_of
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.reviews import documents, forms, presenters, queries, rules, services
from tandem.reviews.models import (
    AnchoredComment,
    AnswerState,
    AssignmentState,
    ConsolidatedReport,
    Document,
    DocumentKind,
    ReportStatus,
    RequestStatus,
    ReviewRequest,
)
from tandem.reviews.views.lookups import fail, own_request, visible_request


def my_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.requests_of(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "reviews/my_requests.html", {"page": page})


@permission_required("reviews.submit_request", raise_exception=True)
def new_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.RequestForm(
        request.POST or None,
        request.FILES or None,
        initial={"reviewers_wanted": 3, "language": request.user.language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.create_request(
                by=request.user,
                title=data["title"],
                acronym=data["acronym"],
                category=data["category"],
                language=data["language"],
                disease_areas=data["disease_areas"],
                sponsor_reference=data["sponsor_reference"],
                planned_submission_on=data["planned_submission_on"],
                organizations=data["organizations"],
                delegates=data["delegates"],
                reviewers_wanted=data["reviewers_wanted"],
                documents={k: data[k] for k in DocumentKind.values if data.get(k)},
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Your request is saved as a draft. Read the analyzer's reports, then send it to the College."
                ),
            )
            return redirect(made)
    return render(
        request,
        "reviews/new_request.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return request_page(request, visible_request(request, pk))


def request_page(
    request: AuthenticatedHttpRequest,
    review_request: ReviewRequest,
    *,
    form: forms.RequestPageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """A request's page; a form given here (one of the page's, found by its `id_name`) is shown
    as typed, with its errors."""
    typed = {form.id_name: form} if form is not None else {}
    user = request.user
    is_author = queries.can_act_for(user, review_request)
    is_coordinator = user.has_perm("reviews.coordinate")
    actions = presenters.request_actions(
        review_request, is_author=is_author, is_coordinator=is_coordinator
    )
    documents_ = list(queries.documents_of(review_request))
    present = {d.kind for d in documents_}
    context: dict[str, Any] = {
        "req": review_request,
        "steps": presenters.steps(review_request.status),
        "actions": actions,
        "documents": documents_,
        "missing_kinds": [k for k in DocumentKind if k not in present],
        "versions": list(queries.versions_of(review_request)),
        "is_author": is_author,
        "is_coordinator": is_coordinator,
        "rounds": list(review_request.rounds.all()),
    }
    if actions.upload:
        context["upload_form"] = typed.get("upload") or forms.UploadForm(
            revision=review_request.status == RequestStatus.REPORT_SENT
        )
    if actions.triage:
        context["triage_form"] = typed.get("triage") or forms.TriageForm()
    current = review_request.current_round
    if current is not None:
        seats = list(queries.round_assignments(current))
        context["assignments"] = (
            seats if is_coordinator else [a for a in seats if a.reviewer_id == user.pk]
        )
        context["my_assignment"] = next(
            (a for a in seats if a.reviewer_id == user.pk and a.state != AssignmentState.PROPOSED),
            None,
        )
    sent = (
        ConsolidatedReport.objects.filter(round__request=review_request, status=ReportStatus.SENT)
        .select_related("round")
        .order_by("-round__number")
    )
    if is_author or is_coordinator:
        context["reports"] = list(sent)
    if actions.answer_comments:
        context["comments"] = [
            (c, typed.get(f"answer_{c.pk}") or forms.AnswerForm(comment=c))
            for c in queries.comments_for_researcher(review_request)
        ]
    if is_coordinator:
        context["history"] = history_of(review_request)[:30]
    if actions.consolidate:
        context["consolidate_form"] = typed.get("consolidate") or forms.ConsolidateForm()
    if actions.open_round:
        context["round_form"] = typed.get("round") or forms.NewRoundForm()
    if actions.close:
        context["close_form"] = typed.get("close") or forms.CloseForm()
    if actions.withdraw:
        context["withdraw_form"] = typed.get("withdraw") or forms.WithdrawForm()
    if is_author and review_request.status == RequestStatus.IN_REVIEW:
        context["progress"] = presenters.round_progress(review_request)
    return render(request, "reviews/request_detail.html", context, status=status)


def refused(
    request: AuthenticatedHttpRequest,
    review_request: ReviewRequest,
    form: forms.RequestPageForm,
    exc: DomainError,
    fields: Mapping[str, str],
) -> HttpResponse:
    """A service refused what a form of the request's page sent. A refusal about one of the
    form's fields (`fields` maps the error's code to it) is shown beside that field, the page
    again with the form as typed (422); any other, in a banner above the page."""
    field = fields.get(exc.code)
    if field is None or field not in form.fields:
        return fail(request, exc, review_request.get_absolute_url())
    form.add_error(field, str(exc))
    return request_page(request, review_request, form=form, status=422)


@require_POST
def upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = own_request(request, pk)
    form = forms.UploadForm(
        request.POST, request.FILES, revision=review_request.status == RequestStatus.REPORT_SENT
    )
    if not form.is_valid():
        return request_page(request, review_request, form=form, status=422)
    try:
        services.add_document_version(
            review_request,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            by=request.user,
            start_revision=bool(form.cleaned_data.get("start_revision")),
        )
    except DomainError as exc:
        return refused(
            request, review_request, form, exc, {"kind": "kind", "revision": "start_revision"}
        )
    messages.success(
        request, _("The document is uploaded. Its analysis appears below in a moment.")
    )
    return redirect(review_request)


@require_POST
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = own_request(request, pk)
    try:
        services.submit_request(review_request, by=request.user)
    except DomainError as exc:
        return fail(request, exc, review_request.get_absolute_url())
    messages.success(
        request, _("Your request is sent to the College. The coordinator will answer soon.")
    )
    return redirect(review_request)


def version_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(queries.versions_visible_to(request.user), pk=pk)
    context: dict[str, Any] = {"version": version, "req": version.document.request}
    if version.report:
        context.update(
            report=version.report,
            chunks=presenters.marked_text(version.report),
            findings=presenters.numbered_findings(version.report),
        )
    return render(request, "reviews/version.html", context)


def download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    version = get_object_or_404(queries.versions_visible_to(request.user), pk=pk)
    return documents.version_response(version, by=request.user)


def compare(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    review_request = visible_request(request, pk)
    document = get_object_or_404(Document, request=review_request, kind=kind)
    versions = list(document.versions.order_by("-number")[:2])
    if len(versions) < 2:
        messages.info(request, _("There is only one version of this document."))
        return redirect(review_request)
    after, before = versions
    comments = list(queries.submitted_comments_visible_to(request.user, before))
    return render(
        request,
        "reviews/compare.html",
        {
            "req": review_request,
            "document": document,
            "before": before,
            "after": after,
            "rows": presenters.diff(before.text, after.text),
            "comparison": presenters.compare(before.report, after.report)
            if before.report and after.report
            else None,
            "comments": comments,
        },
    )


@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        AnchoredComment.objects.select_related("version__document__request"),
        pk=pk,
        version__document__request__in=queries.requests_of(request.user).values("pk"),
    )
    review_request = comment.version.document.request
    form = forms.AnswerForm(request.POST, comment=comment)
    if not form.is_valid():
        return request_page(request, review_request, form=form, status=422)
    try:
        services.answer_comment(
            comment,
            by=request.user,
            accepted=form.cleaned_data["answer"] == AnswerState.ACCEPTED,
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return refused(request, review_request, form, exc, {"reason": "reason"})
    messages.success(request, _("Your answer is saved."))
    return redirect(f"{review_request.get_absolute_url()}#comment-{comment.pk}")


def edit_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The team corrects its draft (or its request whose documents were asked for)."""
    review_request = own_request(request, pk)
    if not rules.request_can_be_edited(review_request):
        messages.info(request, _("The request cannot be changed at this stage."))
        return redirect(review_request)
    initial = presenters.editable_values(review_request)
    form = forms.EditRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(review_request, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The request is saved."))
            return redirect(review_request)
    return render(
        request,
        "reviews/edit_request.html",
        {"form": form, "req": review_request},
        status=422 if request.method == "POST" else 200,
    )


def delete_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the draft is deleted (a sent request is withdrawn instead)."""
    review_request = own_request(request, pk)
    if not rules.request_can_be_deleted(review_request):
        messages.info(request, _("Only a draft can be deleted; a sent request is withdrawn."))
        return redirect(review_request)
    if request.method == "POST":
        try:
            services.delete_draft(review_request, by=request.user)
        except DomainError as exc:
            return fail(request, exc, review_request.get_absolute_url())
        messages.success(request, _("The draft is deleted."))
        return redirect("reviews:my_requests")
    return render(request, "reviews/delete_request.html", {"req": review_request})


@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = own_request(request, pk)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        return request_page(request, review_request, form=form, status=422)
    try:
        services.withdraw_request(
            review_request, by=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        return refused(request, review_request, form, exc, {"reason": "reason"})
    messages.success(request, _("The request is withdrawn. The College is told."))
    return redirect(review_request)
