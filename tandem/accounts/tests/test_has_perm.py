"""`User.has_perm` from backends built once: Django's answer, for every role and permission."""

from __future__ import annotations

from typing import Any

import pytest
import rules
from django.contrib.auth.models import _user_has_perm
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from tandem.accounts import models
from tandem.accounts.models import Role

from .factories import UserFactory

PERMISSIONS = sorted(rules.permissions.permissions)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*Role.values, None])
def test_every_answer_is_djangos(role: str | None) -> None:
    user = UserFactory(roles=[role] if role else [])
    for perm in PERMISSIONS:
        assert user.has_perm(perm) == _user_has_perm(user, perm, None), (role, perm)


@pytest.mark.django_db
def test_an_inactive_superuser_has_no_permission_and_an_active_one_all() -> None:
    user = UserFactory(is_superuser=True)
    assert user.has_perm("no.such_permission")
    user.is_active = False
    assert not user.has_perm("reviews.coordinate")


class Refusing:
    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        raise PermissionDenied


class Granting:
    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        return True


@pytest.mark.django_db
def test_a_backend_that_refuses_stops_the_search_as_in_django() -> None:
    user = UserFactory()
    here = __name__
    with override_settings(AUTHENTICATION_BACKENDS=[f"{here}.Refusing", f"{here}.Granting"]):
        assert not user.has_perm("reviews.coordinate")
    with override_settings(AUTHENTICATION_BACKENDS=[f"{here}.Granting"]):  # another list
        assert user.has_perm("reviews.coordinate")
    assert not user.has_perm("reviews.coordinate")  # the settings' own list again


def test_the_backends_are_built_once_per_list() -> None:
    models._permission_backends.cache_clear()
    paths = ("tandem.accounts.backends.AuthenticationBackend",)
    assert models._permission_backends(paths) is models._permission_backends(paths)
