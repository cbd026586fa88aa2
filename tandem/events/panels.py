from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.core.portfolio import PortfolioSection, register_portfolio_section
from tandem.core.prepared import PreparedQuery
from tandem.events.models import RegistrationStatus
from tandem.events.queries import completed_trainings, upcoming_registrations_of

# Every signed-in home runs it: its SQL is written once per process (`PreparedQuery`), its
# rows read on each visit.
UPCOMING = PreparedQuery(
    lambda person, now: upcoming_registrations_of(person, now).values_list(
        "pk", "status", "event__title"
    )[:3],
    person=models.IntegerField(),
    now=models.DateTimeField(),
)


@register_panel
def my_events(user: User) -> Panel | None:
    rows = UPCOMING.rows(person=user.pk, now=timezone.now())
    statuses = dict(RegistrationStatus.choices)
    return Panel(
        title=_("My events and training"),
        items=[
            Item(
                text=title,
                url=reverse("events:registration", args=[pk]),
                detail=str(statuses.get(status, status)),
            )
            for pk, status, title in rows
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
