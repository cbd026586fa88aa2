from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.portfolio import PortfolioSection, register_portfolio_section
from tandem.events.queries import completed_trainings, upcoming_registrations_of


@register_panel
def my_events(user: User) -> Panel | None:
    upcoming = list(upcoming_registrations_of(user)[:3])
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


@register_portfolio_section
def trainings_followed(user: User) -> PortfolioSection | None:
    """The trainings the person attended, with their certificates (the profile page)."""
    trainings = list(completed_trainings(user)[:50])
    return PortfolioSection(
        key="trainings",
        title=_("Trainings I followed"),
        template="events/_portfolio_trainings.html",
        context={"trainings": trainings},
        order=10,
    )
