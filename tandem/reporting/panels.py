"""The indicators on the signed-in home page. The director's home is the dashboard: its
panel comes first and shows the year's headline figures, each a link to its chart and table;
officers and the GRAM's members get the same panel among their others."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.reporting.dashboard import headlines
from tandem.reporting.rules import reads_indicators
from tandem.reporting.scope import Period, Scope
from tandem.reporting.sections import figure_text, unit_label

HEADLINES = (
    "partners",
    "projects-by-stage",
    "review-requests",
    "reviews-on-time",
    "event-registrations",
    "gram-meetings",
    "gram-actions",
)


@register_panel
def indicators(user: User) -> Panel | None:
    if not reads_indicators(user):
        return None
    year = timezone.localdate().year
    # Its own few figures (cached apart), not the whole dashboard: this is every staff home.
    found = {f.indicator.slug: f for f in headlines(Scope(Period.year(year)), HEADLINES)}
    url = reverse("reporting:dashboard")
    items = []
    for slug in HEADLINES:
        if (figure := found.get(slug)) is None:
            continue
        items.append(
            Item(
                text=str(figure.indicator.title),
                url=f"{url}#indicator-{slug}",
                detail=f"{figure_text(figure.result.value)} {unit_label(figure.indicator.unit)}".strip(),
            )
        )
    return Panel(
        title=_("Indicators %(year)s") % {"year": year},
        items=items,
        action_label=_("Every indicator, with charts and tables"),
        action_url=url,
        # First on the director's home, which is this dashboard; among the others for staff.
        order=1 if user.has_role(Role.DIRECTOR) else 40,
    )
