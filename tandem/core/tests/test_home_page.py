"""The signed-in home page per role: what each panel shows (the panels read only what they
show, with prepared queries) and a budget of queries that more data does not raise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.accounts import services as accounts
from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.core.notifications import notify
from tandem.directory.models import OrganizationStatus
from tandem.directory.tests.factories import OrganizationFactory, make_admin
from tandem.events import services as events
from tandem.events.tests.conftest import make_event
from tandem.governance import services as governance
from tandem.governance.tests.conftest import seat
from tandem.incubator import services as incubator

pytestmark = pytest.mark.django_db


def home(client, person) -> tuple[str, list[str]]:
    client.force_login(person)
    client.get(reverse("core:dashboard"))  # the first request settles the session flags
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return response.text, [q["sql"] for q in ctx.captured_queries]


@pytest.fixture
def gram_person(db):
    body = governance.create_body(name="GRAM", slug="gram", by=None)
    person = UserFactory(roles=[Role.GRAM], first_name="Gaël")
    seat(body, "patients", person)
    return person


def fill(member, officer, researcher) -> None:
    """Something for every panel of the four roles."""
    notify(member, kind="t", title="Your answer is due", email=False)
    organization = OrganizationFactory(name="Association Alcool Écoute")
    make_admin(organization, member)
    OrganizationFactory(name="Waiting association", status=OrganizationStatus.PENDING)
    events.register(make_event(officer, title="Reading a protocol"), user=member)
    project = incubator.propose_project(
        member,
        title="Alcool et entourage",
        question="Comment les proches vivent-ils la dépendance ?",
        why_it_matters="Les proches sont peu aidés.",
        help_needed=["design"],
        disease_areas=[],
        organizations=[organization],
    )
    incubator.record_contribution(
        project,
        volunteer=member,
        role="Relecture",
        hours=Decimal("2.5"),
        on=dt.date(2026, 1, 1),
        by=officer,
    )
    support = incubator.request_support(
        researcher,
        kind="design",
        subject="Help with the design",
        description="Which sample size?",
        due_on=timezone.localdate(),
    )
    # Asked for a date to come, now two days late.
    type(support).objects.filter(pk=support.pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=2)
    )
    accounts.invite_person("new.person@example.net", by=officer, roles=["member"])


def test_each_panel_shows_what_it_reads(client, member, officer, researcher):
    fill(member, officer, researcher)
    text, _ = home(client, member)
    for shown in (
        "Your answer is due",  # new notifications
        "Association Alcool Écoute",  # my organizations
        "Involvement of Association Alcool Écoute",  # its admin's link
        "Reading a protocol",  # my events, with the registration's status
        "Alcool et entourage",  # my projects, with the stage
        "Relecture, 2.5 h",  # my contributions
    ):
        assert shown in text, shown
    assert "Help with the design" not in text and "new.person@example.net" not in text
    text, _ = home(client, officer)
    for shown in (
        "Help with the design",  # the support queue, overdue first
        "overdue",
        "new.person@example.net",  # invitations waiting
        "expires in",
        "Waiting association",  # organizations to validate
        "Alcool et entourage",  # every project, for the portfolio's readers
    ):
        assert shown in text, shown


def test_a_project_shows_only_to_those_who_may_open_it(client, member, researcher, officer):
    fill(member, officer, researcher)
    outsider = UserFactory(roles=[Role.MEMBER], first_name="Other")
    assert "Alcool et entourage" not in home(client, outsider)[0]
    assert "Alcool et entourage" in home(client, officer)[0]


def test_no_gram_query_for_someone_without_a_mandate(client, member, gram_person):
    text, queries = home(client, member)
    assert "Nothing awaits you at the GRAM." not in text
    assert not [q for q in queries if "governance_body" in q]
    text, queries = home(client, gram_person)
    assert "Nothing awaits you at the GRAM." in text
    assert [q for q in queries if "governance_body" in q]


# The session, the person, one query per panel shown (the GRAM's panel: the body and the
# mandate, the next meeting with its documents, open votes, proposals to co-sign or to answer),
# the indicators' shared-cache entry and the menu's GRAM entry (membership by mandate, once per
# request). The header's unread count comes with the panel of new notifications. Measured on
# these data when the budget was set.
BUDGET = {"member": 8, "officer": 12, "director": 10, "gram_person": 12}


@pytest.mark.parametrize("persona", sorted(BUDGET))
def test_the_home_page_keeps_its_query_budget_per_role(
    persona, request, client, member, officer, researcher, gram_person
):
    person = request.getfixturevalue(persona)
    fill(member, officer, researcher)
    _, queries = home(client, person)
    few = len(queries)
    assert few <= BUDGET[persona], "\n".join(queries)
    fill(member, officer, researcher)  # twice the rows: not one query more
    notify(person, kind="t", title="Another", email=False)
    assert len(home(client, person)[1]) == few


def test_the_header_badge_counts_every_unread_notification_while_the_panel_lists_five(
    client, member
):
    for n in range(7):
        notify(member, kind="t", title=f"News {n}", email=False)
    text, queries = home(client, member)
    assert text.count("News ") == 5
    assert '<span class="badge">7<span class="visually-hidden"> unread</span></span>' in text
    # Counted inside the panel's query (a scalar subquery), not by a query of its own.
    assert not [q for q in queries if q.startswith("SELECT COUNT(")]
    assert [q for q in queries if "core_notification" in q and "(SELECT COUNT(" in q]
    notify(member, kind="t", title="News 7", email=False)
    assert '<span class="badge">8<span' in home(client, member)[0]
    accounts_page = client.get(reverse("accounts:profile")).text  # no panel: counted alone
    assert '<span class="badge">8<span' in accounts_page
