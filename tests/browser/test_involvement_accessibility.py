"""axe-core and the two widths on the pages about what people and organizations have done:
an organization's involvement (reporting), the profile's portfolio (trainings followed with
their certificates, contributions), a working group's and a project's meetings (incubator,
events), in both languages."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.directory.tests.factories import OrganizationFactory, make_admin
from tandem.events import services as events
from tandem.events.tests.conftest import make_event
from tandem.governance import services as governance
from tandem.incubator import services as incubator
from tandem.incubator.meetings import MeetingPlan, schedule_meeting
from tests.browser.axe import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _world(language: str):
    officer = UserFactory(roles=["officer"], is_demo=True, language=language)
    member = UserFactory(roles=["member"], language=language, first_name="Monique")
    org = OrganizationFactory(name="Diabète Ensemble")
    make_admin(org, member)
    project = incubator.propose_project(
        member,
        title="Vivre avec un diabète de type 1 au lycée",
        question="Q",
        why_it_matters="W",
        help_needed=["design"],
        organizations=[org],
    )
    incubator.record_contribution(
        project,
        volunteer=member,
        role="Comité de pilotage",
        hours=Decimal("4.5"),
        on=dt.date(2026, 3, 1),
        by=officer,
    )
    training = make_event(officer, title="Comprendre la recherche clinique", capacity=5)
    registration = events.register(training, user=member)
    events.record_attendance(
        training,
        by=officer,
        attended=[registration.pk],
        absent=[],
        now=training.starts_at + dt.timedelta(hours=1),
    )
    body = governance.create_body(name="GRAM", slug="gram", by=None)
    today = timezone.localdate()
    governance.appoint(
        body.colleges.get(code="patients"),
        person=member,
        organization=org,
        start=today - dt.timedelta(days=10),
        end=today + dt.timedelta(days=900),
        by=None,
    )
    group = incubator.create_working_group(
        officer, name="Groupe alcool", purpose="P", coordinator=member
    )
    start = timezone.now() + dt.timedelta(days=12)
    schedule_meeting(
        group,
        by=member,
        plan=MeetingPlan(
            title="Réunion de rentrée",
            description="D",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            capacity=10,
            online_url="https://visio.example.org/r",
        ),
    )
    return officer, member, org, project, group


@pytest.mark.parametrize("language", ["fr", "en"])
def test_involvement_profile_and_meeting_pages_have_no_serious_violation(
    page, sign_in, live_server, language
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    officer, member, org, project, group = _world(language)
    problems = {}
    sign_in(member.email, PASSWORD)
    member_pages = [
        f"/reports/organizations/{org.pk}/involvement/",
        f"/reports/organizations/{org.pk}/involvement/?year={timezone.localdate().year}",
        "/profile/",
        group.get_absolute_url(),
        f"/incubator/groups/{group.pk}/meetings/new/",
    ]
    for path in member_pages:
        page.goto(path)
        if found := blocking_violations(page):
            problems[path] = found
    shots = os.environ.get("TANDEM_SCREENSHOTS")
    if shots:
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(member_pages[0])
            page.screenshot(path=f"{shots}/involvement-{language}-{width}.png", full_page=True)
            page.goto("/profile/")
            page.screenshot(path=f"{shots}/profile-{language}-{width}.png", full_page=True)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(officer.email, PASSWORD)
    for path in [
        f"/reports/organizations/{org.pk}/involvement/",
        project.get_absolute_url(),
        f"/incubator/projects/{project.pk}/meetings/new/",
    ]:
        page.goto(path)
        if found := blocking_violations(page):
            problems[path] = found
    assert problems == {}
