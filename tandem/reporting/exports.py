"""The indicators' tables as CSV and XLSX. Every cell goes through the one rule of the
project's exports (`tandem.core.exports.spreadsheet_cell`: a formula-like text gets a leading
apostrophe, control characters are removed): labels come from the records (college names,
months) and must not run as formulas."""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

from tandem.core.exports import spreadsheet_cell
from tandem.reporting.dashboard import Figure
from tandem.reporting.scope import Scope


def _header(figure: Figure) -> list[object]:
    return [_("Label"), *(s.name for s in figure.result.series)]


def _rows(figure: Figure) -> list[list[object]]:
    return [[label, *values] for label, values in figure.result.rows()]


def _lines(figure: Figure, scope: Scope) -> list[list[object]]:
    """The table, under the indicator's name, the period and the headline value."""
    return [
        [str(figure.indicator.title), scope.period.label],
        [_("Value"), figure.result.value],
        [],
        _header(figure),
        *_rows(figure),
    ]


def table_csv(figure: Figure, scope: Scope) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _lines(figure, scope):
        writer.writerow([spreadsheet_cell(cell) for cell in line])
    # A byte-order mark so that spreadsheet software reads the accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the workbook. A long title is
    # cut at a word, with an ellipsis: "Séances des formations et re" read as a typo.
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip()
    if len(name) > 28:
        name = name[:27].rsplit(" ", 1)[0].rstrip(" ,;.-–—'’") + "…"
    name = name or "sheet"
    candidate, number = name, 2
    while candidate.lower() in used:
        candidate, number = f"{name[:25]} {number}", number + 1
    used.add(candidate.lower())
    return candidate


def tables_xlsx(figures: list[Figure], scope: Scope) -> bytes:
    """One sheet per indicator."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for figure in figures:
        sheet = workbook.create_sheet(_sheet_name(str(figure.indicator.title), used))
        for line in _lines(figure, scope):
            sheet.append([spreadsheet_cell(cell) for cell in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
