"""The GRAM's meetings as iCalendar (RFC 5545), written by the `icalendar` library."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event

if TYPE_CHECKING:
    from django.http import HttpRequest

    from tandem.governance.models import Body, Meeting


def feed(
    body: Body,
    meetings: list[Meeting],
    *,
    request: HttpRequest | None = None,
    site: str = "",
) -> bytes:
    """One VEVENT per meeting (cancelled ones marked so), with its place and video link; the
    meeting's address on the request's site, else on `site`, else on SITE_URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//Tandem//GRAM//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", body.name)
    host = urlsplit(settings.SITE_URL).hostname or "tandem"
    for meeting in meetings:
        event = Event()
        event.add("uid", f"gram-meeting-{meeting.pk}@{host}")
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("dtstamp", meeting.updated)
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.video_url:
            event.add("url", meeting.video_url)
        url = meeting.get_absolute_url()
        if request is not None:
            url = request.build_absolute_uri(url)
        else:
            url = (site or settings.SITE_URL).rstrip("/") + url
        event.add("description", url)
        event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
