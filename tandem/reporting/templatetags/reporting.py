"""The dashboard's template helpers: a figure in the reader's language, the filters that do not
apply to an indicator, the link to the records behind it."""

from __future__ import annotations

from typing import Any

from django import template

from tandem.reporting.indicators.base import AREA, INSTITUTE, KIND, OFFICE, Indicator
from tandem.reporting.scope import Scope
from tandem.reporting.sections import figure_text

register = template.Library()


@register.filter
def figure(value: float | int | None) -> str:
    return figure_text(value)


@register.simple_tag
def unapplied_filters(indicator: Indicator, given: frozenset[str]) -> list[str]:
    from tandem.reporting.forms import ScopeForm

    fields = ScopeForm.base_fields
    return [
        str(fields[name].label)
        for name in (INSTITUTE, OFFICE, AREA, KIND)
        if name in given and name not in indicator.filters
    ]


@register.simple_tag
def records_url(indicator: Indicator, scope: Scope, user: Any) -> str:
    """The records behind `indicator`, or "" when `user` may not open their page."""
    return indicator.records_for(scope, user)
