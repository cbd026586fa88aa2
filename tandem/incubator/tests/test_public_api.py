"""The incubator's public projects and its portfolio through the API: what the pages show,
to whom they show it, in a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from tandem.directory.models import DiseaseArea
from tandem.governance import services as governance
from tandem.governance.tests.conftest import seat
from tandem.incubator import services

pytestmark = pytest.mark.django_db


def _propose(member, title: str):
    return services.propose_project(
        member, title=title, question="Q", why_it_matters="W", help_needed=[]
    )


def _publish(project, officer):
    services.update_project(project, by=officer, changes={"public_summary": "En bref."})
    return services.publish_project(project, public=True, by=officer)


def test_the_public_projects_and_a_public_page_show_what_the_pages_show(
    client, project, member, officer
):
    _publish(project, officer)
    hidden = _propose(member, "Pas encore public")
    listed = client.get(reverse("api-public-projects")).json()
    assert [p["title"] for p in listed["results"]] == [project.title]
    assert listed["results"][0]["url"] == reverse("incubator:public_project", args=[project.pk])
    page = client.get(reverse("api-public-project", args=[project.pk])).json()
    assert page["public_summary"] == "En bref." and page["question"] == project.question
    assert page["disease_areas"] == [a.name for a in project.disease_areas.all()]
    assert "officer" not in page and "help_needed" not in page
    assert client.get(reverse("api-public-project", args=[hidden.pk])).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_the_public_projects_as_the_pages_show_them(
    persona, as_persona, project, member, officer
):
    _publish(project, officer)
    hidden = _propose(member, "Pas encore public")
    client, _user = as_persona(persona)
    home = client.get(reverse("incubator:home"))
    listed = client.get(reverse("api-public-projects"))
    assert home.status_code == listed.status_code == 200
    assert [p["id"] for p in listed.json()["results"]] == [p.pk for p in home.context["projects"]]
    for shown in (project, hidden):
        page = client.get(reverse("incubator:public_project", args=[shown.pk]))
        answer = client.get(reverse("api-public-project", args=[shown.pk]))
        assert page.status_code == answer.status_code


def test_the_portfolio_counts_what_its_page_counts(client, officer, project, member):
    _propose(member, "Deuxième")
    client.force_login(officer)
    counts = client.get(reverse("api-projects-portfolio")).json()
    page = client.get(reverse("incubator:portfolio")).context
    assert counts["total"] == page["total"] == 2
    assert [(r["name"], r["projects"], r["stage"]) for r in counts["by_stage"]] == [
        (str(label), n, code) for label, n, code in page["by_stage"]
    ]
    area = DiseaseArea.objects.order_by("pk").first()
    assert counts["by_area"] == [{"id": area.pk, "name": area.name, "projects": 1}]
    assert counts["by_institute"] == [{"id": None, "name": None, "projects": 2}]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_the_portfolio_as_its_page_lets_them(persona, as_persona, project):
    body = governance.create_body(name="GRAM", slug="gram", by=None)
    client, user = as_persona(persona)
    if persona == "gram_member":
        seat(body, "patients", user)  # the GRAM reads it by a mandate, not by the role
    page = client.get(reverse("incubator:portfolio"))
    answer = client.get(reverse("api-projects-portfolio"))
    expected = {200: 200, 403: 403, 302: 401}[page.status_code]  # 302: to sign in
    assert answer.status_code == expected
    if persona in ("gram_member", "director", "officer", "admin_user"):
        assert answer.status_code == 200 and answer.json()["total"] == page.context["total"]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_the_lists_and_the_portfolio_run_a_constant_number_of_queries(client, member, officer):
    areas = list(DiseaseArea.objects.order_by("pk")[:6])

    def grow(n: int) -> None:
        for i in range(n):
            project = _propose(member, f"Projet {i}")
            project.disease_areas.add(areas[i % len(areas)])
            _publish(project, officer)

    grow(1)
    client.force_login(officer)
    urls = [reverse("api-public-projects"), reverse("api-projects-portfolio")]
    few = [_count(client, u) for u in urls]
    grow(5)
    assert [_count(client, u) for u in urls] == few


# --- The public working groups --------------------------------------------------------------


def _group(officer, coordinator, name: str, *, public: bool):
    return services.create_working_group(
        officer, name=name, purpose="Why we meet.", coordinator=coordinator, is_public=public
    )


def test_the_public_groups_and_a_group_page_show_what_the_pages_show(client, officer, member):
    shown = _group(officer, member, "Ouvert", public=True)
    hidden = _group(officer, member, "Fermé", public=False)
    listed = client.get(reverse("api-public-groups")).json()["results"]
    assert listed == [
        {
            "id": shown.pk,
            "url": reverse("incubator:public_group", args=[shown.pk]),
            "name": "Ouvert",
        }
    ]
    page = client.get(reverse("api-public-group", args=[shown.pk])).json()
    assert page["purpose"] == "Why we meet." and page["coordinator"] == member.get_full_name()
    assert set(page) == {"id", "url", "name", "purpose", "coordinator"}
    assert client.get(reverse("api-public-group", args=[hidden.pk])).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_the_public_groups_as_the_pages_show_them(
    persona, as_persona, officer, member
):
    shown = _group(officer, member, "Ouvert", public=True)
    hidden = _group(officer, member, "Fermé", public=False)
    client, _user = as_persona(persona)
    home = client.get(reverse("incubator:home"))
    listed = client.get(reverse("api-public-groups")).json()["results"]
    assert [g["id"] for g in listed] == [g.pk for g in home.context["groups"]]
    for group in (shown, hidden):
        page = client.get(reverse("incubator:public_group", args=[group.pk]))
        answer = client.get(reverse("api-public-group", args=[group.pk]))
        assert page.status_code == answer.status_code
        if page.status_code == 200:
            assert answer.json()["purpose"] == page.context["group"].purpose


def test_the_public_groups_run_a_constant_number_of_queries(client, officer, member):
    def count() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(reverse("api-public-groups")).status_code == 200
        return len(seen)

    _group(officer, member, "Un", public=True)
    few = count()
    for n in range(4):
        _group(officer, member, f"Encore {n}", public=True)
    assert count() == few
