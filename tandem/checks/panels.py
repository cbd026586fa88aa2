from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.checks.queries import history_of
from tandem.core.dashboard import Item, Panel, register_panel


@register_panel
def recent_checks(user: User) -> Panel | None:
    if not user.has_role("researcher", "reviewer", "coordinator", "officer"):
        return None
    checks = list(history_of(user).only("pk", "title", "score", "status")[:3])
    return Panel(
        title=_("Clarity of my documents"),
        items=[
            Item(
                text=c.title,
                url=c.get_absolute_url(),
                detail=_("indicator %(score)s/100") % {"score": c.score}
                if c.score is not None
                else c.get_status_display(),
            )
            for c in checks
        ],
        empty=_("Check an information leaflet or a consent form before you send it."),
        action_label=_("Check a document"),
        action_url=reverse("checks:check"),
        order=40,
    )
