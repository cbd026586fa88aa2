"""A members-only meeting (the default for a working group's or project's meeting) is seen
by the group's or project's members, the people registered and the officers, on every page
that shows events: the calendar (with its shared cache), the event page, its calendar file,
the API; the others get "not found" and cannot register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.services import create_api_token
from tandem.core.errors import DomainError
from tandem.events import services as events
from tandem.events.models import Registration, Visibility
from tandem.incubator import services
from tandem.incubator.meetings import MeetingPlan, meetings_of, schedule_meeting

pytestmark = pytest.mark.django_db

TITLE = "Réunion privée du groupe alcool"
# The group's coordinator (member) and member (researcher), and the officers.
SEES = {"member", "researcher", "officer", "admin_user"}
PERSONAS = [
    "anonymous",
    "outsider",
    "member",
    "researcher",
    "reviewer",
    "coordinator",
    "gram_member",
    "officer",
    "director",
    "admin_user",
]


@pytest.fixture
def group(officer, member, researcher):
    return services.create_working_group(
        officer,
        name="Groupe alcool",
        purpose="Recherche communautaire.",
        coordinator=member,
        members=[researcher],
    )


def plan(**extra) -> MeetingPlan:
    start = timezone.now() + dt.timedelta(days=7)
    values = {
        "title": TITLE,
        "description": "Ordre du jour.",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "capacity": 12,
        "online_url": "https://visio.example.org/alcool",
        **extra,
    }
    return MeetingPlan(**values)


@pytest.fixture
def meeting(group, member):
    return schedule_meeting(group, by=member, plan=plan())


def test_a_meeting_is_members_only_unless_made_public(meeting, group, member):
    assert meeting.event.visibility == Visibility.MEMBERS
    public = schedule_meeting(group, by=member, plan=plan(title="Ouverte", visibility="public"))
    assert public.event.visibility == Visibility.PUBLIC


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_calendar_shows_a_members_only_meeting_only_to_those_allowed(
    persona, as_persona, meeting
):
    client, _user = as_persona(persona)
    response = client.get(reverse("events:calendar"))
    assert response.status_code == 200
    assert (TITLE in response.text) is (persona in SEES)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_event_page_and_its_file_are_not_found_for_the_others(persona, as_persona, meeting):
    client, _user = as_persona(persona)
    expected = 200 if persona in SEES else 404
    assert client.get(meeting.event.get_absolute_url()).status_code == expected
    assert client.get(reverse("events:event_ics", args=[meeting.event_id])).status_code == expected
    register = client.get(reverse("events:register", args=[meeting.event_id]))
    if persona == "anonymous":
        assert register.status_code == 302  # the sign-in page first
    else:
        assert register.status_code == expected


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_the_api_lists_shows_and_registers_only_for_those_allowed(
    persona, request, client, meeting
):
    user = request.getfixturevalue(persona)
    _token, key = create_api_token(user, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    listed = [e["id"] for e in client.get("/api/v1/events", **auth).json()["results"]]
    assert (meeting.event_id in listed) is (persona in SEES)
    detail = client.get(f"/api/v1/events/{meeting.event_id}", **auth)
    assert detail.status_code == (200 if persona in SEES else 404)
    if persona in SEES:
        assert detail.json()["visibility"] == "members"
    registered = client.post(
        f"/api/v1/events/{meeting.event_id}/registrations",
        {},
        content_type="application/json",
        **auth,
    )
    assert registered.status_code == (201 if persona in SEES else 404)


def test_the_api_hides_it_from_an_anonymous_visitor(client, meeting):
    listed = [e["id"] for e in client.get("/api/v1/events").json()["results"]]
    assert meeting.event_id not in listed
    assert client.get(f"/api/v1/events/{meeting.event_id}").status_code == 404


def test_the_service_refuses_a_registration_by_someone_not_invited(meeting, outsider):
    with pytest.raises(DomainError) as refused:
        events.register(meeting.event, user=outsider)
    assert refused.value.code == "members_only"
    assert not Registration.objects.exists()


def test_the_calendar_cache_follows_membership_and_visibility(
    client, meeting, group, officer, outsider, researcher, django_capture_on_commit_callbacks
):
    calendar = reverse("events:calendar")
    client.force_login(outsider)
    assert TITLE not in client.get(calendar).text
    # Joining the group shows it at once, though no event changed (a page of their own).
    services.set_group_members(group, members=[researcher, outsider], by=officer)
    assert TITLE in client.get(calendar).text
    # The visitor's page, cached meanwhile, still does not show it.
    client.logout()
    assert TITLE not in client.get(calendar).text
    # Leaving the group hides it again.
    services.set_group_members(group, members=[researcher], by=officer)
    client.force_login(outsider)
    assert TITLE not in client.get(calendar).text
    # Made public by an officer: everyone sees it, the cached visitor's page is stale.
    client.logout()
    with_visibility = {"visibility": Visibility.PUBLIC}
    with django_capture_on_commit_callbacks(execute=True):  # the calendar's version is bumped
        events.update_event(meeting.event, by=officer, fields=with_visibility)
    assert TITLE in client.get(calendar).text


def test_a_registered_person_who_left_the_group_still_sees_their_event(
    client, meeting, group, officer, researcher
):
    events.register(meeting.event, user=researcher)
    services.set_group_members(group, members=[], by=officer)
    client.force_login(researcher)
    assert client.get(meeting.event.get_absolute_url()).status_code == 200


def test_a_public_projects_page_lists_only_its_public_meetings_to_a_visitor(
    client, project, officer, member, outsider
):
    type(project).objects.filter(pk=project.pk).update(public_summary="Un projet sur l'alcool.")
    project.refresh_from_db()
    services.publish_project(project, public=True, by=officer)
    schedule_meeting(project, by=officer, plan=plan(title="Comité de pilotage"))
    schedule_meeting(project, by=officer, plan=plan(title="Restitution", visibility="public"))
    client.force_login(outsider)  # no part in the project: sees it because it is public
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    assert "Restitution" in response.text and "Comité de pilotage" not in response.text
    assert [m.event.title for m in meetings_of(project, member)] == [
        "Comité de pilotage",
        "Restitution",
    ]


def test_the_meeting_api_says_and_takes_the_visibility(client, group, member):
    _token, key = create_api_token(member, name="t")
    start = timezone.now() + dt.timedelta(days=3)
    response = client.post(
        f"/api/v1/working-groups/{group.pk}/meetings",
        {
            "title": "Ouverte à tous",
            "description": "Restitution.",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "capacity": 20,
            "online_url": "https://visio.example.org/x",
            "visibility": "public",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["visibility"] == "public"
    bad = client.post(
        f"/api/v1/working-groups/{group.pk}/meetings",
        {"visibility": "secret"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert bad.status_code == 400 and "visibility" in bad.json()["errors"]
