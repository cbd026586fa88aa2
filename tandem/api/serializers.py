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
    detail = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    name = serializers.CharField(source="get_full_name")

    class Meta:
        model = User
        fields = ["id", "email", "name", "first_name", "last_name", "language", "roles"]

    def get_roles(self, user: User) -> list[str]:
        return sorted(user.role_codes)
