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


def test_each_request_reads_the_roles_and_second_factor_with_the_query_written_once(
    officer, admin_user, django_assert_num_queries
):
    """The signed-in person's facts: the SQL is written once per process, the values are read
    on every load (what a revoked role or a new authenticator app needs)."""
    from tandem.accounts.backends import AuthenticationBackend
    from tandem.accounts.models import _WITH_ACCESS_FACTS

    backend = AuthenticationBackend()
    with django_assert_num_queries(1):
        loaded = backend.get_user(str(officer.pk))  # the session keeps the id as text
    assert loaded.role_codes == {"officer"} and loaded.facts_has_totp is False
    assert loaded.has_perm("accounts.invite_people")
    compiled = _WITH_ACCESS_FACTS._compiled["default"]
    services.set_roles(officer, roles=[], by=admin_user)
    Authenticator.objects.create(user=officer, type=Authenticator.Type.TOTP, data={"secret": "x"})
    again = backend.get_user(officer.pk)
    assert again.role_codes == frozenset() and not again.has_perm("accounts.invite_people")
    assert again.facts_has_totp is True and has_second_factor(again)
    assert _WITH_ACCESS_FACTS._compiled["default"] is compiled  # not written again
    ormed = User.objects.with_access_facts().get(pk=officer.pk)
    assert (again.facts_role_mask, again.email) == (ormed.facts_role_mask, ormed.email)
    assert backend.get_user(officer.pk + 1000) is None
