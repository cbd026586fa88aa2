"""Meetings of working groups and projects are events of the events module: scheduled by
the group's coordinator or an officer, on the calendar, linked from the group's or project's
page, through the page and the API alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.services import create_api_token
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry, Notification
from tandem.events import services as events
from tandem.events.models import Event, EventKind, EventStatus
from tandem.incubator import services
from tandem.incubator.meetings import MeetingPlan, meetings_of, schedule_meeting
from tandem.incubator.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(officer, member, researcher):
    return services.create_working_group(
        officer,
        name="Groupe alcool",
        purpose="Recherche communautaire.",
        coordinator=member,
        members=[researcher],
    )


def plan(days: int = 7, **extra) -> MeetingPlan:
    start = timezone.now() + dt.timedelta(days=days)
    values = {
        "title": "Réunion de rentrée",
        "description": "Ordre du jour : les questions de recherche.",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "capacity": 12,
        "online_url": "https://visio.example.org/alcool",
        **extra,
    }
    return MeetingPlan(**values)


def test_the_coordinator_schedules_a_meeting_that_is_an_event(
    group, member, researcher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule_meeting(group, by=member, plan=plan())
    event = meeting.event
    assert event.kind == EventKind.DEBATE and event.status == EventStatus.PUBLISHED
    assert event.capacity == 12 and event.sessions.count() == 1
    assert event.registration_closes == event.starts_at and event.audience == "Groupe alcool"
    assert list(meetings_of(group, member)) == [meeting]
    assert ActionLogEntry.objects.filter(action="incubator.meeting.scheduled").count() == 1
    # The members are told; the coordinator who scheduled it is not told about it.
    assert Notification.objects.filter(recipient=researcher, kind="incubator.meeting").exists()
    assert not Notification.objects.filter(recipient=member, kind="incubator.meeting").exists()
    # People register for it as for any event.
    registration = events.register(event, user=researcher)
    assert registration.holds_a_place


def test_a_member_who_does_not_coordinate_cannot_schedule(group, researcher):
    with pytest.raises(DomainError) as refused:
        schedule_meeting(group, by=researcher, plan=plan())
    assert refused.value.code == "not_allowed"
    assert not Event.objects.exists() and not Meeting.objects.exists()


def test_a_meeting_in_the_past_is_refused_and_changes_nothing(group, member):
    with pytest.raises(DomainError) as refused:
        schedule_meeting(group, by=member, plan=plan(days=-1))
    assert refused.value.code == "in_the_past"
    assert not Event.objects.exists()


def test_an_officer_schedules_a_projects_meeting_but_not_for_a_closed_project(officer, project):
    meeting = schedule_meeting(project, by=officer, plan=plan(title="Comité de pilotage"))
    assert meeting.project == project and meeting.group is None
    services.move_project(project, to="closed", by=officer)
    with pytest.raises(DomainError) as refused:
        schedule_meeting(project, by=officer, plan=plan())
    assert refused.value.code == "closed"
    assert Meeting.objects.count() == 1


def test_the_group_page_lists_its_meetings_and_offers_to_schedule(client, group, member):
    meeting = schedule_meeting(group, by=member, plan=plan())
    client.force_login(member)
    response = client.get(group.get_absolute_url())
    assert "Réunion de rentrée" in response.text
    assert reverse("events:event", args=[meeting.event_id]) in response.text
    assert reverse("incubator:group_meeting_new", args=[group.pk]) in response.text


def test_a_member_sees_the_meetings_but_not_the_scheduling(client, group, member, researcher):
    schedule_meeting(group, by=member, plan=plan())
    client.force_login(researcher)
    response = client.get(group.get_absolute_url())
    assert "Réunion de rentrée" in response.text
    assert reverse("incubator:group_meeting_new", args=[group.pk]) not in response.text
    url = reverse("incubator:group_meeting_new", args=[group.pk])
    assert client.get(url).status_code == 403


def test_the_coordinator_schedules_through_the_page(client, group, member):
    client.force_login(member)
    url = reverse("incubator:group_meeting_new", args=[group.pk])
    assert client.get(url).status_code == 200
    start = timezone.localtime() + dt.timedelta(days=5)
    response = client.post(
        url,
        {
            "title": "Atelier",
            "description": "Préparer le questionnaire.",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "place_kind": "address",
            "address": "8 rue de la Croix Jarry",
            "city": "Paris",
            "capacity": "15",
            "visibility": "members",
        },
    )
    event = Event.objects.get(title="Atelier")
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert event.incubator_meeting.group == group


def test_a_meeting_without_its_address_is_shown_again_in_french(client, group, member):
    member.language = "fr"
    member.save(update_fields=["language"])
    client.force_login(member)
    start = timezone.localtime() + dt.timedelta(days=5)
    response = client.post(
        reverse("incubator:group_meeting_new", args=[group.pk]),
        {
            "title": "Atelier",
            "description": "D.",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place_kind": "address",
            "capacity": "15",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 422 and "Planifier une réunion" in response.text
    assert not Event.objects.exists()


def test_the_project_page_lists_its_meetings(client, project, officer, member):
    schedule_meeting(project, by=officer, plan=plan(title="Comité de pilotage"))
    client.force_login(member)  # the proposer
    response = client.get(project.get_absolute_url())
    assert "Comité de pilotage" in response.text
    assert reverse("incubator:project_meeting_new", args=[project.pk]) not in response.text


def test_the_api_lists_and_schedules_meetings(client, group, member, researcher):
    _token, key = create_api_token(member, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    url = f"/api/v1/working-groups/{group.pk}/meetings"
    start = timezone.now() + dt.timedelta(days=3)
    response = client.post(
        url,
        {
            "title": "En ligne",
            "description": "Point d'étape.",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "capacity": 20,
            "online_url": "https://visio.example.org/x",
        },
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["title"] == "En ligne" and created["places_left"] == 20
    listed = client.get(url, **auth).json()
    assert [m["event"] for m in listed] == [created["event"]]
    # A member who does not coordinate reads them but cannot schedule.
    _token, theirs = create_api_token(researcher, name="t")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {theirs}").status_code == 200
    refused = client.post(
        url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {theirs}"
    )
    assert refused.status_code == 403


def test_the_api_answers_a_past_meeting_with_409(client, group, member):
    _token, key = create_api_token(member, name="t")
    start = timezone.now() - dt.timedelta(days=3)
    response = client.post(
        f"/api/v1/working-groups/{group.pk}/meetings",
        {
            "title": "Trop tard",
            "description": "D.",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "capacity": 5,
            "online_url": "https://visio.example.org/x",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 409 and response.json()["code"] == "in_the_past"
