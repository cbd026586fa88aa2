"""The events' downloads, made once for the pages and the API alike. The certificate of
attendance, made by `tandem.documents`: DOCX from the Word template events/certificate.docx
(written by scripts/make_event_templates.py), tagged PDF from events/certificate_print.html,
the print variant of the certificate page. An event as iCalendar; a claim's receipt; the
claims as CSV for accounting. Who may download is the caller's check."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.core.exports import spreadsheet_cell
from tandem.core.formatting import local_date, local_time
from tandem.core.uploads import content_type_of, download_name
from tandem.documents import document_response, render_docx, render_pdf
from tandem.events import ical
from tandem.events.models import Event, ExpenseClaim, Receipt, Registration


def certificate_context(registration: Registration) -> dict[str, Any]:
    """What the certificate says, in the active language (page, PDF and DOCX alike)."""
    event = registration.event
    sessions = list(event.sessions.all())
    hours = sum((s.ends_at - s.starts_at).total_seconds() for s in sessions) / 3600
    name = registration.user.get_full_name() or registration.user.email
    return {
        "title": _("Certificate of attendance"),
        "statement": _(
            "The Science and Society department of Inserm certifies that %(name)s attended “%(event)s” (%(kind)s)."
        )
        % {"name": name, "event": event.title, "kind": event.get_kind_display()},
        "dates_label": _("Dates"),
        "dates": [
            f"{local_date(s.starts_at)}, {local_time(s.starts_at)}–{local_time(s.ends_at)}"
            for s in sessions
        ],
        "place_label": _("Place"),
        "place": event.place_label(),
        "hours": _("Duration: %(hours)s hours.") % {"hours": f"{hours:g}"},
        "objectives_label": _("Learning objectives"),
        "objectives": event.course.objective_list if event.course else [],
        "issued": _("Issued on %(date)s.") % {"date": local_date(timezone.localdate())},
    }


def certificate_docx(registration: Registration, *, language: str | None = None) -> bytes:
    language = language or translation.get_language()
    with translation.override(language):
        values = certificate_context(registration)
    return render_docx("events/certificate.docx", values, language=language, title=values["title"])


def certificate_pdf(registration: Registration, *, language: str | None = None) -> bytes:
    language = language or translation.get_language()
    with translation.override(language):
        values = certificate_context(registration)
    return render_pdf("events/certificate_print.html", {"certificate": values}, language=language)


def certificate_response(registration: Registration, extension: str) -> HttpResponse:
    make = certificate_docx if extension == "docx" else certificate_pdf
    name = _("certificate-of-attendance-%(event)s") % {"event": registration.event_id}
    return document_response(make(registration), f"{name}.{extension}")


def receipt_response(receipt: Receipt) -> FileResponse:
    """A claim's receipt as an attachment (the page and the API), served as the type its
    content was checked to be."""
    response = FileResponse(
        receipt.file.open("rb"),
        as_attachment=True,
        filename=download_name(receipt.original_filename, receipt.kind),
        content_type=content_type_of(receipt.kind),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def event_ics_response(event: Event, registration: Registration | None) -> HttpResponse:
    """The event as an .ics attachment; with the video link when `registration` (the
    visitor's, if any) holds a place."""
    with_link = bool(registration and registration.holds_a_place)
    response = HttpResponse(
        ical.event_file(event, with_link=with_link), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


EXPORT_COLUMNS = (
    "claim",
    "submitted",
    "person",
    "email",
    "event",
    "event_date",
    "amount_eur",
    "status",
    "decided",
    "description",
)


def claims_csv(claims: QuerySet[ExpenseClaim]) -> str:
    """The claims for accounting: one row each, cells escaped against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for c in claims.order_by("pk"):
        row: list[Any] = [
            c.pk,
            timezone.localtime(c.created).date().isoformat(),
            c.user.get_full_name(),
            c.user.email,
            c.event.title,
            timezone.localtime(c.event.starts_at).date().isoformat() if c.event.starts_at else "",
            f"{c.amount:.2f}",
            c.status,
            timezone.localtime(c.decided_at).date().isoformat() if c.decided_at else "",
            c.description,
        ]
        writer.writerow([spreadsheet_cell(v) for v in row])
    return buffer.getvalue()


def claims_export_response(claims: QuerySet[ExpenseClaim], status: str) -> HttpResponse:
    """The claims of `status` (every status when empty) as travel-expenses.csv."""
    if status:
        claims = claims.filter(status=status)
    response = HttpResponse(claims_csv(claims), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="travel-expenses.csv"'
    return response
