from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.events.models import RegistrationStatus
from tandem.events.queries import registrations_of


@register_panel
def my_events(user: User) -> Panel | None:
    upcoming = list(
        registrations_of(user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .filter(event__ends_at__gte=timezone.now())
        .only("pk", "status", "event__title", "event__starts_at")
        .order_by("event__starts_at")[:3]
    )
    return Panel(
        title=_("My events and training"),
        items=[
            Item(text=r.event.title, url=r.get_absolute_url(), detail=r.get_status_display())
            for r in upcoming
        ],
        empty=_("Trainings, laboratory visits and meetings: see what is coming."),
        action_label=_("Calendar of events"),
        action_url=reverse("events:calendar"),
        order=45,
    )
