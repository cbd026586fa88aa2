"""The coordinator's pages: the triage queue and decisions, choosing reviewers, withdrawing one,
opening a new round, closing, the metrics."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.models import User
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.reviews import assignment as optimiser
from tandem.reviews import forms, metrics, presenters, queries, services
from tandem.reviews.conf import setting
from tandem.reviews.models import Assignment, RequestStatus, ReviewerStatus
from tandem.reviews.views.lookups import coordinated_request, fail
from tandem.reviews.views.requests import refused, request_page


@permission_required("reviews.coordinate", raise_exception=True)
def triage_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    requests_ = queries.triage_queue()
    if status in RequestStatus.values:
        requests_ = requests_.filter(status=status)
    page = Paginator(requests_, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "extra_query": f"status={status}" if status else "",
        },
    )


@require_POST
def triage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = coordinated_request(request, pk)
    form = forms.TriageForm(request.POST)
    if not form.is_valid():
        return request_page(request, review_request, form=form, status=422)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "accept":
            services.accept_request(review_request, by=request.user)
            messages.success(request, _("Accepted. Now choose the reviewers."))
            return redirect("reviews:assign", pk=review_request.pk)
        if decision == "missing":
            services.ask_for_documents(review_request, by=request.user, note=note)
        else:
            services.decline_request(review_request, by=request.user, reason=note)
    except DomainError as exc:
        # The services' rule (a message is required) is shown by the message's box.
        return refused(request, review_request, form, exc, {"note": "note", "reason": "note"})
    messages.success(request, _("The researcher is told."))
    return redirect(review_request)


def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = coordinated_request(request, pk)
    pool = list(queries.reviewer_pool().filter(status=ReviewerStatus.ACTIVE))
    round = review_request.current_round
    deadline = (
        round.deadline
        if round is not None and review_request.status != RequestStatus.REVISION
        else timezone.localdate() + dt.timedelta(days=setting("REVIEWS_REVIEW_DAYS"))
    )
    result = services.suggest_reviewers(review_request, deadline=deadline)
    need = queries.need_for(review_request, deadline=deadline)
    blockers = {
        c.id: code
        for c in queries.candidates(users=[p.user_id for p in pool])
        if (code := optimiser.blocker(c, need)) is not None
    }
    form = forms.AssignForm(
        request.POST or None,
        candidates=presenters.assign_choices(
            [(p.user_id, str(p.user)) for p in pool], result, blockers
        ),
        # Once a round is open the form shows its deadline: a date sent moves it.
        initial={
            "seen_round": review_request.current_round_id,
            **(
                {"deadline": round.deadline}
                if round is not None and review_request.status != RequestStatus.REVISION
                else {}
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        people = {
            u.pk: u
            for u in User.objects.filter(
                pk__in=[*form.cleaned_data["reviewers"], *form.cleaned_data["alternates"]]
            )
        }
        try:
            services.assign_reviewers(
                review_request,
                by=request.user,
                reviewers=[people[i] for i in form.cleaned_data["reviewers"]],
                alternates=[people[i] for i in form.cleaned_data["alternates"]],
                deadline=form.cleaned_data["deadline"],
                seen_round=form.cleaned_data["seen_round"]
                if "seen_round" in request.POST
                else review_request.current_round_id,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
            # Show the round as it is now; sent again, the kept choice applies to it.
            review_request.refresh_from_db()
            data = request.POST.copy()
            data["seen_round"] = str(review_request.current_round_id or "")
            form.data = data
        else:
            messages.success(request, _("The reviewers are invited."))
            return redirect(review_request)
    suggestion = [
        {"choice": c, "why": presenters.explain(c, review_request.language)} for c in result.chosen
    ]
    alternates = [
        {"choice": c, "why": presenters.explain(c, review_request.language)}
        for c in result.alternates
    ]
    if not form.is_bound:
        form.initial["reviewers"] = [c.candidate.id for c in result.chosen]
        form.initial["alternates"] = [c.candidate.id for c in result.alternates]
    seats = (
        list(queries.round_assignments(review_request.current_round))
        if review_request.current_round
        else []
    )
    return render(
        request,
        "reviews/assign.html",
        {
            "req": review_request,
            "form": form,
            "suggestion": suggestion,
            "alternates": alternates,
            "shortfall": presenters.shortfall(result, len(pool)),
            "blocked": [
                (presenters.blocker_count(code, n)) for code, n in sorted(result.blocked.items())
            ],
            "seats": seats,
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
def dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("reviews.coordinate"):
        raise Http404
    assignment = get_object_or_404(Assignment.objects.select_related("round__request"), pk=pk)
    try:
        services.dismiss_assignment(assignment, by=request.user)
    except DomainError as exc:
        return fail(request, exc, assignment.round.request.get_absolute_url())
    messages.success(
        request, _("The reviewer is withdrawn; the first alternate, if any, is invited.")
    )
    return redirect("reviews:assign", pk=assignment.round.request_id)


@require_POST
def new_round(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = coordinated_request(request, pk)
    form = forms.NewRoundForm(request.POST)
    if not form.is_valid():
        return request_page(request, review_request, form=form, status=422)
    try:
        services.open_new_round(
            review_request, by=request.user, deadline=form.cleaned_data["deadline"]
        )
    except DomainError as exc:
        return refused(request, review_request, form, exc, {"past": "deadline"})
    messages.success(request, _("A new round is open with the same reviewers."))
    return redirect(review_request)


@require_POST
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = coordinated_request(request, pk)
    form = forms.CloseForm(request.POST)
    if not form.is_valid():
        return request_page(request, review_request, form=form, status=422)
    try:
        services.close_request(
            review_request,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return refused(request, review_request, form, exc, {"outcome": "outcome", "reason": "note"})
    messages.success(request, _("The request is closed."))
    return redirect(review_request)


@permission_required("reviews.coordinate", raise_exception=True)
def metrics_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "reviews/metrics.html", {"m": metrics.compute()})
