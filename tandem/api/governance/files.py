"""The GRAM's downloads through the API, the same files as the pages' (made by
`tandem.governance.documents`) for the same people: the minutes as PDF or DOCX, the yearly
report as DOCX or PDF, a meeting and the public calendar as iCalendar."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from tandem.api.actions import refused
from tandem.api.files import FileView
from tandem.api.governance._common import _body, _meeting, _user
from tandem.api.schema import PUBLIC_OR_TOKEN
from tandem.api.serializers import ErrorSerializer
from tandem.documents.responses import CONTENT_TYPES
from tandem.governance import documents, queries
from tandem.governance.models import MinutesVersion

DOCX, PDF = CONTENT_TYPES[".docx"], CONTENT_TYPES[".pdf"]
ICS = "text/calendar"


def _file(media_type: str, *errors: int) -> dict[object, object]:
    return {(200, media_type): OpenApiTypes.BINARY, **dict.fromkeys(errors, ErrorSerializer)}


def _get(responses: dict[object, object], operation_id: str, **extra: Any) -> Any:
    """The schema of a file view's GET: one class per format, each its own operation."""
    return extend_schema_view(
        get=extend_schema(responses=responses, operation_id=operation_id, **extra)
    )


def _site(request: Request) -> str:
    return request.build_absolute_uri("/")


@method_decorator(login_not_required, name="dispatch")
class _MinutesFileView(FileView):
    """Minutes as their page reads them: members, the director and the secretariat; anyone,
    without a token, once approved and public (404 otherwise, as for the page)."""

    permission_classes = [AllowAny]
    extension = ""

    def get(self, request: Request, pk: int) -> HttpResponse:
        item = get_object_or_404(queries.minutes_for(request.user), pk=pk)
        asked = request.query_params.get("version")
        if asked is not None and not (asked.isdigit() and len(asked) < 6):
            raise Http404
        try:
            return documents.minutes_response(
                item, self.extension, user=request.user, number=int(asked) if asked else None
            )
        except MinutesVersion.DoesNotExist as exc:
            raise Http404 from exc


# An earlier version of the minutes, as on the page (`?version=n`); the latest by default.
VERSION = OpenApiParameter(
    "version", OpenApiTypes.INT, description="The version's number; the latest by default."
)


@_get(_file(PDF, 404), "governance_minutes_pdf", auth=PUBLIC_OR_TOKEN, parameters=[VERSION])
class MinutesPdfView(_MinutesFileView):
    __doc__ = _MinutesFileView.__doc__
    extension = "pdf"


@_get(_file(DOCX, 404), "governance_minutes_docx", auth=PUBLIC_OR_TOKEN, parameters=[VERSION])
class MinutesDocxView(_MinutesFileView):
    __doc__ = _MinutesFileView.__doc__
    extension = "docx"


class _ReportFileView(FileView):
    """The yearly activity report as a file (members, the director and the staff), the
    page's `report.docx` and `report.pdf`."""

    extension = ""

    def get(self, request: Request, year: int) -> HttpResponse:
        if not _user(request).has_perm("governance.view_report"):
            return refused()
        if not 2000 <= year <= 2100:
            raise Http404
        return documents.report_response(_body(), year, self.extension)


@_get(_file(DOCX, 403, 404), "governance_report_docx")
class ReportDocxView(_ReportFileView):
    __doc__ = _ReportFileView.__doc__
    extension = "docx"


@_get(_file(PDF, 403, 404), "governance_report_pdf")
class ReportPdfView(_ReportFileView):
    __doc__ = _ReportFileView.__doc__
    extension = "pdf"


class MeetingCalendarView(FileView):
    """One meeting as an iCalendar attachment (members' area: members, the director, the
    secretariat; 404 for the others)."""

    @extend_schema(responses=_file(ICS, 404), operation_id="governance_meeting_calendar")
    def get(self, request: Request, pk: int) -> HttpResponse:
        return documents.meeting_calendar_response(_meeting(request, pk), site=_site(request))


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(FileView):
    """The public meetings as an iCalendar feed to subscribe to (anyone)."""

    permission_classes = [AllowAny]

    @extend_schema(
        auth=PUBLIC_OR_TOKEN,
        responses=_file(ICS, 404),
        operation_id="governance_calendar_feed",
    )
    def get(self, request: Request) -> HttpResponse:
        return documents.calendar_feed_response(_body(), site=_site(request))
