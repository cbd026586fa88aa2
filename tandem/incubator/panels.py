from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.portfolio import PortfolioSection, register_portfolio_section
from tandem.incubator import queries


@register_panel
def my_projects(user: User) -> Panel | None:
    """Projects a person takes part in (all for the portfolio's readers)."""
    if not user.has_role(Role.MEMBER, Role.RESEARCHER, *queries.PORTFOLIO) and not (
        queries.reads_portfolio(user)
    ):
        return None
    projects = list(queries.projects_of(user).select_related(None).only("pk", "title", "stage")[:4])
    return Panel(
        title=_("Participatory projects"),
        items=[
            Item(text=p.title, url=p.get_absolute_url(), detail=p.get_stage_display())
            for p in projects
        ],
        empty=_("Propose a research project with researchers and patient organizations."),
        action_label=_("Propose a project"),
        action_url=reverse("incubator:propose"),
        order=45,
    )


@register_panel
def support_queue(user: User) -> Panel | None:
    """The officers' open support requests, overdue first."""
    if not user.has_role(*queries.STAFF):
        return None
    requests = list(queries.officer_queue()[:4])
    return Panel(
        title=_("Support requests to handle"),
        items=[
            Item(
                text=r.subject,
                url=r.get_absolute_url(),
                detail=_("overdue") if r.is_overdue else r.get_status_display(),
            )
            for r in requests
        ],
        empty=_("No open support request."),
        action_label=_("The queue"),
        action_url=reverse("incubator:queue"),
        order=46,
    )


@register_panel
def my_contributions(user: User) -> Panel | None:
    """A volunteer's contributions to projects."""
    contributions = list(queries.contributions_of(user)[:3])
    if not contributions:
        return None
    return Panel(
        title=_("My contributions to research"),
        items=[
            Item(
                text=c.project.title,
                url=c.project.get_absolute_url(),
                detail=_("%(role)s, %(hours)s h") % {"role": c.role, "hours": c.hours},
            )
            for c in contributions
        ],
        action_label=_("All my contributions"),
        action_url=reverse("incubator:contributions"),
        order=47,
    )


@register_portfolio_section
def contributions(user: User) -> PortfolioSection | None:
    """The person's contributions to participatory projects (the profile page), with the
    total of hours; nothing when there is none."""
    rows = list(queries.contributions_of(user)[:50])
    if not rows:
        return None
    return PortfolioSection(
        key="contributions",
        title=_("My contributions to participatory projects"),
        template="incubator/_portfolio_contributions.html",
        context={"contributions": rows, "total": sum((c.hours for c in rows), start=0)},
        order=20,
    )
