"""Printed reports for the tests that follow a PDF's life (asked for, made by the task, kept,
served, out of date, deleted) rather than its drawing. WeasyPrint takes a second or more for
the smallest report and the suite is near its time limit, so these tests draw a blank page
that carries the language and the title it was asked for, through the same services, task
and storage. The drawing itself is tested once, for real, in test_report_pdf.py."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from tandem.checks import downloads, services
from tandem.checks.models import CheckPdf, ClarityCheck, PdfStatus


def blank_pdf(title: str, language: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer._root_object[NameObject("/Lang")] = TextStringObject(language)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@contextmanager
def quick_drawing(
    before: Any = None,
) -> Iterator[list[tuple[int, str]]]:
    """Within it, the report is drawn as `blank_pdf`; yields the (check, language) drawn.
    `before(check)` runs first, as if the check changed while it was drawn."""
    drawn: list[tuple[int, str]] = []

    def draw(check: ClarityCheck, *, language: str) -> bytes:
        if before is not None:
            before(check)
        drawn.append((check.pk, language))
        return blank_pdf(check.title, language)

    with mock.patch.object(downloads, "report_pdf", draw):
        yield drawn


def prepare(check: ClarityCheck, language: str = "en") -> CheckPdf:
    """The check's PDF in `language`, asked for by its owner and made as the task makes it."""
    with quick_drawing():
        asked = services.request_check_pdf(check, language=language, by=check.owner)
        made = services.make_check_pdf(asked)
    assert made is not None and made.status == PdfStatus.READY
    return made
