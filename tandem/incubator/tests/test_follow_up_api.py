"""The journeys of the incubator's pages that the API offers too, with the same services and
rules: editing a project, choosing its officer, linking its institute and regional office,
involving partners, ticking its checklist without moving it; assigning a support request;
adding and editing resources of the library; creating working groups, adding members and
showing a group on the public page. Each: what it does, the refusal and its code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.accounts.services import create_api_token
from tandem.accounts.tests.factories import UserFactory
from tandem.core.models import ActionLogEntry
from tandem.directory.models import Institute, RegionalOffice
from tandem.directory.tests.factories import OrganizationFactory
from tandem.incubator import services
from tandem.incubator.model_agreement import agreement_template
from tandem.incubator.models import ProjectStage, Resource, WorkingGroup
from tandem.incubator.stages import STAGES
from tandem.incubator.tests.conftest import docx, pdf

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _auth(user) -> dict[str, str]:
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


# --- Projects ---------------------------------------------------------------------------


def test_the_proposer_edits_the_projects_details_and_only_changes_are_logged(
    client, project, member, director
):
    url = f"/api/v1/projects/{project.pk}"
    body = {"purpose": "Comprendre le vécu des proches.", "duration_months": 18}
    # The director sees every project but does not edit it.
    refused = client.patch(url, body, content_type=JSON, **_auth(director))
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    done = client.patch(url, {**body, "title": project.title}, content_type=JSON, **_auth(member))
    assert done.status_code == 200, done.json()
    project.refresh_from_db()
    assert project.purpose == body["purpose"] and project.duration_months == 18
    logged = ActionLogEntry.objects.filter(action="incubator.project.updated").latest("pk")
    assert logged.data == {"fields": ["duration_months", "purpose"]}  # not the unchanged title
    bad = client.patch(url, {"duration_months": 0, "title": ""}, content_type=JSON, **_auth(member))
    assert bad.status_code == 400 and {"duration_months", "title"} <= set(bad.json()["errors"])
    project.refresh_from_db()
    assert project.duration_months == 18  # nothing lost, nothing half-saved


def test_a_closed_project_is_not_edited(client, project, officer):
    services.move_project(project, to=ProjectStage.CLOSED, by=officer)
    response = client.patch(
        f"/api/v1/projects/{project.pk}", {"purpose": "x"}, content_type=JSON, **_auth(officer)
    )
    assert response.status_code == 409 and response.json()["code"] == "closed"


def test_strangers_do_not_find_the_project_to_edit(client, project, outsider):
    response = client.patch(
        f"/api/v1/projects/{project.pk}", {"title": "x"}, content_type=JSON, **_auth(outsider)
    )
    assert response.status_code == 404


def test_officers_choose_the_projects_officer(client, project, officer, member):
    url = f"/api/v1/projects/{project.pk}/officer"
    colleague = UserFactory(roles=[Role.OFFICER], first_name="Odile", last_name="Martin")
    refused = client.put(url, {"officer": colleague.pk}, content_type=JSON, **_auth(member))
    assert refused.status_code == 403
    done = client.put(url, {"officer": colleague.pk}, content_type=JSON, **_auth(officer))
    assert done.status_code == 200 and done.json()["officer"] == "Odile Martin"
    assert project.followers.filter(pk=colleague.pk).exists()
    # Only an active officer can be chosen, as on the page.
    not_officer = client.put(url, {"officer": member.pk}, content_type=JSON, **_auth(officer))
    assert not_officer.status_code == 400 and "officer" in not_officer.json()["errors"]


def test_officers_link_the_institute_and_the_regional_office(client, project, officer, member):
    url = f"/api/v1/projects/{project.pk}/links"
    institute, office = Institute.objects.first(), RegionalOffice.objects.first()
    body = {"institute": institute.pk, "regional_office": office.pk}
    assert client.put(url, body, content_type=JSON, **_auth(member)).status_code == 403
    linked = client.put(url, body, content_type=JSON, **_auth(officer))
    assert linked.status_code == 200
    assert (linked.json()["institute"], linked.json()["regional_office"]) == (
        institute.pk,
        office.pk,
    )
    unlinked = client.put(
        url, {"institute": None, "regional_office": office.pk}, content_type=JSON, **_auth(officer)
    )
    assert unlinked.json()["institute"] is None
    unknown = client.put(
        url, {"institute": 2**31 - 1, "regional_office": None}, content_type=JSON, **_auth(officer)
    )
    assert unknown.status_code == 400 and "institute" in unknown.json()["errors"]


def test_the_proposer_adds_a_listed_organization_as_partner(client, project, member, director):
    url = f"/api/v1/projects/{project.pk}/partners"
    listed = OrganizationFactory(name="Ligue des proches", is_public=True)
    unlisted = OrganizationFactory(name="Cachée", is_public=False)
    refused = client.post(url, {"organization": listed.pk}, content_type=JSON, **_auth(director))
    assert refused.status_code == 403
    added = client.post(url, {"organization": listed.pk}, content_type=JSON, **_auth(member))
    assert added.status_code == 200 and listed.pk in added.json()["organizations"]
    hidden = client.post(url, {"organization": unlisted.pk}, content_type=JSON, **_auth(member))
    assert hidden.status_code == 400 and "organization" in hidden.json()["errors"]
    assert not project.organizations.filter(pk=unlisted.pk).exists()


def test_officers_add_a_researcher_by_email(client, project, officer, researcher, member):
    url = f"/api/v1/projects/{project.pk}/researchers"
    body = {"email": researcher.email.upper()}
    assert client.post(url, body, content_type=JSON, **_auth(member)).status_code == 403
    assert client.post(url, body, content_type=JSON, **_auth(officer)).status_code == 200
    assert project.researchers.filter(pk=researcher.pk).exists()
    not_researcher = client.post(url, {"email": member.email}, content_type=JSON, **_auth(officer))
    assert not_researcher.status_code == 409
    assert not_researcher.json()["code"] == "not_researcher"
    nobody = client.post(url, {"email": "nobody@example.org"}, content_type=JSON, **_auth(officer))
    assert nobody.status_code == 400 and "email" in nobody.json()["errors"]


def test_officers_tick_the_checklist_without_moving_the_stage(client, project, officer, member):
    url = f"/api/v1/projects/{project.pk}/checklist"
    first = sorted(STAGES[project.stage].codes)[0]
    assert client.put(url, {"done": [first]}, content_type=JSON, **_auth(member)).status_code == 403
    ticked = client.put(url, {"done": [first]}, content_type=JSON, **_auth(officer))
    assert ticked.status_code == 200
    assert [i["code"] for i in ticked.json()["checklist"] if i["done"]] == [first]
    assert ticked.json()["stage"] == project.stage == ProjectStage.IDEA
    unknown = client.put(url, {"done": ["no_such_item"]}, content_type=JSON, **_auth(officer))
    assert unknown.status_code == 400 and "done" in unknown.json()["errors"]
    project.refresh_from_db()
    assert project.checklist_done == [first]


# --- Support requests ---------------------------------------------------------------------


def test_officers_assign_a_support_request(client, project, officer, member):
    support = services.request_support(
        member, kind="design", subject="Questionnaire", description="Aide.", project=project
    )
    url = f"/api/v1/support-requests/{support.pk}/assign"
    colleague = UserFactory(roles=[Role.OFFICER], first_name="Odile", last_name="Martin")
    due_on = str(timezone.localdate() + dt.timedelta(days=30))  # a date to come
    body = {"owner": colleague.pk, "due_on": due_on}
    refused = client.post(url, body, content_type=JSON, **_auth(member))
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    done = client.post(url, body, content_type=JSON, **_auth(officer))
    assert done.status_code == 200, done.json()
    assert (done.json()["owner"], done.json()["due_on"]) == ("Odile Martin", due_on)
    services.move_support_request(support, to="cancelled", by=officer)
    late = client.post(url, body, content_type=JSON, **_auth(officer))
    assert late.status_code == 409 and late.json()["code"] == "cancelled"


# --- The resource library -----------------------------------------------------------------


def _resource_body(**extra):
    return {
        "title": "Guide de l'entretien",
        "summary": "Conduire un entretien.",
        "kind": "method_guide",
        "language": "fr",
        "visibility": "public",
        "file": pdf("guide.pdf"),
        **extra,
    }


def test_officers_add_a_resource_with_its_first_version(client, officer, member):
    refused = client.post("/api/v1/resources", _resource_body(), **_auth(member))
    assert refused.status_code == 403 and not Resource.objects.exists()
    made = client.post("/api/v1/resources", _resource_body(), **_auth(officer))
    assert made.status_code == 201, made.json()
    assert made.json()["latest"]["number"] == 1
    assert made.json()["latest"]["original_filename"] == "guide.pdf"
    assert client.post("/api/v1/resources", _resource_body()).status_code == 401


def test_a_resource_of_an_unsupported_type_is_refused_and_nothing_is_kept(client, officer):
    page = SimpleUploadedFile("page.html", b"<html><script>alert(1)</script></html>")
    response = client.post("/api/v1/resources", _resource_body(file=page), **_auth(officer))
    assert response.status_code == 400 and "file" in response.json()["errors"]
    # An agreement template must be a Word file whose variables are known.
    not_word = client.post(
        "/api/v1/resources", _resource_body(kind="agreement_template"), **_auth(officer)
    )
    assert not_word.status_code == 400 and "file" in not_word.json()["errors"]
    broken = client.post(
        "/api/v1/resources",
        _resource_body(kind="agreement_template", file=docx(b"not a word file")),
        **_auth(officer),
    )
    assert broken.status_code == 400 and "file" in broken.json()["errors"]
    assert not Resource.objects.exists()


def test_a_template_with_an_unknown_variable_is_refused_naming_it(client, officer):
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("Entre {{ unknown_variable }} et nous.")
    buffer = io.BytesIO()
    document.save(buffer)
    response = client.post(
        "/api/v1/resources",
        _resource_body(kind="agreement_template", file=docx(buffer.getvalue())),
        **_auth(officer),
    )
    assert response.status_code == 409, response.json()
    assert "unknown_variable" in response.json()["detail"]
    assert not Resource.objects.exists()
    good = client.post(
        "/api/v1/resources",
        _resource_body(kind="agreement_template", file=docx(agreement_template("fr"))),
        **_auth(officer),
    )
    assert good.status_code == 201, good.json()


def test_officers_edit_a_resources_description_and_audience(client, officer, member):
    resource = services.add_resource(
        officer,
        title="Guide",
        summary="",
        kind="method_guide",
        language="fr",
        visibility="public",
        upload=pdf(),
        file_kind="pdf",
    )
    url = f"/api/v1/resources/{resource.pk}"
    body = {"title": "Guide révisé", "summary": "S", "language": "both", "visibility": "staff"}
    assert client.put(url, body, content_type=JSON, **_auth(member)).status_code == 403
    assert client.put(url, body, content_type=JSON).status_code == 401
    done = client.put(url, body, content_type=JSON, **_auth(officer))
    assert done.status_code == 200, done.json()
    assert (done.json()["title"], done.json()["visibility"]) == ("Guide révisé", "staff")
    # Staff only now: the member no longer finds it.
    assert client.get(url, **_auth(member)).status_code == 404
    bad = client.put(url, {**body, "visibility": "everyone"}, content_type=JSON, **_auth(officer))
    assert bad.status_code == 400 and "visibility" in bad.json()["errors"]


# --- Working groups -----------------------------------------------------------------------


def test_officers_create_a_working_group(client, officer, member):
    body = {"name": "Alcool", "purpose": "Recherche communautaire.", "coordinator_email": ""}
    body["coordinator_email"] = member.email
    refused = client.post("/api/v1/working-groups", body, content_type=JSON, **_auth(member))
    assert refused.status_code == 403 and not WorkingGroup.objects.exists()
    made = client.post("/api/v1/working-groups", body, content_type=JSON, **_auth(officer))
    assert made.status_code == 201, made.json()
    assert made.json()["member_count"] == 1 and made.json()["is_public"] is False
    nobody = client.post(
        "/api/v1/working-groups",
        {**body, "coordinator_email": "nobody@example.org"},
        content_type=JSON,
        **_auth(officer),
    )
    assert nobody.status_code == 400 and "coordinator_email" in nobody.json()["errors"]
    assert WorkingGroup.objects.count() == 1


@pytest.fixture
def group(officer, member):
    return services.create_working_group(officer, name="Alcool", purpose="P", coordinator=member)


def test_the_coordinator_adds_members_and_members_see_them(
    client, group, member, researcher, outsider
):
    url = f"/api/v1/working-groups/{group.pk}/members"
    refused = client.post(url, {"email": outsider.email}, content_type=JSON, **_auth(researcher))
    assert refused.status_code == 404  # not a member: the group is not found
    added = client.post(url, {"email": researcher.email}, content_type=JSON, **_auth(member))
    assert added.status_code == 200
    assert {m["id"] for m in added.json()} == {member.pk, researcher.pk}
    # A member who does not run the group sees the members but adds nobody.
    assert client.get(url, **_auth(researcher)).status_code == 200
    not_runner = client.post(url, {"email": outsider.email}, content_type=JSON, **_auth(researcher))
    assert not_runner.status_code == 403
    nobody = client.post(url, {"email": "nobody@example.org"}, content_type=JSON, **_auth(member))
    assert nobody.status_code == 400 and "email" in nobody.json()["errors"]
    assert client.get(url, **_auth(outsider)).status_code == 404


def test_adding_a_member_keeps_the_others(group, member, researcher, officer, outsider):
    """Two people added one after the other are both members (the service adds under the
    group's lock; it does not rewrite the list read earlier)."""
    services.add_group_member(group, person=researcher, by=member)
    services.add_group_member(group, person=outsider, by=officer)
    assert set(group.members.values_list("pk", flat=True)) == {
        member.pk,
        researcher.pk,
        outsider.pk,
    }


def test_the_member_list_query_count_is_constant(client, group, member, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url, auth = f"/api/v1/working-groups/{group.pk}/members", _auth(member)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as seen:
            response = client.get(url, **auth)
        assert response.status_code == 200
        return len(seen), len(response.json())

    services.add_group_member(group, person=UserFactory(), by=officer)
    count()  # the first call also notes when the token was last used
    few = count()
    for _ in range(5):
        services.add_group_member(group, person=UserFactory(), by=officer)
    many = count()
    assert (few[1], many[1]) == (2, 7) and many[0] == few[0]


def test_the_coordinator_shows_the_group_on_the_public_page(client, group, member, researcher):
    url = f"/api/v1/working-groups/{group.pk}/publication"
    services.add_group_member(group, person=researcher, by=member)
    refused = client.post(url, {"public": True}, content_type=JSON, **_auth(researcher))
    assert refused.status_code == 403
    shown = client.post(url, {"public": True}, content_type=JSON, **_auth(member))
    assert shown.status_code == 200 and shown.json()["is_public"] is True
    group.refresh_from_db()
    assert group.is_public
    bad = client.post(url, {}, content_type=JSON, **_auth(member))
    assert bad.status_code == 400 and "public" in bad.json()["errors"]


@pytest.mark.parametrize(
    "path, method",
    [("stage", "post"), ("officer", "put"), ("checklist", "put"), ("milestones", "post")],
)
def test_a_write_says_not_found_then_refused_then_invalid_in_that_order(
    client, project, member, outsider, officer, path, method
):
    """Through `tandem.api.actions.act`: bad input from someone who cannot see the project is a
    404 (its existence stays confidential), from someone who sees it but may not act a 403, and
    only from an officer a 400."""
    url = f"/api/v1/projects/{project.pk}/{path}"
    bad = {"to": "nowhere", "officer": "x", "done": "x", "due_on": "x"}
    send = getattr(client, method)
    unseen = send(url, bad, content_type=JSON, **_auth(outsider))
    assert unseen.status_code == 404 and unseen.json()["code"] == "not_found"
    refused = send(url, bad, content_type=JSON, **_auth(member))
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    invalid = send(url, bad, content_type=JSON, **_auth(officer))
    assert invalid.status_code == 400 and invalid.json()["code"] == "invalid"
