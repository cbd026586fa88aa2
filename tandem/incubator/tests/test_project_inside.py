"""A project's inside (its timeline of notes, decisions and documents, and its volunteers'
contributions) is read by its participants and the department's officers only, on the page,
through the page's download and through the API alike (`queries.projects_inside`). Whoever
else may open the project (the portfolio's readers, anyone for a public project) sees its
public part, and 404 for the rest. A permission test for each persona."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from tandem.accounts.tests.factories import UserFactory
from tandem.governance import services as governance
from tandem.governance.tests.conftest import seat
from tandem.incubator import queries, services
from tandem.incubator.tests.conftest import bearer, contribute, pdf

pytestmark = pytest.mark.django_db

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
# `member` proposed the project; the officer and the administrator manage every project.
INSIDE = {"member", "officer", "admin_user"}
# The portfolio's readers who take no part: they open the project, not its inside (the GRAM
# persona is seated below, a mandate being what makes a GRAM member).
PORTFOLIO_ONLY = {"director", "gram_member"}
NOTE = "Le financeur hésite encore"
VOLUNTEER = "Valentine Bénévole"


@pytest.fixture
def inside(project, member, officer, gram_member):
    """The project with a note, a document and a volunteer's contribution; the GRAM persona
    holds a mandate current today (a portfolio reader)."""
    seat(governance.create_body(name="GRAM", slug="gram", by=None), "patients", gram_member)
    services.add_timeline_entry(project, kind="note", text=NOTE, by=member)
    document = services.add_timeline_entry(
        project, kind="document", text="", by=member, upload=pdf("cr.pdf"), file_kind="pdf"
    )
    volunteer = UserFactory(first_name="Valentine", last_name="Bénévole", roles=[])
    contribute(project, volunteer, by=officer)
    return document


def _public(project, officer) -> None:
    services.update_project(project, by=officer, changes={"public_summary": "En bref."})
    services.publish_project(project, public=True, by=officer)


def _answers(client, user, project, document) -> tuple[int, bool, int, int, int, int]:
    """The page's status and whether it shows the inside; the page's download; the API's
    timeline, document and contributions."""
    client.force_login(user)
    page = client.get(project.get_absolute_url())
    shows = NOTE in page.text or VOLUNTEER in page.text or "cr.pdf" in page.text
    download = client.get(reverse("incubator:entry_file", args=[document.pk])).status_code
    client.logout()
    auth = bearer(user)
    api = [
        client.get(url, **auth).status_code
        for url in (
            f"/api/v1/projects/{project.pk}/timeline",
            f"/api/v1/timeline/{document.pk}/file",
            f"/api/v1/projects/{project.pk}/contributions",
        )
    ]
    return (page.status_code, shows, download, *api)


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_who_reads_a_private_projects_inside(client, request, project, inside, persona):
    user = request.getfixturevalue(persona)
    page, shows, *others = _answers(client, user, project, inside)
    if persona in INSIDE:
        assert (page, shows, others) == (200, True, [200] * 4)
    elif persona in PORTFOLIO_ONLY:
        assert (page, shows, others) == (200, False, [404] * 4)
    else:
        assert (page, others) == (404, [404] * 4)


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_a_public_project_shows_its_inside_to_its_participants_only(
    client, request, project, inside, officer, persona
):
    _public(project, officer)
    user = request.getfixturevalue(persona)
    page, shows, *others = _answers(client, user, project, inside)
    assert page == 200
    if persona in INSIDE:
        assert (shows, others) == (True, [200] * 4)
    else:
        assert (shows, others) == (False, [404] * 4)


def test_the_anonymous_caller_gets_nothing_from_the_api(client, project, inside, officer):
    _public(project, officer)
    for url in (
        f"/api/v1/projects/{project.pk}/timeline",
        f"/api/v1/timeline/{inside.pk}/file",
        f"/api/v1/projects/{project.pk}/contributions",
    ):
        assert client.get(url).status_code == 401


def test_following_a_public_project_opens_nothing_of_its_inside(
    client, project, inside, officer, researcher
):
    """Anyone with a role may follow a public project: it tells them of its stages, and is no
    key to its timeline, documents or contributions (docs/incubator.md)."""
    _public(project, officer)
    services.follow_project(project, by=researcher, follow=True)
    assert queries.is_participant(researcher, project) is False
    page, shows, *others = _answers(client, researcher, project, inside)
    assert (page, shows, others) == (200, False, [404] * 4)


def test_a_follower_who_works_on_the_project_reads_its_inside(
    client, project, inside, officer, researcher
):
    _public(project, officer)
    services.follow_project(project, by=researcher, follow=True)
    project.researchers.add(researcher)
    page, shows, *others = _answers(client, researcher, project, inside)
    assert (page, shows, others) == (200, True, [200] * 4)


def test_the_api_lists_the_contributions(client, project, inside, member):
    rows = client.get(f"/api/v1/projects/{project.pk}/contributions", **bearer(member)).json()
    assert [(r["volunteer"], r["role"], r["hours"]) for r in rows] == [
        (VOLUNTEER, "Relecture", "1.0")
    ]


def test_one_rule_says_who_takes_part(project, inside, member, director, officer, outsider):
    assert [queries.takes_part(u, project) for u in (member, officer, director, outsider)] == [
        True,
        True,
        False,
        False,
    ]
