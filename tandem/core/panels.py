"""The dashboard panel of core itself: new notifications. Each app registers its own panels
(`tandem.core.dashboard.register_panel`, imported by the app's `ready()`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, Subquery
from django.utils.translation import gettext as _

from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.core.notifications import note_unread_count, unread_of
from tandem.core.prepared import PreparedQuery

if TYPE_CHECKING:
    from tandem.accounts.models import User


# Every signed-in home runs it: its SQL is written once per process, its rows read each time.
# Each row carries the number of unread notifications, which the header's badge shows: the
# home does not count them again. The count is a scalar subquery rather than a window: with
# the index (recipient, read_at, created, id) the five latest are read from the index's end
# and the count from the index alone, where a window numbered and sorted every unread row
# (docs/benchmarks.md: 712,000 against 110,000 instructions in SQLite for 52 unread).
UNREAD = PreparedQuery(
    lambda person: (
        unread_of(person)
        .only("pk", "title", "params")
        .annotate(
            unread=Subquery(
                unread_of(person)
                .order_by()
                .values("recipient_id")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )[:5]
    ),
    person=models.IntegerField(),
)


@register_panel
def unread_notifications(user: User) -> Panel:
    # One query, whether or not anything is new (a count first would be a second query).
    latest = UNREAD.objects(person=user.pk)
    note_unread_count(user, latest[0].unread if latest else 0)
    return Panel(
        title=_("New for you"),
        items=[
            Item(text=n.shown_title, url=reverse("core:notification", args=[n.pk])) for n in latest
        ],
        empty=_("Nothing new. You are up to date."),
        action_label=_("All notifications"),
        action_url=reverse("core:notifications"),
        order=10,
    )
