"""The GRAM reads the portfolio by its mandates (governance), not by a role; volunteers'
contributions appear on their profile page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.governance import services as governance
from tandem.governance.tests.conftest import seat
from tandem.incubator.tests.conftest import contribute

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(db):
    return governance.create_body(name="GRAM", slug="gram", by=None)


def test_a_current_mandate_opens_the_portfolio_without_the_role(client, body, project):
    from tandem.accounts.tests.factories import UserFactory

    person = UserFactory(roles=[])
    seat(body, "researchers", person)
    client.force_login(person)
    assert client.get(reverse("incubator:portfolio")).status_code == 200
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client.get("/api/v1/projects").json()["count"] >= 1


def test_the_gram_role_without_a_mandate_does_not(client, gram_member, project):
    client.force_login(gram_member)
    assert client.get(reverse("incubator:portfolio")).status_code == 403
    assert client.get(project.get_absolute_url()).status_code == 404


def test_a_mandate_that_has_ended_no_longer_does(client, body, gram_member, project):
    today = timezone.localdate()
    seat(
        body,
        "patients",
        gram_member,
        start=today - dt.timedelta(days=800),
        end=today - dt.timedelta(days=1),
    )
    client.force_login(gram_member)
    assert client.get(reverse("incubator:portfolio")).status_code == 403


def test_contributions_are_on_the_volunteers_profile(client, project, member, officer):
    contribute(project, member, by=officer, hours="2.5")
    contribute(project, member, by=officer, hours="1")
    client.force_login(member)
    response = client.get(reverse("accounts:profile"))
    assert "My contributions to participatory projects" in response.text
    assert project.title in response.text and "3.5 hours in all." in response.text
    member.language = "fr"
    member.save(update_fields=["language"])
    french = client.get(reverse("accounts:profile"))
    assert "Mes contributions aux projets participatifs" in french.text


def test_no_contribution_no_section(client, researcher):
    client.force_login(researcher)
    assert (
        "My contributions to participatory projects"
        not in client.get(reverse("accounts:profile")).text
    )
