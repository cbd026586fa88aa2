"""What the College's API accepts: requests, documents, triage, assignment, reviews, comments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from tandem.api.reviews.common import code_list, one_of
from tandem.checks.models import StudyCategory
from tandem.core.uploads import DOCUMENTS, validate_upload
from tandem.core.validators import validate_single_line
from tandem.directory.models import DiseaseArea, Organization
from tandem.reviews.models import (
    CommentKind,
    DocumentKind,
    Outcome,
    Severity,
)


class RequestInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, validators=[validate_single_line])
    acronym = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_single_line],
    )
    category = serializers.CharField(help_text=code_list(StudyCategory.values))
    language = serializers.CharField(default="fr", help_text=code_list(["fr", "en"]))
    sponsor_reference = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        validators=[validate_single_line],
    )
    planned_submission_on = serializers.DateField(required=False, allow_null=True, default=None)
    reviewers_wanted = serializers.IntegerField(min_value=1, max_value=10, default=3)
    disease_areas = serializers.PrimaryKeyRelatedField(
        queryset=DiseaseArea.objects.all(), many=True, required=False
    )
    organizations = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False
    )
    protocol_summary = serializers.FileField(required=False)
    leaflet = serializers.FileField(required=False)
    consent = serializers.FileField(required=False)
    submit = serializers.BooleanField(default=False, help_text="Send to the College at once.")

    def validate_category(self, value: str) -> str:
        if value not in StudyCategory.values:
            raise serializers.ValidationError(code_list(StudyCategory.values))
        return value

    def validate_language(self, value: str) -> str:
        if value not in ("fr", "en"):
            raise serializers.ValidationError(code_list(["fr", "en"]))
        return value

    def validate_protocol_summary(self, upload: Any) -> Any:
        return _checked_upload(upload)

    def validate_leaflet(self, upload: Any) -> Any:
        return _checked_upload(upload)

    def validate_consent(self, upload: Any) -> Any:
        return _checked_upload(upload)


def _checked_upload(upload: Any) -> Any:
    """A document checked by its content, as the page's form checks it."""
    try:
        validate_upload(upload, allowed=DOCUMENTS)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages) from exc
    return upload


class AssignInSerializer(serializers.Serializer):
    reviewers = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
    alternates = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    seen_round = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The current round's id as you read it (`current_round` of the request, "
        "null when there was none): when another coordinator opened or changed the round "
        "meanwhile, the call is refused (409 `stale`) and writes nothing. Without it, the round "
        "read by this call counts.",
    )


class DeclineInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CommentInSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    quote = serializers.CharField()
    start = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    end = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    comment = serializers.CharField()
    suggestion = serializers.CharField(required=False, allow_blank=True, default="")
    # Plain strings (listed in the description): the enums would collide with other "kind"s.
    kind = serializers.CharField(default=CommentKind.OTHER, help_text=code_list(CommentKind.values))
    severity = serializers.CharField(default=Severity.MINOR, help_text=code_list(Severity.values))

    def validate_kind(self, value: str) -> str:
        return one_of(value, CommentKind.values)

    def validate_severity(self, value: str) -> str:
        return one_of(value, Severity.values)


class ReviewInSerializer(serializers.Serializer):
    readability_score = serializers.IntegerField(min_value=1, max_value=4)
    readability_comment = serializers.CharField(allow_blank=True, default="")
    framework_score = serializers.IntegerField(min_value=1, max_value=4)
    framework_comment = serializers.CharField(allow_blank=True, default="")
    constraints_score = serializers.IntegerField(min_value=1, max_value=4)
    constraints_comment = serializers.CharField(allow_blank=True, default="")
    rights_score = serializers.IntegerField(min_value=1, max_value=4)
    rights_comment = serializers.CharField(allow_blank=True, default="")
    burden_suggestions = serializers.CharField(allow_blank=True, default="")
    comments = CommentInSerializer(many=True, required=False, default=list)


class RequestEditSerializer(RequestInSerializer):
    """The fields of a request its team may correct before the College takes it."""

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for name in ("protocol_summary", "leaflet", "consent", "submit"):
            fields.pop(name)
        return fields


class TriageInSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=["accept", "missing_documents", "decline"],
        help_text="accept; missing_documents (say which in `note`); decline (the reason in "
        "`note`).",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReasonInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CloseInSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.values, help_text=code_list(Outcome.values))
    note = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when the request ends before its report: the reason.",
    )


class UploadInSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=code_list(DocumentKind.values))
    file = serializers.FileField()
    start_revision = serializers.BooleanField(
        default=False,
        help_text="Required (true) once the report is sent: the new version starts the "
        "revision (409 `revision` otherwise).",
    )

    def validate_kind(self, value: str) -> str:
        return one_of(value, DocumentKind.values)

    def validate_file(self, upload: Any) -> Any:
        return _checked_upload(upload)


class ConsolidateInSerializer(serializers.Serializer):
    force = serializers.BooleanField(
        default=False, help_text="Consolidate without waiting for the reviews still expected."
    )


class RoundInSerializer(serializers.Serializer):
    deadline = serializers.DateField()


class ReportEditSerializer(serializers.Serializer):
    summary = serializers.CharField(required=False, allow_blank=True)
    readability_text = serializers.CharField(required=False, allow_blank=True)
    framework_text = serializers.CharField(required=False, allow_blank=True)
    constraints_text = serializers.CharField(required=False, allow_blank=True)
    rights_text = serializers.CharField(required=False, allow_blank=True)
    burden_text = serializers.CharField(required=False, allow_blank=True)


class AnswerInSerializer(serializers.Serializer):
    accepted = serializers.BooleanField(help_text="Taken into account (true) or not (false).")
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when the comment is not taken into account.",
    )


class GridInSerializer(serializers.Serializer):
    """The grid as a draft: every field optional, scores 1–4."""

    readability_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    readability_comment = serializers.CharField(allow_blank=True, required=False)
    framework_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    framework_comment = serializers.CharField(allow_blank=True, required=False)
    constraints_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    constraints_comment = serializers.CharField(allow_blank=True, required=False)
    rights_score = serializers.IntegerField(min_value=1, max_value=4, required=False)
    rights_comment = serializers.CharField(allow_blank=True, required=False)
    burden_suggestions = serializers.CharField(allow_blank=True, required=False)
