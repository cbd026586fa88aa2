"""The secretariat's pages for the body: quotas, mandates, quorum rules."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.governance import forms, presenters, queries, services
from tandem.governance.models import (
    Body,
    Mandate,
    QuotaChange,
)
from tandem.governance.views._common import _body, _done, _invalid, _require, kept_form

# The mandate and quota forms share the page (both choose a college): each its own prefix.
MANDATE, QUOTA = "mandate", "quota"


def body_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    return _render_body_page(request, _body())


def _render_body_page(
    request: AuthenticatedHttpRequest,
    body: Body,
    mandate_form: forms.MandateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    colleges = body.colleges.all()
    return render(
        request,
        "governance/body.html",
        {
            "body": body,
            "composition": queries.composition(body),
            "warnings": presenters.warnings(queries.warnings(body)),
            "quota_form": kept_form(request, forms.QuotaForm, colleges=colleges, prefix=QUOTA),
            "mandate_form": mandate_form
            or kept_form(request, forms.MandateForm, colleges=colleges, prefix=MANDATE),
            "quota_history": QuotaChange.objects.filter(college__body=body).select_related(
                "college", "by"
            )[:20],
            "mandates": Mandate.objects.filter(college__body=body)
            .select_related("person", "college", "organization")
            .order_by("-end")[:60],
            "quorum_rule": queries.current_quorum_rule(body),
            "quorum_form": forms.QuorumRuleForm(
                initial={"overall_percent": 50, "college_percent": 34, "count_proxies": True}
            ),
            "today": timezone.localdate(),
        },
        status=status,
    )


@require_POST
def change_quota(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    body = _body()
    form = forms.QuotaForm(request.POST, colleges=body.colleges.all(), prefix=QUOTA)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    data = form.cleaned_data
    return _done(
        request,
        "governance:body",
        lambda: services.change_quota(
            data["college"], seats=data["seats"], reason=data["reason"], by=request.user
        ),
        _("The quota was changed."),
        form=form,
    )


@require_POST
def appoint(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    body = _body()
    form = forms.MandateForm(request.POST, colleges=body.colleges.all(), prefix=MANDATE)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    data = form.cleaned_data
    try:
        services.appoint(
            data["college"],
            person=data["person"],
            organization=data["organization"],
            role=data["role"],
            start=data["start"],
            end=data["end"],
            seat=data["seat"],
            by=request.user,
        )
    except DomainError as exc:
        # The form comes back as it was typed, with the refusal above it.
        form.add_error(None, str(exc))
        return _render_body_page(request, body, mandate_form=form, status=409)
    messages.success(request, _("The mandate was recorded."))
    return redirect("governance:body")


@require_POST
def renew(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    mandate = get_object_or_404(Mandate.objects.select_related("college", "person"), pk=pk)
    form = forms.RenewForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    return _done(
        request,
        "governance:body",
        lambda: services.renew_mandate(mandate, end=form.cleaned_data["end"], by=request.user),
        _("The mandate was renewed."),
        form=form,
    )


@require_POST
def end_mandate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    mandate = get_object_or_404(Mandate, pk=pk)
    form = forms.EndMandateForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    return _done(
        request,
        "governance:body",
        lambda: services.end_mandate(mandate, on=form.cleaned_data["on"], by=request.user),
        _("The mandate was ended."),
        form=form,
    )


@require_POST
def adopt_quorum_rule(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request, "governance.run_secretariat")
    form = forms.QuorumRuleForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, "governance:body")
    return _done(
        request,
        "governance:body",
        lambda: services.adopt_quorum_rule(_body(), by=request.user, **form.cleaned_data),
        _("The new quorum rules apply to meetings convened from now on."),
        form=form,
    )
