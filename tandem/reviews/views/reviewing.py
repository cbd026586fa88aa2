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
    CommentKind,
    DocumentKind,
    DocumentVersion,
    Severity,
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
    if rules.assignment_review_sent(assignment):
        # Once one's own review is sent, the others' appear here as their reviewers send them.
        context["sent"] = True
        context["awaited"] = queries.reviews_still_awaited(assignment)
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
            pending = _pending_comments(request).get(f"{assignment.pk}:{version.pk}", {})
            context["comment_form"] = comment_form or forms.CommentForm(
                initial={**pending, "version": version.pk}
            )
            # Its fields belong to the grid's form (the `form` attribute): every button of the
            # page (a document tab, saving the draft, adding the comment) sends both, so what
            # was typed in either is never lost, with or without JavaScript.
            for field in context["comment_form"].fields.values():
                field.widget.attrs["form"] = WORKSPACE_FORM
    return render(request, "reviews/workspace.html", context, status=status)


WORKSPACE_FORM = "workspace-form"
PENDING = "reviews.pending_comments"
_COMMENT_FIELDS = ("quote", "start", "end", "comment", "suggestion", "kind", "severity")


def _pending_comments(request: AuthenticatedHttpRequest) -> dict[str, dict[str, str]]:
    """Comments typed but not yet added, by assignment and document version (in the session,
    on the server: kept across tabs and saves without JavaScript)."""
    found: dict[str, dict[str, str]] = request.session.get(PENDING, {})
    return found


def _keep_pending_comment(request: AuthenticatedHttpRequest, assignment: Assignment) -> None:
    """Keep the comment typed in the workspace but not added (or forget it once emptied)."""
    version = request.POST.get("version", "")
    if not version.isdigit():
        return
    typed = {name: request.POST.get(name, "") for name in _COMMENT_FIELDS}
    pending = _pending_comments(request)
    key = f"{assignment.pk}:{version}"
    if any(typed[name].strip() for name in ("quote", "comment", "suggestion")):
        pending[key] = typed
    else:
        pending.pop(key, None)
    request.session[PENDING] = pending


def _forget_pending_comment(
    request: AuthenticatedHttpRequest, assignment: Assignment, version: int | None = None
) -> None:
    pending = _pending_comments(request)
    prefix = f"{assignment.pk}:"
    for key in [
        k
        for k in pending
        if k == f"{prefix}{version}" or (version is None and k.startswith(prefix))
    ]:
        del pending[key]
    request.session[PENDING] = pending


@require_POST
def add_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = own_assignment(request, pk)
    form = forms.CommentForm(request.POST)
    # The grid typed on the same page comes along (its fields are in the same form): keep it as
    # a draft so that adding a comment never loses it.
    grid_form = forms.GridForm(request.POST) if _has_grid(request) else None
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
            kind=data["kind"] or CommentKind.OTHER,
            severity=data["severity"] or Severity.MINOR,
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
    _forget_pending_comment(request, assignment, version.pk)
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
    _keep_typing(request, assignment)
    try:
        services.delete_comment(the_comment, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(
        f"{assignment.get_absolute_url()}?document={the_comment.version.document.kind}#comments"
    )


def _has_grid(request: AuthenticatedHttpRequest) -> bool:
    return any(f"{c}_score" in request.POST for c in CRITERIA)


def _keep_typing(request: AuthenticatedHttpRequest, assignment: Assignment) -> None:
    """The workspace's grid saved as a draft and its comment kept, when a button other than
    the grid's own was pressed (deleting a comment)."""
    _keep_pending_comment(request, assignment)
    if _has_grid(request):
        typed = forms.GridForm(request.POST)
        if typed.is_valid():
            services.save_review(assignment, by=request.user, values=typed.cleaned_data)


@require_POST
def grid(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every button of the workspace but "Add the comment": a document tab (`goto`), saving the
    draft, and sending, which first shows a confirmation step. The grid is saved as a draft
    and a comment typed but not added is kept, whichever button was pressed."""
    assignment = own_assignment(request, pk)
    form = forms.GridForm(request.POST)
    kind = request.POST.get("goto") or request.POST.get("document", "")
    _keep_pending_comment(request, assignment)
    if not form.is_valid():
        return _render_workspace(request, assignment, kind=kind, grid_form=form, status=422)
    try:
        services.save_review(assignment, by=request.user, values=form.cleaned_data)
    except DomainError as exc:
        return fail(request, exc, assignment.get_absolute_url())
    if request.POST.get("goto"):
        return redirect(f"{assignment.get_absolute_url()}?document={kind}")
    if "submit" in request.POST:
        missing = [c for c in CRITERIA if form.cleaned_data.get(f"{c}_score") is None]
        if missing:
            for criterion in missing:
                form.add_error(f"{criterion}_score", _("Give a score before sending."))
            return _render_workspace(request, assignment, kind=kind, grid_form=form, status=422)
        return redirect("reviews:send_review", pk=assignment.pk)
    messages.success(request, _("Your draft is saved."))
    return redirect(f"{assignment.get_absolute_url()}?document={kind}#grid")


def send_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The confirmation step before the irreversible send (a page: it works without
    JavaScript): the grid as saved, the number of comments, and any comment typed but not
    added."""
    assignment = own_assignment(request, pk)
    if not rules.assignment_is_writable(assignment):
        messages.info(request, _("This review cannot be sent now."))
        return redirect(assignment)
    if request.method == "POST":
        try:
            services.submit_review(assignment, by=request.user, values={})
        except DomainError as exc:
            return fail(request, exc, f"{assignment.get_absolute_url()}#grid")
        _forget_pending_comment(request, assignment)
        messages.success(
            request,
            _(
                "Your review is sent. Thank you! The other reviewers' reviews appear on this "
                "page once they have sent them."
            ),
        )
        return redirect(assignment)
    review = assignment.review
    pending = [key for key in _pending_comments(request) if key.startswith(f"{assignment.pk}:")]
    return render(
        request,
        "reviews/send_review.html",
        {
            "assignment": assignment,
            "req": assignment.round.request,
            "rows": [(c.label, review.score(c), review.comment(c)) for c in CRITERIA],
            "review": review,
            "comments": review.comments.filter(carried_from__isnull=True).count(),
            "pending": len(pending),
        },
    )


@permission_required("reviews.review", raise_exception=True)
def history(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.reviewer_history(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reviews/history.html", {"page": page})
