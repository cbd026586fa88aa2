"""The minutes' page for writing them item by item (the secretariat, while they are a draft)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import forms, queries, services
from tandem.governance.models import Minutes, MinutesStatus
from tandem.governance.views._common import _require


def _based_on(request: AuthenticatedHttpRequest) -> int | None:
    """The version the form was filled from (sent with it): the service refuses the form if
    the minutes have a newer one. Not a number: no version (0), refused the same way."""
    sent = request.POST.get("version")
    if sent is None:
        return None
    return int(sent) if sent.isdigit() else 0


def minutes_items(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    item = get_object_or_404(Minutes.objects.select_related("meeting__body"), pk=pk)
    if request.method != "POST" and item.status != MinutesStatus.DRAFT:
        messages.error(request, _("These minutes are approved: they can no longer change."))
        return redirect(item)
    latest = queries.latest_version(item)
    rows = forms.minutes_item_forms(latest, request.POST if request.method == "POST" else None)
    status, stale_from = 200, None
    if request.method == "POST":
        # Every form is validated (not only up to the first invalid one): each shows its errors.
        if not all([form.is_valid() for _agenda, form in rows]):
            status = 422
        else:
            entries = [
                {
                    "item": agenda.pk,
                    **form.cleaned_data,
                    "proposal": getattr(form.cleaned_data["proposal"], "pk", None),
                }
                for agenda, form in rows
            ]
            try:
                services.record_minutes_items(
                    item, entries=entries, by=request.user, based_on=_based_on(request)
                )
            except DomainError as exc:
                messages.error(request, str(exc))
                status = 409
                if exc.code == "stale_version":
                    # The forms keep what was typed; the page links to what changed meanwhile.
                    latest = queries.latest_version(item)
                    stale_from = _based_on(request)
            else:
                messages.success(request, _("The minutes of the agenda items are saved."))
                return redirect(item)
    return render(
        request,
        "governance/minutes_items.html",
        {
            "minutes": item,
            "meeting": item.meeting,
            "rows": rows,
            "latest": latest,
            "stale_from": stale_from,
        },
        status=status,
    )
