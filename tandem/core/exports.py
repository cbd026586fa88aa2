"""Cells of the exports (CSV, XLSX): one rule for every export of every app.

Text that a spreadsheet would run as a formula (CSV injection: ``=HYPERLINK(...)``, ``+``,
``-``, ``@``, a leading tab or carriage return) gets a leading apostrophe, and the control
characters that XLSX cannot hold (a BEL in a name made the export fail) are removed. Imports
of an export take the apostrophe off again (`unescape_cell`)."""

from __future__ import annotations

from tandem.core.validators import strip_forbidden

__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "unescape_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A value as an export (CSV or XLSX) may write it: text loses its control characters
    (which XLSX cannot hold) but keeps its line breaks, and text that a spreadsheet would run
    as a formula gets a leading apostrophe. Numbers, dates and None pass unchanged."""
    if not isinstance(value, str):
        return value
    text = strip_forbidden(value, multiline=True)
    # Some spreadsheets skip leading spaces before they look for a formula.
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def unescape_cell(value: str) -> str:
    """The text `spreadsheet_cell` escaped, as it was (for imports of an export)."""
    if value.startswith("'") and value[1:].lstrip(" ").startswith(FORMULA_STARTS):
        return value[1:]
    return value
