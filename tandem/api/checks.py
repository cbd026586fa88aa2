"""A person's saved clarity checks ("Check my document", tandem.checks) through the API, as on
their pages: checking a text or a file and keeping the result (a new version of an earlier
check too), the list ("My checks"), one check with its report, the comparison of two versions,
the report's downloads (JSON, and the PDF prepared in the background: asked for, followed,
then downloaded) and deleting a check. Only the caller's own, whatever their role: anyone
else's is a 404, as on the pages (`queries.checks_of`). The College's lexicon, for those who
curate it, as on its page. Analysing a text without saving it is `POST clarity`
(clarity.py)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework import status as http
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import Invalid, act, errors
from tandem.api.clarity import ClarityRequestSerializer
from tandem.api.errors import domain_error
from tandem.api.files import FileView
from tandem.checks import downloads, presenters, queries, services
from tandem.checks.models import (
    PDF_LANGUAGES,
    CheckStatus,
    ClarityCheck,
    DocumentKind,
    PdfStatus,
    StudyCategory,
    TextLanguage,
)
from tandem.core.errors import DomainError
from tandem.core.validators import validate_single_line


def _own(request: Request, pk: int) -> ClarityCheck:
    """One of the caller's checks (anyone else's: not found, its existence is confidential)."""
    return get_object_or_404(queries.checks_of(cast(User, request.user)), pk=pk)


class CheckSerializer(serializers.ModelSerializer):
    """A check as "My checks" lists it."""

    # The analysis's own choice sets (clarity.py): one enum each in the schema.
    document_kind = serializers.ChoiceField(choices=DocumentKind.values)
    category = serializers.ChoiceField(choices=StudyCategory.values, allow_blank=True)
    requested_language = serializers.ChoiceField(choices=TextLanguage.values)
    status_label = serializers.CharField(source="get_status_display")
    too_short = serializers.BooleanField(
        help_text="The text has too few words to judge: no score (see the report's too_short)."
    )
    previous = serializers.IntegerField(
        source="previous_id", allow_null=True, help_text="The earlier version's check, if any."
    )

    class Meta:
        model = ClarityCheck
        fields = [
            "id",
            "title",
            "document_kind",
            "category",
            "requested_language",
            "language",
            "original_filename",
            "status",
            "status_label",
            "score",
            "too_short",
            "words",
            "findings_count",
            "previous",
            "created",
            "finished_at",
        ]


class CheckDetailSerializer(CheckSerializer):
    """A check as its page shows it: with its report once analysed, its error if it failed."""

    report = serializers.SerializerMethodField(
        help_text="The report, schema `tandem.clarity/1` (docs/clarity.md), its messages, "
        "required elements and bands in your language; null until the check is done."
    )
    error = serializers.SerializerMethodField(
        help_text="Why the document could not be analysed (a failed check); else null."
    )

    class Meta(CheckSerializer.Meta):
        fields = [*CheckSerializer.Meta.fields, "report", "error"]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_report(self, check: ClarityCheck) -> dict[str, Any] | None:
        if check.status != CheckStatus.DONE or not check.report:
            return None
        read = presenters.in_reader_language(check.report, get_language() or "fr")
        # The page's pieces of a message (marking the document's language) are its markup.
        read["findings"] = [
            {k: v for k, v in f.items() if k != "message_parts"} for f in read["findings"]
        ]
        return read

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_error(self, check: ClarityCheck) -> str | None:
        return presenters.error_message(check) if check.status == CheckStatus.FAILED else None


class NewCheckSerializer(ClarityRequestSerializer):
    """What the page's form asks: a text or a file (checked as the page checks it), its kind,
    category and language, a title, and the earlier version it follows, if any."""

    title = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=services.TITLE_MAX_LENGTH,
        validators=[validate_single_line],
    )
    document_kind = serializers.ChoiceField(choices=DocumentKind.values, default="leaflet")
    category = serializers.ChoiceField(
        choices=StudyCategory.values, required=False, allow_blank=True, default=""
    )
    previous = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="One of your earlier checks."
    )


@extend_schema_view(
    post=extend_schema(
        operation_id="checks_create",
        request={
            "application/json": NewCheckSerializer,
            "multipart/form-data": NewCheckSerializer,
        },
        responses={201: CheckDetailSerializer, **errors(400, 409)},
    )
)
class CheckListView(generics.ListAPIView):
    """Your saved checks, newest first, as on "My checks" (never anyone else's). POST checks a
    text (JSON) or a file (multipart) and keeps it, as the page "Check my document": a short
    text is analysed at once, a long one or a file in the background (`status` then says when
    it is `done`); `previous` makes it a new version of one of your checks, to compare with.
    Logs `checks.check.submitted`."""

    serializer_class = CheckSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[ClarityCheck]:
        return queries.history_of(cast(User, self.request.user))

    def post(self, request: Request) -> Response:
        user = cast(User, request.user)

        def submit(data: dict[str, Any]) -> ClarityCheck:
            previous = None
            if data["previous"] is not None:
                previous = queries.checks_of(user).filter(pk=data["previous"]).first()
                if previous is None:
                    raise Invalid("previous", _("This check is not one of yours."))
            return services.submit_check(
                user,
                title=data["title"],
                document_kind=data["document_kind"],
                language=data["language"],
                category=data["category"] or "",
                text=data.get("text") or "",
                upload=data.get("file"),
                previous=previous,
            )

        return act(
            request,
            payload=NewCheckSerializer,
            call=submit,
            out=lambda check: CheckDetailSerializer(check).data,
            status=http.HTTP_201_CREATED,
        )


@extend_schema_view(
    get=extend_schema(operation_id="checks_retrieve", responses=CheckDetailSerializer),
    delete=extend_schema(
        operation_id="checks_destroy", request=None, responses={204: None, **errors(404)}
    ),
)
class CheckView(APIView):
    """One of your checks with its report, as its page shows it; DELETE deletes it and its
    document, as the page's "Delete" (logs `checks.check.deleted`). Anyone else's: 404."""

    def get(self, request: Request, pk: int) -> Response:
        return Response(CheckDetailSerializer(_own(request, pk)).data)

    def delete(self, request: Request, pk: int) -> Response:
        check = _own(request, pk)
        return act(
            request,
            call=lambda _data: services.delete_check(check, by=cast(User, request.user)),
            out=lambda _deleted: None,
            status=http.HTTP_204_NO_CONTENT,
        )


class _ReportFileView(FileView):
    """The report of one of your checks as the page's download; 409 `not_ready` until it is
    analysed (or when it failed), 404 for anyone else's."""

    extension = ""

    def get(self, request: Request, pk: int) -> HttpResponse | Response:
        check = _own(request, pk)
        try:
            return downloads.report_response(check, self.extension)
        except DomainError as exc:
            return domain_error(exc)


def _file_schema(media_type: str, schema: Any, operation_id: str) -> Any:
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            responses={(200, media_type): schema, **errors(404, 409)},
        )
    )


@_file_schema("application/json", OpenApiTypes.OBJECT, "checks_report_json")
class ReportJsonView(_ReportFileView):
    """The stored report as JSON (`clarity-<id>.json`), schema `tandem.clarity/1`
    (docs/clarity.md), as it was made; 409 `not_ready` until the check is done, 404 for
    anyone else's."""

    extension = "json"


@_file_schema("application/pdf", OpenApiTypes.BINARY, "checks_report_pdf")
class ReportPdfView(_ReportFileView):
    """The report as its page shows it, as a tagged PDF (`clarity-<id>.pdf`) with the whole
    text and every note, in the file's language, as prepared in the background (`POST
    checks/{id}/pdf/{language}`): handed over at once when ready. 409 `not_ready` until the
    check is done, 409 `not_prepared` until its PDF in that language is ready (never asked
    for, being made, failed, or made before the check changed); 404 for anyone else's."""

    extension = "pdf"


class CheckPdfSerializer(serializers.Serializer):
    check = serializers.IntegerField(help_text="The check's id.")
    language = serializers.ChoiceField(choices=list(PDF_LANGUAGES))
    status = serializers.ChoiceField(
        choices=["absent", *PdfStatus.values],
        help_text="absent (never asked for, or made before the check changed: ask again), "
        "pending, running, ready or failed (ask again to try again).",
    )
    finished_at = serializers.DateTimeField(
        allow_null=True, help_text="When the PDF was made, once it is ready."
    )
    download = serializers.CharField(
        allow_null=True,
        help_text="The PDF's URL in this API (`checks_report_pdf` in this language), once it "
        "is ready.",
    )


def _pdf_state(check: ClarityCheck, language: str, request: Request) -> dict[str, Any]:
    pdf = queries.pdf_of(check, language)
    status = presenters.pdf_status(check, pdf)
    ready = pdf is not None and status == PdfStatus.READY
    file_url = reverse("api-check-report-pdf", args=[check.pk]) + f"?lang={language}"
    return {
        "check": check.pk,
        "language": language,
        "status": status,
        "finished_at": pdf.finished_at if ready and pdf is not None else None,
        "download": request.build_absolute_uri(file_url) if ready else None,
    }


def _known(language: str) -> None:
    if language not in PDF_LANGUAGES:
        raise Http404


LANGUAGE = OpenApiParameter(
    "language",
    OpenApiTypes.STR,
    location=OpenApiParameter.PATH,
    enum=list(PDF_LANGUAGES),
    description="The PDF's language (another one: 404).",
)
LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    location=OpenApiParameter.HEADER,
    response=[202],
    description="Where to follow the PDF: this operation's address, for `checks_pdf_status`.",
)


class CheckPdfView(APIView):
    """The report of one of your checks printed as a tagged PDF in `language` (fr or en),
    prepared by a background task: drawing it takes seconds, up to a minute for a long
    document. POST asks for it (202, with the address to follow in `Location`; asking again
    while it is being made, or when it is ready and up to date, starts nothing); GET says where
    it stands and, once ready, where to download it (`checks_report_pdf`). 409 `not_ready`
    until the check is done; 404 for anyone else's check or another language. Logs
    `checks.pdf.requested`, as the page's "Prepare the PDF"."""

    @extend_schema(
        operation_id="checks_pdf_status",
        parameters=[LANGUAGE],
        responses={200: CheckPdfSerializer, **errors(404)},
    )
    def get(self, request: Request, pk: int, language: str) -> Response:
        check = _own(request, pk)
        _known(language)
        return Response(CheckPdfSerializer(_pdf_state(check, language, request)).data)

    @extend_schema(
        operation_id="checks_pdf_request",
        request=None,
        parameters=[LANGUAGE, LOCATION],
        responses={202: CheckPdfSerializer, **errors(404, 409)},
    )
    def post(self, request: Request, pk: int, language: str) -> Response:
        user = cast(User, request.user)
        check = _own(request, pk)
        _known(language)
        response = act(
            request,
            call=lambda _data: services.request_check_pdf(check, language=language, by=user),
            out=lambda _pdf: CheckPdfSerializer(_pdf_state(check, language, request)).data,
            status=http.HTTP_202_ACCEPTED,
        )
        if response.status_code == http.HTTP_202_ACCEPTED:
            response["Location"] = request.build_absolute_uri(
                reverse("api-check-pdf", args=[check.pk, language])
            )
        return response


class ComparisonSerializer(serializers.Serializer):
    """What improved and what remains between an earlier check (`before`) and a later one
    (`after`), as the comparison page shows it, labels in the reader's language."""

    before = serializers.IntegerField()
    after = serializers.IntegerField()
    rows = serializers.ListField(
        child=serializers.DictField(), help_text="{label, before, after, delta, better}"
    )
    by_kind = serializers.ListField(
        child=serializers.DictField(), help_text="{label, before, after}: findings per kind"
    )
    resolved = serializers.ListField(
        child=serializers.DictField(), help_text="{kind, text}: findings gone"
    )
    remaining = serializers.ListField(
        child=serializers.DictField(), help_text="{kind, text}: findings still there"
    )
    checklist = serializers.ListField(
        child=serializers.DictField(), help_text="{label, before, after, better}"
    )


class CompareView(APIView):
    """Compare one of your checks (`pk`, the later version) with another of yours (`other`);
    409 `not_ready` until both are analysed, 404 if either is not yours."""

    @extend_schema(
        operation_id="checks_compare",
        responses={200: ComparisonSerializer, **errors(404, 409)},
    )
    def get(self, request: Request, pk: int, other: int) -> Response:
        before, after = _own(request, other), _own(request, pk)
        if not (before.report and after.report):
            return domain_error(
                DomainError(_("Both checks must be ready to compare them."), code="not_ready")
            )
        comparison = presenters.compare(before.report, after.report)
        for key in ("resolved", "remaining"):
            comparison[key] = [{"kind": kind, "text": text} for kind, text in comparison[key]]
        return Response({"before": before.pk, "after": after.pk, **comparison})


urlpatterns = [
    path("checks", CheckListView.as_view(), name="api-checks"),
    path("checks/<int:pk>", CheckView.as_view(), name="api-check"),
    path("checks/<int:pk>/report.json", ReportJsonView.as_view(), name="api-check-report-json"),
    path("checks/<int:pk>/report.pdf", ReportPdfView.as_view(), name="api-check-report-pdf"),
    path("checks/<int:pk>/pdf/<str:language>", CheckPdfView.as_view(), name="api-check-pdf"),
    path("checks/<int:pk>/compare/<int:other>", CompareView.as_view(), name="api-check-compare"),
]
