from __future__ import annotations

from rest_framework import serializers

from tandem.accounts.models import User


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(required=False, max_length=100, default="API")


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """Every error of the API (tandem/api/errors.py)."""

    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    code = serializers.CharField(
        required=False,
        help_text="What went wrong, for programs: `invalid`, `not_found`, `not_authenticated`, "
        "`authentication_failed`, `permission_denied`, `throttled`, `unavailable`, or the name "
        "of a broken rule (a conflict).",
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        # `errors` is declared here: as a class attribute it would hide Serializer.errors.
        fields = super().get_fields()
        fields["errors"] = serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="Invalid input only: the messages by field.",
        )
        return fields


class DuplicateErrorSerializer(ErrorSerializer):
    """409: the identifier already belongs to another organization."""

    field = serializers.CharField()
    existing = serializers.IntegerField()
    existing_url = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    name = serializers.CharField(source="get_full_name")

    class Meta:
        model = User
        fields = ["id", "email", "name", "first_name", "last_name", "language", "roles"]

    def get_roles(self, user: User) -> list[str]:
        return sorted(user.role_codes)
