from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tandem.accounts.models import AccessibilityNeed, User
from tandem.accounts.queries import has_second_factor, second_factor_required, second_factor_waived


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        required=False,
        max_length=100,
        default="API",
        help_text=_("What the token is for (shown on your tokens page)."),
    )
    code = serializers.CharField(
        required=False,
        max_length=64,
        allow_blank=True,
        default="",
        help_text=_(
            "A code from your authenticator app, or an unused recovery code. Required when "
            "two-factor authentication is set up on your account."
        ),
    )


class SecondFactorStateSerializer(serializers.Serializer):
    # DRF's metaclass takes declared fields out of the class: this `required` is the output key.
    required = serializers.BooleanField(help_text=_("Your role requires a second factor."))  # type: ignore[assignment]
    enabled = serializers.BooleanField(help_text=_("An authenticator app is set up."))
    waived = serializers.BooleanField(
        help_text=_("A demo account in demo mode: the second factor is not required.")
    )


def second_factor_state(user: User) -> dict[str, bool]:
    return {
        "required": second_factor_required(user),
        "enabled": has_second_factor(user),
        "waived": second_factor_waived(user),
    }


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Shown once: keep it secret."))
    name = serializers.CharField()
    expires_at = serializers.DateTimeField()
    replaced = serializers.IntegerField(
        help_text=_(
            "One token per purpose: your earlier tokens of the same name, revoked by this one."
        )
    )
    second_factor = serializers.ChoiceField(
        choices=["verified", "waived", "not_required"],
        help_text=_(
            "How the second factor was handled: checked with your code, waived for a demo "
            "account, or not required for your role."
        ),
    )


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
    second_factor = serializers.SerializerMethodField()
    accessibility_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=AccessibilityNeed.choices)
    )

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "name",
            "first_name",
            "last_name",
            "language",
            "phone",
            "contact_by_email",
            "contact_by_phone",
            "accessibility_needs",
            "accessibility_notes",
            "roles",
            "second_factor",
        ]

    def get_roles(self, user: User) -> list[str]:
        return sorted(user.role_codes)

    @extend_schema_field(SecondFactorStateSerializer)
    def get_second_factor(self, user: User) -> dict[str, Any]:
        return second_factor_state(user)
