from __future__ import annotations

import threading

import pytest

from tandem.accounts import demo as account_demo
from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.core.tests.threads import in_thread, postgres_only
from tandem.core.tests.threads import race as _race
from tandem.directory import demo as directory_demo
from tandem.directory.models import Institute
from tandem.directory.reference_data import save_reference, staff_removed
from tandem.incubator import demo, services
from tandem.incubator.models import (
    Agreement,
    Project,
    ProjectStage,
    Resource,
    ResourceVersion,
    SupportRequest,
    TimelineEntry,
    WorkingGroup,
)


def test_demo_data_loads_twice_with_projects_at_every_stage(db):
    account_demo.load()
    directory_demo.load()
    demo.load()
    demo.load()
    assert Project.objects.count() == 12
    assert set(Project.objects.values_list("stage", flat=True)) == set(ProjectStage.values)
    assert Agreement.objects.count() == 2
    assert Resource.objects.count() == 20
    assert ResourceVersion.objects.count() > 20
    assert WorkingGroup.objects.count() == 3
    assert SupportRequest.objects.count() == 8
    assert TimelineEntry.objects.filter(text__contains="confirmed").exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_taking_a_request_at_once_one_gets_it(member):
    first, second = (UserFactory(roles=[Role.OFFICER]) for _ in range(2))
    support = services.request_support(member, kind="ethics", subject="CPP", description="Aide")
    errors = _race(
        [
            lambda: services.take_support_request(support, by=first),
            lambda: services.take_support_request(support, by=second),
        ]
    )
    assert [e.code for e in errors] == ["already_taken"]
    support.refresh_from_db()
    assert support.owner in (first, second)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_moving_a_project_at_once_move_it_once(project, officer):
    other = UserFactory(roles=[Role.OFFICER])
    services.tick_checklist(project, done=["question", "partners", "meeting"], by=officer)
    errors = _race(
        [
            lambda: services.move_project(project, to=ProjectStage.DESIGN, by=officer),
            lambda: services.move_project(project, to=ProjectStage.DESIGN, by=other),
        ]
    )
    # The second sees the re-read stage: design cannot go to design.
    assert len(errors) == 1
    project.refresh_from_db()
    assert project.stage == ProjectStage.DESIGN
    assert project.timeline.filter(kind="stage").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_link_made_while_the_places_staff_changes_keeps_no_one_who_left_it(project, officer):
    """Someone on the staff of institutes A and B follows a project linked to A. An officer
    takes them off B's staff while another links the project to B instead of A. However the
    two interleave, they end up not following: `link_project` reads B's staff once the staff
    change is committed, or the staff change sees the project linked to B."""
    a, b = Institute.objects.order_by("pk")[:2]
    services.link_project(project, institute=a, regional_office=None, by=officer)
    person = UserFactory(roles=[])
    a.staff.add(person)
    b.staff.add(person)
    services.follow_project(project, by=person)
    handled, go = threading.Event(), threading.Event()

    def pause(**_kwargs):  # the staff change has run its rule and not committed yet
        handled.set()
        go.wait(5)

    staff_removed.connect(pause, sender=Institute, dispatch_uid="pause-in-test")
    failures: list[BaseException] = []

    try:
        taken_off = in_thread(
            lambda: save_reference(Institute, b.pk, by=officer, fields={}, staff=[]), failures
        )
        assert handled.wait(5)
        linking = in_thread(
            lambda: services.link_project(project, institute=b, regional_office=None, by=officer),
            failures,
        )
        linking.join(1.5)  # without the lock it ends here, reading B's staff of before
        go.set()
        taken_off.join()
        linking.join()
    finally:
        go.set()
        staff_removed.disconnect(dispatch_uid="pause-in-test", sender=Institute)
    assert failures == []
    project.refresh_from_db()
    assert project.institute == b and not b.staff.filter(pk=person.pk).exists()
    assert not project.followers.filter(pk=person.pk).exists()
