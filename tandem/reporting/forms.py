"""The dashboard's filters: a period (a year, a quarter or custom dates) and the institute,
regional office, disease area and kind of organization. Read from the address (GET), so that a
filtered dashboard can be bookmarked and shared."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.core.widgets import DateInput
from tandem.directory.forms import IndentedAreaChoiceField
from tandem.directory.models import DiseaseArea, Institute, OrganizationKind, RegionalOffice
from tandem.reporting.indicators.filters import with_area_ids
from tandem.reporting.scope import PeriodKind, Scope, build_scope, period_problem

FIRST_YEAR = 2015


def _years() -> list[tuple[int, str]]:
    last = timezone.localdate().year + 1
    return [(y, str(y)) for y in range(last, FIRST_YEAR - 1, -1)]


class ScopeForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[
            (PeriodKind.YEAR, _("A year")),
            (PeriodKind.QUARTER, _("A quarter")),
            (PeriodKind.CUSTOM, _("Dates of my choice")),
        ],
        initial=PeriodKind.YEAR,
        required=False,
    )
    # The year shown when nothing is chosen is the one the page reports on (`scope_from`), not
    # the first of the list (next year).
    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        choices=_years,
        initial=lambda: timezone.localdate().year,
        required=False,
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        choices=[
            (1, _("Q1 (January to March)")),
            (2, _("Q2 (April to June)")),
            (3, _("Q3 (July to September)")),
            (4, _("Q4 (October to December)")),
        ],
        required=False,
    )
    # "Du … au …": the words the help text below the filters asks to fill in.
    start = forms.DateField(
        label=pgettext_lazy("start of a period", "From"), required=False, widget=DateInput()
    )
    end = forms.DateField(
        label=pgettext_lazy("end of a period", "To"), required=False, widget=DateInput()
    )
    institute = forms.ModelChoiceField(
        label=_("Theme-based institute"),
        queryset=Institute.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    regional_office = forms.ModelChoiceField(
        label=_("Regional office"),
        queryset=RegionalOffice.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    disease_area = IndentedAreaChoiceField(
        label=_("Disease area"),
        queryset=DiseaseArea.objects.order_by("sort_key", "pk"),
        required=False,
        empty_label=_("All"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of organization"),
        choices=[("", _("All")), *OrganizationKind.choices],
        required=False,
    )

    def __init__(self, data: QueryDict | None = None, **kwargs: Any) -> None:
        if data is not None and not data.get("year"):
            data = data.copy()  # the filters chosen without a year: show the year reported on
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") == PeriodKind.CUSTOM:
            problem = period_problem(data.get("start"), data.get("end"))
            if problem:
                self.add_error("end" if data.get("start") else "start", problem)
        return data

    def scope(self) -> Scope:
        """The scope chosen (the current year when nothing is): call after is_valid()."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return scope_from(data)


def scope_from(data: dict[str, Any]) -> Scope:
    def pk(name: str) -> int | None:
        value = data.get(name)
        return value.pk if value is not None else None

    return with_area_ids(
        build_scope(
            period=data.get("period") or PeriodKind.YEAR,
            year=data.get("year") or timezone.localdate().year,
            quarter=data.get("quarter") or None,
            start=data.get("start"),
            end=data.get("end"),
            institute=pk("institute"),
            regional_office=pk("regional_office"),
            disease_area=pk("disease_area"),
            kind=data.get("kind") or "",
        )
    )
