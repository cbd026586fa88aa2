"""The GRAM's downloads, made once for the pages and the API alike: the minutes (tagged PDF,
DOCX), the yearly activity report (DOCX, tagged PDF), the meetings' documents and the
meetings as iCalendar. Who may
download is the caller's check; the file is the same whoever asks for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.documents import document_response, render_docx, render_pdf
from tandem.governance import calendar, presenters, queries
from tandem.governance import report as year_report

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tandem.accounts.models import User
    from tandem.governance.models import Body, Meeting, MeetingDocument, Minutes

ICS = "text/calendar; charset=utf-8"


def _language() -> str:
    return translation.get_language() or "fr"


def minutes_response(
    item: Minutes, extension: str, *, user: User | AnonymousUser, number: int | None = None
) -> HttpResponse:
    """The minutes as `user` reads them on their page, as `pdf` or `docx`: version `number`
    (MinutesVersion.DoesNotExist if it has none), the latest by default."""
    context = presenters.minutes_page(item, user=user, number=number)
    date = f"{item.meeting.starts_at:%Y-%m-%d}"
    if extension == "pdf":
        content = render_pdf("governance/minutes_print.html", context, language=_language())
        return document_response(content, f"gram-minutes-{date}.pdf")
    title = _("Minutes · %(title)s") % {"title": item.meeting.title}
    content = render_docx(
        "governance/minutes.docx",
        {
            "heading": title,
            "status": _("Version %(n)s — %(status)s")
            % {"n": context["shown"].number, "status": item.get_status_display()},
            "lines": context["lines"],
            "items_heading": _("Agenda items"),
            "items": presenters.minutes_items_for_word(context["item_rows"]),
            "record_heading": _("The meeting's record"),
        },
        language=_language(),
        title=title,
    )
    return document_response(content, _("gram-minutes-%(date)s.docx") % {"date": date})


def report_response(body: Body, year: int, extension: str) -> HttpResponse:
    """The yearly activity report of `body` for `year`, as `docx` or `pdf`."""
    the_report = year_report.year_report(body, year)
    if extension == "pdf":
        content = render_pdf(
            "governance/report_print.html",
            {"report": the_report, "years": year_report.years(body)},
            language=_language(),
        )
        return document_response(content, _("gram-report-%(year)s.pdf") % {"year": year})
    data = year_report.as_data(the_report)
    title = _("Yearly activity report %(year)s") % {"year": year}
    content = render_docx(
        "governance/report.docx",
        {
            **data,
            "labels": year_report.labels(the_report),
            "heading": f"{data['body']} · {title}",
        },
        language=_language(),
        title=title,
    )
    return document_response(content, _("gram-report-%(year)s.docx") % {"year": year})


def meeting_document_response(document: MeetingDocument) -> HttpResponse:
    """One version of a meeting's document, as it was uploaded."""
    with document.file.open("rb") as handle:
        return document_response(handle.read(), document.original_filename)


def meeting_calendar_response(meeting: Meeting, *, site: str) -> HttpResponse:
    """One meeting as an .ics attachment, its address on `site`."""
    response = HttpResponse(calendar.feed(meeting.body, [meeting], site=site), content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="gram-{meeting.pk}.ics"'
    return response


def calendar_feed_response(body: Body, *, site: str) -> HttpResponse:
    """The public meetings as a feed to subscribe to (no attachment: calendars read it)."""
    content = calendar.feed(body, list(queries.public_meetings(body)), site=site)
    return HttpResponse(content, content_type=ICS)
