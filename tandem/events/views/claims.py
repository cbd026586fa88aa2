"""Travel expenses: a person's claims, the officers' queue and decisions, receipts and the
export for accounting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.events import documents, forms, queries, services
from tandem.events.models import ExpenseClaim, Receipt
from tandem.events.views.common import record_decision, show


def claims(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = queries.claimable_events(request.user)
    form = forms.ClaimForm(
        request.POST or None,
        request.FILES or None,
        events=events,
        accepted=queries.registered_events(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = services.submit_claim(
                by=request.user,
                event=data["event"],
                amount=data["amount"],
                description=data["description"],
                receipts=data["receipts"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your claim is sent to the officers."))
            return redirect(claim)
    own = queries.claims_visible_to(request.user).filter(user=request.user)
    status = request.GET.get("status", "submitted")
    queue: QuerySet[ExpenseClaim] | None = None
    if request.user.has_perm("events.manage_events"):
        queue = queries.claims_visible_to(request.user)
        if status:
            queue = queue.filter(status=status)
    return show(
        request,
        "events/claims.html",
        {
            "form": form,
            "own": list(own[:50]),
            "queue": list(queue[:200]) if queue is not None else None,
            "status": status,
            "has_events": events.exists(),
        },
    )


def _claim(request: AuthenticatedHttpRequest, pk: int) -> ExpenseClaim:
    return get_object_or_404(
        queries.claims_visible_to(request.user).prefetch_related("receipts"), pk=pk
    )


def claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_claim = _claim(request, pk)
    return render(
        request,
        "events/claim.html",
        {
            "claim": the_claim,
            "form": forms.ReasonForm(),
            "can_decide": request.user.has_perm("events.manage_events")
            and bool(services.CLAIM_WORKFLOW.allowed_targets(the_claim)),
        },
    )


@require_POST
@permission_required("events.manage_events", raise_exception=True)
def decide_claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_claim = get_object_or_404(ExpenseClaim, pk=pk)
    return record_decision(
        request, the_claim, services.decide_claim, _("The decision is recorded.")
    )


def receipt(request: AuthenticatedHttpRequest, pk: int, receipt_pk: int) -> FileResponse:
    the_claim = _claim(request, pk)
    the_receipt = get_object_or_404(Receipt, claim=the_claim, pk=receipt_pk)
    return documents.receipt_response(the_receipt)


@permission_required("events.manage_events", raise_exception=True)
def claims_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    return documents.claims_export_response(
        queries.claims_visible_to(request.user), request.GET.get("status", "approved")
    )
