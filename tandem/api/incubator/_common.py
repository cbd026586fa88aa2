"""What the incubator's API views share: the caller, a project they may see, the permission of
the department's officers, and the codes of the incubator's choices as plain strings."""

from __future__ import annotations

from typing import Any, cast

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.request import Request

from tandem.accounts.models import User
from tandem.api.schema import code_list
from tandem.incubator import queries
from tandem.incubator.models import Project

MAX_ID = 2**31 - 1

MANAGES = "incubator.manage_projects"


def _user(request: Request) -> User:
    return cast(User, request.user)


def _project(request: Request, pk: int) -> Project:
    """A project the person may see; "not found" otherwise (its existence is confidential)."""
    return get_object_or_404(queries.projects_of(_user(request)), pk=pk)


def _codes(choices: type[Any], **kwargs: Any) -> serializers.CharField:
    """A code of `choices`, checked here and listed in the schema's description: a plain
    string rather than an enum, whose names would collide with other apps' `kind`, `status`
    or `to` (the reviews API does the same)."""
    values = list(choices.values)

    def check(value: str) -> None:
        if value not in values:
            raise serializers.ValidationError(_("Not a valid choice."))

    return serializers.CharField(
        max_length=20, validators=[check], help_text=code_list(values), **kwargs
    )


def _code_out(choices: type[Any]) -> serializers.CharField:
    return serializers.CharField(read_only=True, help_text=code_list(choices.values))
