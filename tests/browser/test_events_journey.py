"""Events in Chromium: a member registers, joins the waiting list, is promoted, confirms, then
gets the certificate after the day; and axe-core on every page of events (demo data)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.axe import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_register_wait_be_promoted_confirm_and_get_the_certificate(page, sign_in):
    from tandem.events import services
    from tandem.events.models import Event, Registration
    from tandem.events.tests.conftest import make_event

    officer = UserFactory(roles=[Role.OFFICER])
    first = UserFactory(roles=[Role.MEMBER])
    member = UserFactory(
        roles=[Role.MEMBER], email="monique@example.net", first_name="Monique", language="fr"
    )
    event = make_event(officer, capacity=1, title="Comprendre un essai", questions="Vos attentes ?")
    taken = services.register(event, user=first)

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    sign_in(member.email, PASSWORD)
    page.goto(reverse("events:calendar"))
    assert page.locator("text=Complet").first.is_visible()
    page.get_by_role("link", name="Comprendre un essai").click()
    page.get_by_role("link", name="Rejoindre la liste d'attente").click()
    assert blocking_violations(page) == []
    page.get_by_label("Vos attentes ?").fill("Apprendre")
    page.get_by_role("button", name="Rejoindre la liste d'attente").click()
    page.wait_for_url("**/events/registrations/*/")
    assert "Sur la liste d'attente</strong> · vous êtes numéro 1" in page.content()
    assert blocking_violations(page) == []

    services.cancel_registration(taken, by=first)  # a place frees up: offered to Monique
    page.reload()
    page.get_by_role("button", name="Confirmer ma place").click()
    page.wait_for_load_state()
    assert "Place confirmée" in page.content()
    mine = Registration.objects.get(user=member)
    assert mine.status == "confirmed"

    # The day: the officer records the attendance.
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - dt.timedelta(hours=1))
    services.record_attendance(event, by=officer, attended=[mine.pk], absent=[])
    page.reload()
    page.get_by_role("link", name="Attestation de présence").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Attestation de présence"
    assert blocking_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")


@pytest.fixture
def demo():
    from tandem.accounts import demo as accounts_demo
    from tandem.directory import demo as directory_demo
    from tandem.events import demo as events_demo

    for module in (accounts_demo, directory_demo, events_demo):
        module.load()


def _check(page, paths):
    problems = {}
    for path in paths:
        page.goto(path)
        found = blocking_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_every_events_page_has_no_serious_accessibility_violation(page, sign_in, demo):
    from tandem.accounts.models import User
    from tandem.events.models import Course, Event, ExpenseClaim, Registration

    event = Event.objects.filter(status="published").order_by("starts_at").last()
    past = Event.objects.filter(registrations__status="attended").order_by("pk").first()
    course = Course.objects.order_by("pk").first()
    claim = ExpenseClaim.objects.order_by("pk").first()
    _check(
        page,
        [
            reverse("events:calendar"),
            reverse("events:catalogue"),
            reverse("events:course", args=[course.pk]),
            reverse("events:event", args=[event.pk]),
        ],
    )
    sign_in("officer@example.org", "tandem-demo")
    _check(
        page,
        [
            reverse("events:manage"),
            reverse("events:new_event"),
            reverse("events:edit_event", args=[event.pk]),
            reverse("events:capacity", args=[event.pk]),
            reverse("events:registrations", args=[past.pk]),
            reverse("events:attendance", args=[past.pk]),
            reverse("events:new_course"),
            reverse("events:claims"),
            reverse("events:claim", args=[claim.pk]),
        ],
    )
    page.context.clear_cookies()
    member = User.objects.get(email="member@example.org")
    attended = Registration.objects.filter(user=member, status="attended").first()
    sign_in("member@example.org", "tandem-demo")
    pages = [
        reverse("events:mine"),
        reverse("events:register", args=[event.pk]),
        reverse("events:claims"),
    ]
    if attended is not None:
        pages += [
            reverse("events:registration", args=[attended.pk]),
            reverse("events:certificate", args=[attended.pk]),
        ]
        if not hasattr(attended, "feedback"):
            pages.append(reverse("events:feedback", args=[attended.pk]))
    _check(page, pages)
    page.context.clear_cookies()
    sign_in("researcher@example.org", "tandem-demo")
    _check(page, [reverse("events:propose")])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_events_pages_in_both_languages_at_a_phones_and_a_desktops_width(
    page, sign_in, live_server, language
):
    """axe in each language, and no horizontal scrolling at 390 px nor at 1280 px, on the pages
    a member uses and on a members-only meeting's page."""
    from tandem.events import services
    from tandem.events.models import Course, ExpenseClaim
    from tandem.events.tests.conftest import make_event
    from tandem.incubator import services as incubator
    from tandem.incubator.meetings import MeetingPlan, schedule_meeting

    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    officer = UserFactory(roles=[Role.OFFICER], is_demo=True, language=language)
    member = UserFactory(roles=[Role.MEMBER], language=language)
    event = make_event(officer, capacity=1, title="Comprendre la recherche clinique", sessions=2)
    group = incubator.create_working_group(
        officer, name="Groupe alcool", purpose="P", coordinator=officer, members=[member]
    )
    start = timezone.now() + dt.timedelta(days=8)
    meeting = schedule_meeting(
        group,
        by=officer,
        plan=MeetingPlan(
            title="Réunion du groupe",
            description="Ordre du jour.",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            capacity=10,
            online_url="https://visio.example.org/groupe",
        ),
    ).event
    registration = services.register(event, user=member)
    services.register(meeting, user=member)
    sign_in(member.email, PASSWORD)
    paths = [
        reverse("events:calendar"),
        reverse("events:catalogue"),
        reverse("events:event", args=[event.pk]),
        reverse("events:event", args=[meeting.pk]),
        reverse("events:registration", args=[registration.pk]),
        reverse("events:mine"),
        reverse("events:claims"),
    ]
    problems: dict[str, list[str]] = {}

    def walk(paths: list[str]) -> None:
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                page.goto(path)
                assert page.url.endswith(path)  # the page itself, not a redirection
                assert page.locator("html").get_attribute("lang") == language
                if width == 1280 and (found := blocking_violations(page)):
                    problems[path] = found
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems[f"{path} at {width} px"] = [f"{scroll} px wide"]

    walk(paths)
    # The officers' pages, in the same language and at the same widths.
    course = Course.objects.create(
        title="Comprendre la recherche", topic="clinical_research", summary="S", objectives="O"
    )
    claim = ExpenseClaim.objects.create(
        event=event, user=member, amount="23.50", description="Train Lyon – Paris"
    )
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(officer.email, PASSWORD)
    walk(
        [
            reverse("events:manage"),
            reverse("events:new_event"),
            reverse("events:edit_event", args=[event.pk]),
            reverse("events:capacity", args=[event.pk]),
            reverse("events:registrations", args=[event.pk]),
            reverse("events:attendance", args=[event.pk]),
            reverse("events:new_course"),
            reverse("events:edit_course", args=[course.pk]),
            reverse("events:claims"),
            reverse("events:claim", args=[claim.pk]),
        ]
    )
    assert problems == {}


def test_an_events_tags_stay_the_width_of_their_words_at_640_px(page, sign_in):
    """The trial: at 640 px the event's tags stretched into full-width bars (the paragraph
    took the grid of a list of terms)."""
    from tandem.events.tests.conftest import make_event

    officer = UserFactory(roles=[Role.OFFICER])
    user = UserFactory(roles=[Role.MEMBER], language="fr")
    event = make_event(officer, title="Comprendre un essai")
    sign_in(user.email, PASSWORD)
    for width in (640, 390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("events:event", args=[event.pk]))
        widths = page.evaluate(
            """() => Array.from(document.querySelectorAll("main .tag")).map((tag) =>
                 tag.getBoundingClientRect().width / tag.parentElement.clientWidth)"""
        )
        assert widths and max(widths) < 0.5, (width, widths)
