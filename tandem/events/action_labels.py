"""Plain words for the action-log entries of events (`tandem.core.action_labels`, found at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "events.course.saved": _("Course saved"),
        "events.event.created": _("Event created"),
        "events.event.updated": _("Event changed"),
        "events.event.approved": _("Laboratory meeting approved"),
        "events.event.rejected": _("Laboratory meeting not approved"),
        "events.event.cancelled": _("Event cancelled"),
        "events.event.capacity": _("Number of places changed"),
        "events.registration.created": _("Registered for an event"),
        "events.registration.offered": _("Place offered from the waiting list"),
        "events.registration.expired": _("Offered place not confirmed in time"),
        "events.registration.confirmed": _("Offered place confirmed"),
        "events.registration.cancelled": _("Registration cancelled"),
        "events.registration.moved_to_waiting": _("Moved back to the waiting list"),
        "events.registration.attended": _("Attended"),
        "events.registration.no_show": _("Did not come"),
        "events.feedback.given": _("Feedback given"),
        "events.feed.renewed": _("Calendar address renewed"),
        "events.claim.submitted": _("Travel expense claim sent"),
        "events.claim.approved": _("Travel expense claim approved"),
        "events.claim.rejected": _("Travel expense claim rejected"),
    }
)
