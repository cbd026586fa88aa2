from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.incubator import services
from tandem.incubator.model_agreement import agreement_template
from tandem.incubator.models import Project, ProjectStage, ResourceKind, SupportStatus
from tandem.incubator.tests.conftest import contribute, docx, pdf, text_file

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_how_to_propose_and_public_things(client, project, officer):
    services.update_project(project, by=officer, changes={"public_summary": "En bref."})
    services.publish_project(project, public=True, by=officer)
    response = client.get(reverse("incubator:home"))
    assert response.status_code == 200
    assert "How to propose a project" in response.text and project.title in response.text
    assert client.get(reverse("incubator:public_project", args=[project.pk])).status_code == 200


def test_a_private_project_has_no_public_page(client, project):
    assert client.get(reverse("incubator:public_project", args=[project.pk])).status_code == 404


def test_the_home_card_leads_to_the_incubator(client):
    response = client.get(reverse("core:home"))
    assert reverse("incubator:home") in response.text


def test_a_member_proposes_a_project_with_their_organization(client, member, organization):
    client.force_login(member)
    assert client.get(reverse("incubator:propose")).status_code == 200
    response = client.post(
        reverse("incubator:propose"),
        {
            "title": "Aidants",
            "question": "Que vivent les aidants ?",
            "why_it_matters": "Ils s'épuisent.",
            "organizations": [organization.pk],
            "help_needed": ["design"],
        },
    )
    project = Project.objects.get(title="Aidants")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert list(project.organizations.all()) == [organization]
    assert client.get(project.get_absolute_url()).status_code == 200


def test_an_empty_proposal_is_shown_again_with_errors(client, researcher):
    client.force_login(researcher)
    response = client.post(reverse("incubator:propose"), {"title": ""})
    assert response.status_code == 422 and "error-summary" in response.text


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "gram_member", "director"])
def test_only_members_researchers_and_officers_propose(as_persona, persona):
    client, _user = as_persona(persona)
    assert client.get(reverse("incubator:propose")).status_code == 403


def test_a_strangers_project_is_not_found(client, project, researcher):
    client.force_login(researcher)
    assert client.get(project.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", ["gram_member", "director", "officer"])
def test_the_portfolio_readers_see_every_project(as_persona, persona, project):
    client, user = as_persona(persona)
    if persona == "gram_member":  # a GRAM member by a mandate current today
        from tandem.governance import services as governance
        from tandem.governance.tests.conftest import seat

        seat(governance.create_body(name="GRAM", slug="gram", by=None), "patients", user)
    assert client.get(project.get_absolute_url()).status_code == 200
    response = client.get(reverse("incubator:portfolio"))
    assert response.status_code == 200 and "By disease area" in response.text


@pytest.mark.parametrize("persona", ["member", "researcher", "reviewer", "coordinator", "outsider"])
def test_others_do_not_see_the_portfolio(as_persona, persona):
    client, _user = as_persona(persona)
    assert client.get(reverse("incubator:portfolio")).status_code == 403


def test_the_officer_page_suggests_partners_and_offers_the_moves(client, officer, project):
    from tandem.directory.tests.factories import OrganizationFactory

    OrganizationFactory(name="Proches Solidaires", areas=list(project.disease_areas.all()))
    client.force_login(officer)
    response = client.get(project.get_absolute_url())
    assert "Move the project" in response.text and "Save the checklist" in response.text
    suggested = response.text.split("Suggested partners", 1)[1]
    assert "Proches Solidaires" in suggested
    assert "one of the project&#x27;s disease areas" in suggested
    # Already involved: not suggested again.
    assert "Association Alcool Écoute" not in suggested


def test_the_proposer_cannot_move_the_project(client, member, project):
    client.force_login(member)
    response = client.post(reverse("incubator:project_move", args=[project.pk]), {"to": "design"})
    assert response.status_code == 403


def test_an_incomplete_checklist_asks_then_records_the_confirmation(client, officer, project):
    client.force_login(officer)
    url = reverse("incubator:project_move", args=[project.pk])
    response = client.post(url, {"to": "design"})
    assert response.status_code == 409 and "Confirm the move" in response.text
    project.refresh_from_db()
    assert project.stage == ProjectStage.IDEA
    response = client.post(url, {"to": "design", "confirm": "on", "note": "Urgent"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == ProjectStage.DESIGN


def test_a_participant_adds_a_document_to_the_timeline(client, member, project):
    client.force_login(member)
    response = client.post(
        reverse("incubator:project_add_entry", args=[project.pk]),
        {"kind": "document", "text": "", "file": text_file()},
    )
    assert response.status_code == 302
    entry = project.timeline.get()
    download = client.get(reverse("incubator:entry_file", args=[entry.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "text/plain"


def test_an_upload_of_markup_is_refused(client, member, project):
    client.force_login(member)
    svg = text_file("x.txt", "<svg onload=alert(1)></svg>")
    client.post(
        reverse("incubator:project_add_entry", args=[project.pk]), {"kind": "document", "file": svg}
    )
    assert not project.timeline.exists()


def test_an_officer_generates_the_agreement_or_sees_what_is_missing(
    client, officer, project, template, researcher
):
    client.force_login(officer)
    url = reverse("incubator:generate_agreement", args=[project.pk])
    response = client.post(url, {"template": template.pk, "language": "fr"})
    assert response.status_code == 422 and "the purpose of the partnership" in response.text
    services.add_partner(project, researcher=researcher, by=officer)
    services.update_project(
        project,
        by=officer,
        changes={
            "purpose": "P",
            "duration_months": 6,
            "data_handling": "D",
            "publication": "Pub",
            "volunteer_compensation": "C",
        },
    )
    response = client.post(url, {"template": template.pk, "language": "en"})
    agreement = project.agreements.get()
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    download = client.get(reverse("incubator:agreement_download", args=[agreement.pk, 1]))
    assert download.status_code == 200 and download["Content-Type"].startswith(
        "application/vnd.openxml"
    )


def test_a_participant_reads_the_agreement_but_does_not_sign(
    client, member, officer, ready_project, template
):
    agreement = services.generate_agreement(ready_project, template=template, by=officer).agreement
    client.force_login(member)
    assert client.get(agreement.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("incubator:agreement_sign", args=[agreement.pk]),
        {"party": "A", "signatory": "B", "signed_on": "2026-01-01"},
    )
    assert response.status_code == 403


def test_the_library_shows_each_person_what_they_may_see(client, officer, member):
    for visibility in ("public", "members", "staff"):
        services.add_resource(
            officer,
            title=f"Guide {visibility}",
            summary="",
            kind=ResourceKind.TOOL,
            language="fr",
            visibility=visibility,
            upload=pdf(),
            file_kind="pdf",
        )
    anonymous = client.get(reverse("incubator:library")).text
    assert "Guide public" in anonymous and "Guide members" not in anonymous
    client.force_login(member)
    signed_in = client.get(reverse("incubator:library")).text
    assert "Guide members" in signed_in and "Guide staff" not in signed_in
    client.force_login(officer)
    assert "Guide staff" in client.get(reverse("incubator:library")).text


def test_the_library_searches_and_filters(client, officer):
    services.add_resource(
        officer,
        title="Charte de partenariat",
        summary="",
        kind=ResourceKind.PROCEDURE,
        language="fr",
        visibility="public",
        upload=pdf(),
        file_kind="pdf",
    )
    services.add_resource(
        officer,
        title="Training kit",
        summary="",
        kind=ResourceKind.TRAINING,
        language="en",
        visibility="public",
        upload=pdf(),
        file_kind="pdf",
    )
    text = client.get(reverse("incubator:library"), {"q": "charte"}).text
    assert "Charte de partenariat" in text and "Training kit" not in text
    text = client.get(reverse("incubator:library"), {"language": "en"}).text
    assert "Training kit" in text and "Charte" not in text


def test_an_officer_publishes_a_new_version_and_a_bad_template_is_explained(
    client, officer, template
):
    client.force_login(officer)
    url = reverse("incubator:resource_version_new", args=[template.pk])
    bad = docx(agreement_template("fr", extra="{{ partner_name }}"))
    response = client.post(url, {"file": bad, "change_note": "Nouvelle clause"})
    assert response.status_code == 422 and "partner_name" in response.text
    response = client.post(url, {"file": docx(agreement_template("en")), "change_note": "English"})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.latest.number == 2


def test_an_unsupported_upload_type_is_refused(client, officer):
    client.force_login(officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("tool.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = client.post(
        reverse("incubator:resource_new"),
        {"title": "Outil", "kind": "tool", "language": "fr", "visibility": "public", "file": exe},
    )
    assert response.status_code == 422 and "not a valid" in response.text


def test_support_request_pages(client, member, officer, project):
    client.force_login(member)
    response = client.post(
        reverse("incubator:support_new") + f"?project={project.pk}",
        {
            "kind": "funding",
            "subject": "Financement",
            "description": "Où chercher ?",
            "project": project.pk,
        },
    )
    support = project.support_requests.get()
    assert response.status_code == 302
    assert client.get(reverse("incubator:queue")).status_code == 403
    assert client.post(reverse("incubator:support_take", args=[support.pk])).status_code == 403
    client.force_login(officer)
    assert "Financement" in client.get(reverse("incubator:queue")).text
    client.post(reverse("incubator:support_take", args=[support.pk]))
    support.refresh_from_db()
    assert support.status == SupportStatus.IN_PROGRESS


def test_a_strangers_support_request_is_not_found(client, member, researcher):
    support = services.request_support(member, kind="training", subject="S", description="D")
    client.force_login(researcher)
    assert client.get(support.get_absolute_url()).status_code == 404


def test_working_group_pages(client, officer, member, researcher):
    group = services.create_working_group(
        officer, name="Groupe alcool", purpose="Recherche", coordinator=member
    )
    client.force_login(researcher)
    assert client.get(group.get_absolute_url()).status_code == 404
    client.force_login(member)
    client.post(reverse("incubator:group_add_member", args=[group.pk]), {"email": researcher.email})
    client.post(
        reverse("incubator:group_post", args=[group.pk]),
        {"kind": "update", "text": "Réunion jeudi"},
    )
    client.force_login(researcher)
    response = client.get(group.get_absolute_url())
    assert "Réunion jeudi" in response.text
    assert (
        client.post(
            reverse("incubator:group_publish", args=[group.pk]), {"public": "1"}
        ).status_code
        == 403
    )


def test_contributions_appear_on_the_volunteers_page(client, member, officer, project):
    contribute(project, member, by=officer, hours="2")
    client.force_login(member)
    response = client.get(reverse("incubator:contributions"))
    assert "Relecture" in response.text and project.title in response.text
    assert "My contributions to research" in client.get(reverse("core:dashboard")).text


def test_the_french_page_is_translated(client, settings):
    response = client.get(reverse("incubator:home"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Comment proposer un projet" in response.text


# --- Constant query counts on list pages


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _projects(n, member, organization):
    for i in range(n):
        services.propose_project(
            member,
            title=f"P{i}",
            question="Q",
            why_it_matters="W",
            help_needed=[],
            organizations=[organization],
        )


def test_the_project_list_query_count_is_constant(client, officer, member, organization):
    client.force_login(officer)
    _projects(2, member, organization)
    few = _count(client, reverse("incubator:projects"))
    _projects(10, member, organization)
    assert _count(client, reverse("incubator:projects")) == few


def test_the_library_and_queue_query_counts_are_constant(client, officer, member):
    client.force_login(officer)

    def add(n):
        for i in range(n):
            services.add_resource(
                officer,
                title=f"R{i}",
                summary="",
                kind="tool",
                language="fr",
                visibility="public",
                upload=pdf(),
                file_kind="pdf",
            )
            services.request_support(member, kind="training", subject=f"S{i}", description="D")

    add(2)
    library, queue, mine = (
        _count(client, reverse(n))
        for n in ("incubator:library", "incubator:queue", "incubator:support_requests")
    )
    add(8)
    assert _count(client, reverse("incubator:library")) == library
    assert _count(client, reverse("incubator:queue")) == queue
    assert _count(client, reverse("incubator:support_requests")) == mine


def test_the_groups_and_portfolio_query_counts_are_constant(client, officer, member):
    client.force_login(officer)
    services.create_working_group(officer, name="G0", purpose="P", coordinator=member)
    groups, portfolio = (
        _count(client, reverse("incubator:groups")),
        _count(client, reverse("incubator:portfolio")),
    )
    for i in range(1, 6):
        services.create_working_group(officer, name=f"G{i}", purpose="P", coordinator=member)
        services.propose_project(
            member, title=f"P{i}", question="Q", why_it_matters="W", help_needed=[]
        )
    assert _count(client, reverse("incubator:groups")) == groups
    assert _count(client, reverse("incubator:portfolio")) == portfolio


def test_the_proposer_involves_a_suggested_listed_organization_only(client, member, project):
    from tandem.directory.models import OrganizationStatus
    from tandem.directory.tests.factories import OrganizationFactory

    listed = OrganizationFactory(name="Listée", is_public=True, status=OrganizationStatus.ACTIVE)
    hidden = OrganizationFactory(name="Cachée", is_public=False)
    client.force_login(member)
    url = reverse("incubator:project_add_partner", args=[project.pk])
    client.post(url, {"organization": hidden.pk})
    client.post(url, {"organization": listed.pk})
    assert set(project.organizations.values_list("name", flat=True)) == {
        "Association Alcool Écoute",
        "Listée",
    }
