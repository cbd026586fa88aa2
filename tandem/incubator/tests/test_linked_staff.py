"""The theme-based institute and the regional office linked to a project can follow it: their
staff (set on the directory's reference pages) see the project on its page, in the list and in
the API, may follow it there, and are told when it is linked to them; the staff of another
institute or office do not see it (a 404, its existence is confidential)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tandem.accounts.models import Role
from tandem.accounts.services import create_api_token
from tandem.accounts.tests.factories import UserFactory
from tandem.core.models import Notification
from tandem.directory.models import Institute, RegionalOffice
from tandem.incubator import queries, services
from tandem.incubator.models import Project
from tandem.incubator.services.projects import stop_following_when_unlinked

pytestmark = pytest.mark.django_db

# Whose staff the person is, and which roles they hold in Tandem (staff may hold none).
KINDS = ("institute", "regional_office")
ROLES = ([], [Role.RESEARCHER], [Role.MEMBER])


@pytest.fixture
def places():
    institutes = list(Institute.objects.order_by("pk")[:2])
    offices = list(RegionalOffice.objects.order_by("pk")[:2])
    return {"institute": institutes, "regional_office": offices}


@pytest.fixture
def linked(project, officer, places):
    """The project linked to the first institute and the first regional office."""
    services.link_project(
        project,
        institute=places["institute"][0],
        regional_office=places["regional_office"][0],
        by=officer,
    )
    return project


def staff_of(place, roles) -> object:
    person = UserFactory(roles=list(roles))
    place.staff.add(person)
    return person


def _auth(user) -> dict[str, str]:
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("roles", ROLES, ids=["no role", "researcher", "member"])
def test_the_linked_staff_see_and_follow_the_project_on_its_pages(
    client, linked, places, kind, roles
):
    person = staff_of(places[kind][0], roles)
    client.force_login(person)
    page = client.get(reverse("incubator:project", args=[linked.pk]))
    assert page.status_code == 200
    assert "Follow this project" in page.content.decode()
    listed = client.get(reverse("incubator:projects")).content.decode()
    assert linked.title in listed
    followed = client.post(reverse("incubator:project_follow", args=[linked.pk]))
    assert followed.status_code == 302
    assert linked.followers.filter(pk=person.pk).exists()
    assert "Stop following" in client.get(linked.get_absolute_url()).content.decode()
    client.post(reverse("incubator:project_follow", args=[linked.pk]), {"follow": "0"})
    assert not linked.followers.filter(pk=person.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("roles", ROLES, ids=["no role", "researcher", "member"])
def test_another_institutes_or_offices_staff_neither_see_nor_follow_it_on_its_pages(
    client, linked, places, kind, roles
):
    person = staff_of(places[kind][1], roles)
    client.force_login(person)
    assert client.get(reverse("incubator:project", args=[linked.pk])).status_code == 404
    assert linked.title not in client.get(reverse("incubator:projects")).content.decode()
    refused = client.post(reverse("incubator:project_follow", args=[linked.pk]))
    assert refused.status_code == 404
    assert not linked.followers.filter(pk=person.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("roles", ROLES, ids=["no role", "researcher", "member"])
def test_the_linked_staff_see_and_follow_the_project_through_the_api(
    client, linked, places, kind, roles
):
    auth = _auth(staff_of(places[kind][0], roles))
    detail = client.get(f"/api/v1/projects/{linked.pk}", **auth)
    assert detail.status_code == 200 and detail.json()["title"] == linked.title
    listed = client.get("/api/v1/projects", **auth).json()["results"]
    assert [p["id"] for p in listed] == [linked.pk]
    url = f"/api/v1/projects/{linked.pk}/follow"
    assert client.post(url, **auth).json() == {"following": True}
    assert client.delete(url, **auth).json() == {"following": False}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("roles", ROLES, ids=["no role", "researcher", "member"])
def test_another_institutes_or_offices_staff_neither_see_nor_follow_it_through_the_api(
    client, linked, places, kind, roles
):
    person = staff_of(places[kind][1], roles)
    auth = _auth(person)
    assert client.get(f"/api/v1/projects/{linked.pk}", **auth).status_code == 404
    assert client.get("/api/v1/projects", **auth).json()["results"] == []
    assert client.post(f"/api/v1/projects/{linked.pk}/follow", **auth).status_code == 404
    assert not linked.followers.filter(pk=person.pk).exists()


def test_a_person_with_no_role_and_no_link_may_not_follow_a_public_project(client, linked, officer):
    linked.public_summary = "Un projet sur les proches."
    linked.save()
    services.publish_project(linked, public=True, by=officer)
    stranger = UserFactory(roles=[])
    client.force_login(stranger)
    page = client.get(reverse("incubator:project", args=[linked.pk]))
    assert page.status_code == 200 and "Follow this project" not in page.content.decode()
    assert client.post(reverse("incubator:project_follow", args=[linked.pk])).status_code == 403
    refused = client.post(f"/api/v1/projects/{linked.pk}/follow", **_auth(stranger))
    assert refused.status_code == 403
    assert not linked.followers.filter(pk=stranger.pk).exists()


def test_unlinking_the_institute_takes_the_project_away_from_its_staff_who_followed_it(
    client, linked, places, officer, researcher
):
    person = staff_of(places["institute"][0], [])
    client.force_login(person)
    client.post(reverse("incubator:project_follow", args=[linked.pk]))
    # A researcher of the project who is also on the institute's staff keeps following it.
    places["institute"][0].staff.add(researcher)
    services.add_partner(linked, researcher=researcher, by=officer)
    services.follow_project(linked, by=researcher)
    services.link_project(
        linked, institute=None, regional_office=places["regional_office"][0], by=officer
    )
    assert client.get(linked.get_absolute_url()).status_code == 404
    assert list(linked.followers.filter(pk__in=[person.pk, researcher.pk])) == [researcher]


def test_the_staff_are_told_once_in_their_language_when_a_project_is_linked(
    client, project, places, officer, django_capture_on_commit_callbacks
):
    institute, office = places["institute"][0], places["regional_office"][0]
    french = staff_of(institute, [])
    french.language = "fr"
    french.save()
    english = staff_of(office, [Role.RESEARCHER])
    english.language = "en"
    english.save()
    elsewhere = staff_of(places["institute"][1], [])
    with_both = staff_of(institute, [])
    office.staff.add(with_both)
    for _twice in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.link_project(project, institute=institute, regional_office=office, by=officer)
    told = Notification.objects.filter(url=project.get_absolute_url())
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [french.pk, english.pk, with_both.pk]
    )
    assert not told.filter(recipient=elsewhere).exists()
    client.force_login(french)
    assert "est rattaché à votre institut ou à votre" in client.get(
        reverse("core:notifications"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode("utf-8")
    client.force_login(english)
    assert "The project “Alcool et entourage” is linked to your" in client.get(
        reverse("core:notifications")
    ).content.decode("utf-8")


def test_an_officer_sets_an_institutes_staff_by_email_and_a_typo_is_named(client, officer):
    institute = Institute.objects.order_by("pk").first()
    colleague = UserFactory(email="ines.martin@example.org", roles=[])
    url = reverse("directory:reference_edit", args=["institutes", institute.pk])
    client.force_login(officer)
    fields = {"name_fr": institute.name_fr, "name_en": institute.name_en, "acronym": "X"}
    refused = client.post(url, {**fields, "staff": "ines.martin@example.org\ninez@example.org"})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "No account uses these addresses: inez@example.org." in page
    assert "ines.martin@example.org" in page  # what was typed is kept
    assert not institute.staff.exists()
    saved = client.post(url, {**fields, "staff": " Ines.Martin@example.org , "})
    assert saved.status_code == 302
    assert list(institute.staff.all()) == [colleague]
    assert "ines.martin@example.org" in client.get(url).content.decode()


def test_an_officer_sets_a_regional_offices_staff(client, officer):
    office = RegionalOffice.objects.order_by("pk").first()
    colleague = UserFactory(roles=[Role.RESEARCHER])
    url = reverse("directory:reference_edit", args=["offices", office.pk])
    client.force_login(officer)
    saved = client.post(
        url,
        {
            "name": office.name,
            "city": office.city,
            "region": office.region,
            "staff": colleague.email,
        },
    )
    assert saved.status_code == 302
    assert list(office.staff.all()) == [colleague]


def test_a_follower_is_told_of_a_stage_change_in_their_own_language(
    client, linked, places, officer, django_capture_on_commit_callbacks
):
    """The officer reads Tandem in English; the institute's staff member who follows the
    project reads it in French: the stage change is shown in French, its label too (and in
    English if they switch: it is stored as a message id and the stage's code)."""
    person = staff_of(places["institute"][0], [])
    person.language = "fr"
    person.save()
    services.follow_project(linked, by=person)
    officer.language = "en"
    officer.save()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.move_project(linked, to="design", by=officer, confirm_incomplete=True)
    told = Notification.objects.get(recipient=person, kind="incubator.project")
    with translation.override(person.language):
        assert (
            told.shown_title
            == "«\u202fAlcool et entourage\u202f» est maintenant à l'étape «\u202fConception\u202f»."
        )
    with translation.override("en"):
        assert told.shown_title == "“Alcool et entourage” is now at the stage “Design”."


def test_taken_off_the_institutes_staff_on_the_page_they_stop_following_its_projects(
    client, linked, places, officer, researcher
):
    institute, office = places["institute"][0], places["regional_office"][0]
    leaves = staff_of(institute, [])
    # Also on the linked office's staff: still linked, keeps following.
    on_both = staff_of(institute, [])
    office.staff.add(on_both)
    # A researcher of the project: involved, keeps following.
    institute.staff.add(researcher)
    services.add_partner(linked, researcher=researcher, by=officer)
    for person in (leaves, on_both, researcher):
        services.follow_project(linked, by=person)
    client.force_login(officer)
    saved = client.post(
        reverse("directory:reference_edit", args=["institutes", institute.pk]),
        {"name_fr": institute.name_fr, "name_en": institute.name_en, "staff": ""},
    )
    assert saved.status_code == 302
    assert set(linked.followers.filter(pk__in=[leaves.pk, on_both.pk, researcher.pk])) == {
        on_both,
        researcher,
    }
    client.force_login(leaves)
    assert client.get(linked.get_absolute_url()).status_code == 404


def test_taken_off_the_offices_staff_through_the_api_they_stop_following_its_projects(
    client, linked, places, officer
):
    office = places["regional_office"][0]
    leaves, stays = staff_of(office, []), staff_of(office, [])
    elsewhere = services.propose_project(
        UserFactory(roles=[Role.MEMBER]),
        title="Ailleurs",
        question="Q ?",
        why_it_matters="W.",
        help_needed=["design"],
    )
    for person in (leaves, stays):
        services.follow_project(linked, by=person)
    # Following a project not linked to the office is another matter: kept.
    services.follow_project(elsewhere, by=leaves)
    changed = client.patch(
        f"/api/v1/regional-offices/{office.pk}",
        {"staff": [stays.email]},
        content_type="application/json",
        **_auth(officer),
    )
    assert changed.status_code == 200
    assert set(linked.followers.filter(pk__in=[leaves.pk, stays.pk])) == {stays}
    assert elsewhere.followers.filter(pk=leaves.pk).exists()


def test_an_inactive_account_on_the_staff_is_not_linked_kept_following_nor_told(
    linked, places, officer, django_capture_on_commit_callbacks
):
    """A closed account still on an institute's and an office's staff: it is not the linked
    staff of the project, taking it off one staff does not keep it following through the
    other, and a stage change tells it nothing."""
    institute, office = places["institute"][0], places["regional_office"][0]
    closed, active = staff_of(institute, []), staff_of(institute, [])
    for person in (closed, active):
        office.staff.add(person)
        services.follow_project(linked, by=person)
    closed.is_active = False
    closed.save()
    assert not Project.objects.filter(queries.linked_staff(closed)).exists()
    assert set(Project.objects.filter(queries.linked_staff(active))) == {linked}
    with django_capture_on_commit_callbacks(execute=True):
        services.move_project(linked, to="design", by=officer, confirm_incomplete=True)
    told = Notification.objects.filter(kind="incubator.project", url=linked.get_absolute_url())
    recipients = set(told.values_list("recipient_id", flat=True))
    assert active.pk in recipients and closed.pk not in recipients
    institute.staff.remove(closed, active)
    stop_following_when_unlinked([linked], [closed.pk, active.pk])
    assert list(linked.followers.filter(pk__in=[closed.pk, active.pk])) == [active]


def test_the_unlinked_staff_stop_following_in_as_many_queries_for_many_as_for_one(
    linked, places, officer
):
    """The following rule asks the same few queries whatever the number of projects and
    people: an officer emptying a large staff does not pay a query per person and project."""
    institute = places["institute"][0]
    projects = [linked] + [
        services.propose_project(
            UserFactory(roles=[Role.MEMBER]),
            title=f"Projet {n}",
            question="Q ?",
            why_it_matters="W.",
            help_needed=["design"],
        )
        for n in range(2)
    ]
    for project in projects[1:]:
        services.link_project(project, institute=institute, regional_office=None, by=officer)
    people = [staff_of(institute, []) for _ in range(4)]
    involved = UserFactory(roles=[Role.RESEARCHER])  # a researcher of the first project
    institute.staff.add(involved)
    services.add_partner(linked, researcher=involved, by=officer)
    for project in projects:
        for person in [*people, involved]:
            services.follow_project(project, by=person)
    institute.staff.clear()
    ids = [p.pk for p in projects]
    with CaptureQueriesContext(connection) as one:
        stop_following_when_unlinked(Project.objects.filter(pk=ids[0]), [people[0].pk])
    with CaptureQueriesContext(connection) as many:
        stop_following_when_unlinked(
            Project.objects.filter(pk__in=ids), [p.pk for p in [*people[1:], involved]]
        )
    assert len(many) == len(one) <= 2
    everyone = [p.pk for p in [*people, involved]]
    following = {
        (p.pk, pk)
        for p in projects
        for pk in p.followers.filter(pk__in=everyone).values_list("pk", flat=True)
    }
    # The first person was only taken off the first project's (the first call).
    assert following == {(linked.pk, involved.pk)} | {(p.pk, people[0].pk) for p in projects[1:]}
