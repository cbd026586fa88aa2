"""An organization's page of involvement and its downloads (DOCX, tagged PDF): its admins
see their own organization's, the department's staff every organization's; another's is a
404."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tandem.core.types import AuthenticatedHttpRequest
from tandem.directory.models import Organization
from tandem.reporting import involvement_documents
from tandem.reporting.involvement import (
    involvement_of,
    involvement_organization,
    years_with_involvement,
)


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Every year")), *((y, str(y)) for y in years_with_involvement())]


def _organization(request: AuthenticatedHttpRequest, pk: int) -> Organization:
    try:
        return involvement_organization(request.user, pk)
    except Organization.DoesNotExist:
        raise Http404 from None


def _year(request: AuthenticatedHttpRequest) -> tuple[YearForm, int | None]:
    form = YearForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"]
    return form, None


def involvement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, pk)
    form, year = _year(request)
    inv = involvement_of(organization, year=year)
    return render(
        request,
        "reporting/involvement.html",
        {
            "inv": inv,
            "form": form,
            "title": involvement_documents.title_of(inv),
            "summary": involvement_documents.summary_lines(inv),
            "year_query": f"?year={year}" if year is not None else "",
        },
    )


def involvement_download(request: AuthenticatedHttpRequest, pk: int, ext: str) -> HttpResponse:
    if ext not in ("docx", "pdf"):
        raise Http404
    organization = _organization(request, pk)
    _form, year = _year(request)
    inv = involvement_of(organization, year=year)
    return involvement_documents.involvement_response(inv, ext, by=request.user)
