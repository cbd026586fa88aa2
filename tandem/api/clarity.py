"""POST /api/v1/clarity: analyse a text or a file and return the report (not stored)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.errors import error_body
from tandem.api.serializers import ErrorSerializer
from tandem.checks.models import DocumentKind, StudyCategory, TextLanguage
from tandem.checks.queries import extra_lexicon
from tandem.clarity import Config, analyze, detect_language
from tandem.clarity.extract import ExtractionError, extract_text
from tandem.core.uploads import DOCUMENTS, TXT, extraction_limits, validate_upload


class ClarityRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, max_length=400_000
    )
    file = serializers.FileField(required=False)
    language = serializers.ChoiceField(choices=TextLanguage.values, default="auto")
    document_kind = serializers.ChoiceField(choices=DocumentKind.values, default="other")
    category = serializers.ChoiceField(
        choices=StudyCategory.values, required=False, allow_null=True, default=None
    )

    def validate_file(self, upload):  # type: ignore[no-untyped-def]
        try:
            validate_upload(upload, allowed=(*DOCUMENTS, TXT), named=True)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload

    def validate(self, attrs):  # type: ignore[no-untyped-def]
        if not (attrs.get("text") or "").strip() and not attrs.get("file"):
            raise serializers.ValidationError({"text": [_("Send a text or a file to check.")]})
        return attrs


class ClarityReportSerializer(serializers.Serializer):
    """The report, schema `tandem.clarity/1` (docs/clarity.md)."""

    schema = serializers.CharField()
    language = serializers.CharField()
    document_kind = serializers.CharField()
    category = serializers.CharField(allow_null=True)
    text = serializers.CharField()
    stats = serializers.DictField()
    readability = serializers.ListField(child=serializers.DictField())
    findings = serializers.ListField(child=serializers.DictField())
    checklist = serializers.ListField(child=serializers.DictField())
    score = serializers.IntegerField(
        allow_null=True, help_text="null when the text is too short to judge (see too_short)"
    )
    too_short = serializers.DictField(
        allow_null=True, help_text="{words, minimum, message} when under 100 words, else null"
    )


class ClarityView(APIView):
    """Analyse a participant document. JSON `{"text", "language"?, "document_kind"?, "category"?}`
    or multipart with `file`. Nothing is stored."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={
            "application/json": ClarityRequestSerializer,
            "multipart/form-data": ClarityRequestSerializer,
        },
        responses={200: ClarityReportSerializer, 400: ErrorSerializer, 401: ErrorSerializer},
        examples=[
            OpenApiExample(
                "Text",
                value={"text": "Vous pouvez arrêter à tout moment.", "document_kind": "leaflet"},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        serializer = ClarityRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ui = (get_language() or "fr")[:2]
        text = data.get("text") or ""
        upload = data.get("file")
        if upload is not None:
            try:
                text = extract_text(
                    upload.read(settings.UPLOAD_MAX_BYTES + 1),
                    upload.name or "",
                    limits=extraction_limits(),
                ).text
            except ExtractionError as exc:
                return Response(
                    error_body(exc.message(ui), exc.code, {"file": [exc.message(ui)]}),
                    status=status.HTTP_400_BAD_REQUEST,
                )
        language = detect_language(text) if data["language"] == "auto" else data["language"]
        report = analyze(
            text,
            language=language,
            document_kind=data["document_kind"],
            category=data.get("category"),
            interface_language=ui,
            config=Config(extra_lexicon=extra_lexicon(language)),
        )
        return Response(report.to_dict())
