"""What the pages share: a form page shown again, and an officer's approve-or-reject decision
with its reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.events import forms


def record_decision(
    request: AuthenticatedHttpRequest,
    obj: Any,
    decide_with: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """An officer's approve-or-reject decision with an optional reason (a researcher's proposed
    meeting, a travel claim): one service call, its refusal or success shown on `obj`'s page."""
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        decide_with(
            obj,
            by=request.user,
            approve=request.POST.get("decision") == "approve",
            reason=form.cleaned_data.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(obj)


def show(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A page with a form; a posted form shown again (refused) answers 422."""
    return render(request, template, context, status=422 if request.method == "POST" else 200)
