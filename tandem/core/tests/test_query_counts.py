"""Pages keep a constant number of queries however much data there is (no query in a loop)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts import services
from tandem.accounts.tests.factories import UserFactory
from tandem.core.notifications import notify

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    client.get(url)  # first request settles the session flags
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_people_page_query_count_is_constant(client, admin_user):
    client.force_login(admin_user)
    UserFactory(roles=["member"])
    few = queries_for(client, reverse("accounts:people"))
    for _ in range(30):
        UserFactory(roles=["member", "reviewer"])
    assert queries_for(client, reverse("accounts:people")) == few <= 8


def test_the_invitations_page_query_count_is_constant(client, officer):
    client.force_login(officer)
    services.invite_person("first@example.net", by=officer, roles=["member"])
    few = queries_for(client, reverse("accounts:invitations"))
    for i in range(30):
        services.invite_person(f"p{i}@example.net", by=officer, roles=["member"])
    assert queries_for(client, reverse("accounts:invitations")) == few <= 8


@pytest.mark.parametrize("url_name", ["core:dashboard", "core:notifications"])
def test_the_personal_pages_query_counts_are_constant(url_name, client, member):
    client.force_login(member)
    notify(member, kind="t", title="first", email=False)
    few = queries_for(client, reverse(url_name))
    for i in range(30):
        notify(member, kind="t", title=f"n{i}", email=False)
    # The session, the person, one query per home panel (notifications, organizations, events,
    # the GRAM, projects, contributions), the unread count and the main menu's GRAM entry
    # (membership by mandate, read on each request, never cached with the roles): 10 on the
    # home page.
    assert queries_for(client, reverse(url_name)) == few <= 10


def test_the_public_home_page_needs_no_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get(reverse("core:home")).status_code == 200
