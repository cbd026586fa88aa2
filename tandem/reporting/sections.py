"""The words around the indicators: the sections' titles and the units' names."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tandem.reporting.indicators.base import Unit

SECTION_TITLES = {
    "partners": _("Partner organizations"),
    "projects": _("Participatory projects and support"),
    "reviews": _("College of Reviewers"),
    "events": _("Trainings and events"),
    "gram": _("GRAM"),
}

UNITS = {
    Unit.COUNT: "",
    Unit.PERCENT: "%",
    Unit.DAYS: pgettext_lazy("unit", "days"),
    Unit.SCORE: pgettext_lazy("unit", "points (0 to 100)"),
    Unit.RATING: pgettext_lazy("unit", "out of 5"),
}


def unit_label(unit: str) -> str:
    return str(UNITS.get(unit, ""))


def figure_text(value: float | int | None) -> str:
    """A number as the reader writes it ("12,5" in French, one decimal at most); a dash when
    there is none."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return str(number_format(int(value), use_l10n=True))
    return str(number_format(value, decimal_pos=1, use_l10n=True))
