"""iCalendar files (the `icalendar` library): one event's file, and a person's private feed."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from tandem.events.models import Event, PlaceKind, Registration, RegistrationStatus

PRODID = "-//Inserm//Tandem events//FR"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _entries(
    event: Event, *, with_link: bool, status: str = "CONFIRMED"
) -> Iterable[CalendarEvent]:
    url = settings.SITE_URL.rstrip("/") + event.get_absolute_url()
    location = event.place_label()
    if event.place_kind == PlaceKind.ONLINE and with_link:
        location = event.online_url
    sessions = list(event.sessions.all())
    for index, session in enumerate(sessions):
        entry = CalendarEvent()
        entry.add("uid", f"tandem-event-{event.pk}-{index}@{urlsplit(settings.SITE_URL).hostname}")
        entry.add("dtstamp", timezone.now())
        entry.add("dtstart", session.starts_at)
        entry.add("dtend", session.ends_at)
        summary = event.title if not session.title else f"{event.title} — {session.title}"
        entry.add("summary", summary)
        entry.add("description", f"{event.description}\n\n{url}")
        entry.add("location", location)
        entry.add("url", url)
        entry.add("status", "CANCELLED" if event.status == "cancelled" else status)
        yield entry


def event_file(event: Event, *, with_link: bool) -> bytes:
    """An event's sessions as an .ics file (the online link only for people with a place)."""
    calendar = _calendar(event.title)
    for entry in _entries(event, with_link=with_link):
        calendar.add_component(entry)
    return calendar.to_ical()  # type: ignore[no-any-return]


def feed(registrations: Iterable[Registration], *, name: str) -> bytes:
    """A person's events: places as confirmed, the waiting list as tentative."""
    calendar = _calendar(name)
    for registration in registrations:
        holds = registration.holds_a_place
        for entry in _entries(
            registration.event,
            with_link=holds,
            status="CONFIRMED"
            if holds and registration.status != RegistrationStatus.OFFERED
            else "TENTATIVE",
        ):
            calendar.add_component(entry)
    return calendar.to_ical()  # type: ignore[no-any-return]
