"""Roles, second factor and unread count: every change is seen at once (roles and the second
factor are read with the person, the unread count is cached and dropped when it changes)."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

from tandem.accounts import services
from tandem.accounts.models import RoleAssignment, User
from tandem.accounts.queries import has_second_factor
from tandem.core import notifications

pytestmark = pytest.mark.django_db


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_a_removed_role_is_gone_at_once(officer, admin_user):
    assert _fresh(officer).has_perm("accounts.invite_people")
    services.set_roles(officer, roles=[], by=admin_user)
    assert not _fresh(officer).has_perm("accounts.invite_people")


def test_a_role_deleted_row_by_row_is_gone_at_once(officer):
    assert _fresh(officer).has_role("officer")
    RoleAssignment.objects.filter(user=officer).delete()
    assert not _fresh(officer).has_role("officer")


def test_a_new_second_factor_is_seen_at_once(member):
    assert not has_second_factor(member)
    Authenticator.objects.create(user=member, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert has_second_factor(member)


def test_the_unread_count_follows_reading(member):
    first = notifications.notify(member, kind="t", title="one", email=False)
    notifications.notify(member, kind="t", title="two", email=False)
    assert notifications.unread_count(member) == 2
    notifications.mark_read(first)
    assert notifications.unread_count(member) == 1
    notifications.mark_all_read(member)
    assert notifications.unread_count(member) == 0
