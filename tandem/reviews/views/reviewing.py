"""The reviewer's pages: assignments (accept, decline), the workspace (comments anchored to
passages, the grid), the history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.reviews import forms, presenters, queries, rules, services
from tandem.reviews.models import (
    CRITERIA,
    OPEN_STATES,
    AnchoredComment,
    Assignment,
    DocumentKind,
    DocumentVersion,
)
from tandem.reviews.views.lookups import fail, own_assignment


@permission_required("reviews.review", raise_exception=True)
def my_assignments(request: AuthenticatedHttpRequest) -> HttpResponse:
    assignments = queries.assignments_of(request.user)
    open_ = [a for a in assignments.filter(state__in=OPEN_STATES)]
    page = Paginator(assignments.exclude(state__in=OPEN_STATES), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reviews/my_assignments.html",
        {"open": open_, "page": page, "decline_form": forms.DeclineForm()},
    )


@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = own_assignment(request, pk)
    try:
        services.accept_assignment(assignment, by=request.user)
    except DomainError as exc:
        return fail(request, exc, "reviews:my_assignments")
    messages.success(request, _("Thank you! The documents are ready for you."))
    return redirect(assignment)


@require_POST
def decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = own_assignment(request, pk)
    form = forms.DeclineForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "reviews/my_assignments.html",
            {
                "open": list(queries.open_assignments_of(request.user)),
                "page": None,
                "decline_form": form,
                "declining": assignment.pk,
            },
            status=422,
        )
    try:
        services.decline_assignment(assignment, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        return fail(request, exc, "reviews:my_assignments")
    messages.success(request, _("You declined this review. Thank you for telling us."))
    return redirect("reviews:my_assignments")


def workspace(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = own_assignment(request, pk)
    return _render_workspace(request, assignment, kind=request.GET.get("document", ""))


def _render_workspace(
    request: AuthenticatedHttpRequest,
    assignment: Assignment,
    *,
    kind: str = "",
    comment_form: forms.CommentForm | None = None,
    grid_form: forms.GridForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The review workspace; a form given here is shown as typed, with its errors."""
    review_request = assignment.round.request
    if rules.assignment_ended_without_review(assignment):
        raise Http404
    docs = list(queries.documents_of(review_request))
    kind = kind or (
        DocumentKind.LEAFLET
        if any(d.kind == DocumentKind.LEAFLET for d in docs)
        else (docs[0].kind if docs else "")
    )
    document = next((d for d in docs if d.kind == kind), None)
    version = document.latest_version if document else None
    review = getattr(assignment, "review", None)
    editable = rules.assignment_is_writable(assignment)
    comments = (
        list(queries.comments_on(version).filter(review__assignment=assignment)) if version else []
    )
    context: dict[str, Any] = {
        "assignment": assignment,
        "req": review_request,
        "documents": docs,
        "document": document,
        "version": version,
        "comments": comments,
        "editable": editable,
        "review": review,
        "others": [
            a
            for a in queries.reviews_visible_in_round(request.user, assignment.round)
            if a.pk != assignment.pk
        ],
    }
    if version is not None and assignment.round.number > 1:
        context["earlier"] = queries.earlier_comments(assignment, version)
    if version is not None and version.report:
        context.update(
            chunks=presenters.marked_text(version.report),
            findings=presenters.numbered_findings(version.report),
        )
    if editable:
        initial = {}
        if review is not None:
            initial = (
                {f"{c}_score": review.score(c) for c in CRITERIA}
                | {f"{c}_comment": review.comment(c) for c in CRITERIA}
                | {"burden_suggestions": review.burden_suggestions}
            )
        context["grid_form"] = grid_form or forms.GridForm(initial=initial)
        if version is not None:
            context["comment_form"] = comment_form or forms.CommentForm(
                initial={"version": version.pk}
            )
    return render(request, "reviews/workspace.html", context, status=status)


@require_POST
def add_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = own_assignment(request, pk)
    form = forms.CommentForm(request.POST)
    # The grid typed on the same page comes along (copied by the page's script): keep it as a
    # draft so that adding a comment never loses it.
    grid_form = forms.GridForm(request.POST) if "grid_included" in request.POST else None
    if grid_form is not None and grid_form.is_valid():
        services.save_review(assignment, by=request.user, values=grid_form.cleaned_data)
    kind = request.POST.get("document", "")
    if not form.is_valid():
        return _render_workspace(
            request, assignment, kind=kind, comment_form=form, grid_form=grid_form, status=422
        )
    data = form.cleaned_data
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        pk=data["version"],
        document__request_id=assignment.round.request_id,
    )
    try:
        services.add_comment(
            assignment,
            by=request.user,
            version=version,
            comment=data["comment"],
            quote=data["quote"],
            start=data["start"],
            end=data["end"],
            suggestion=data["suggestion"],
        )
    except DomainError as exc:
        # Shown beside the passage field, with everything typed still there.
        form.add_error("quote", str(exc))
        return _render_workspace(
            request,
            assignment,
            kind=version.document.kind,
            comment_form=form,
            grid_form=grid_form,
            status=422,
        )
    messages.success(request, _("Your comment is saved with your draft."))
    return redirect(f"{assignment.get_absolute_url()}?document={version.document.kind}#comments")


@require_POST
def delete_comment(request: AuthenticatedHttpRequest, pk: int, comment: int) -> HttpResponse:
    assignment = own_assignment(request, pk)
    the_comment = get_object_or_404(
        AnchoredComment.objects.select_related("version__document"),
        pk=comment,
        review__assignment=assignment,
    )
    try:
        services.delete_comment(the_comment, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(
        f"{assignment.get_absolute_url()}?document={the_comment.version.document.kind}#comments"
    )


@require_POST
def grid(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = own_assignment(request, pk)
    form = forms.GridForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the grid: some values are not valid."))
        return redirect(assignment)
    submit_ = "submit" in request.POST
    try:
        if submit_:
            services.submit_review(assignment, by=request.user, values=form.cleaned_data)
        else:
            services.save_review(assignment, by=request.user, values=form.cleaned_data)
    except DomainError as exc:
        if exc.code == "incomplete":
            # Keep what was typed: the grid is saved as a draft, only sending is refused.
            services.save_review(assignment, by=request.user, values=form.cleaned_data)
        messages.error(request, str(exc))
        return redirect(f"{assignment.get_absolute_url()}#grid")
    messages.success(
        request,
        _("Your review is sent. Thank you! You can now read the other reviews.")
        if submit_
        else _("Your draft is saved."),
    )
    return redirect(assignment)


@permission_required("reviews.review", raise_exception=True)
def history(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.reviewer_history(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reviews/history.html", {"page": page})
