from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.checks.queries import history_of
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.core.prepared import PreparedQuery

# Every home of a researcher, reviewer, coordinator or officer runs it: its SQL is written
# once per process (`PreparedQuery`), its rows read on each visit.
RECENT_CHECKS = PreparedQuery(
    lambda person: history_of(person).only("pk", "title", "score", "status")[:3],
    person=models.IntegerField(),
)


@register_panel
def recent_checks(user: User) -> Panel | None:
    if not user.has_role("researcher", "reviewer", "coordinator", "officer"):
        return None
    checks = RECENT_CHECKS.objects(person=user.pk)
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
