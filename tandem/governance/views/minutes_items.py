"""The minutes' page for writing them item by item (the secretariat, while they are a draft)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import forms, services
from tandem.governance.models import Minutes, MinutesStatus
from tandem.governance.views._common import _require


def minutes_items(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    item = get_object_or_404(Minutes.objects.select_related("meeting__body"), pk=pk)
    if request.method != "POST" and item.status != MinutesStatus.DRAFT:
        messages.error(request, _("These minutes are approved: they can no longer change."))
        return redirect(item)
    rows = forms.minutes_item_forms(item, request.POST if request.method == "POST" else None)
    status = 200
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
                services.record_minutes_items(item, entries=entries, by=request.user)
            except DomainError as exc:
                messages.error(request, str(exc))
                status = 409
            else:
                messages.success(request, _("The minutes of the agenda items are saved."))
                return redirect(item)
    return render(
        request,
        "governance/minutes_items.html",
        {"minutes": item, "meeting": item.meeting, "rows": rows},
        status=status,
    )
