"""The dashboard panel of core itself: new notifications. Each app registers its own panels
(`tandem.core.dashboard.register_panel`, imported by the app's `ready()`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.models import Notification

if TYPE_CHECKING:
    from tandem.accounts.models import User


@register_panel
def unread_notifications(user: User) -> Panel:
    # One query, whether or not anything is new (a count first would be a second query).
    latest = list(Notification.objects.filter(recipient=user, read_at__isnull=True)[:5])
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
