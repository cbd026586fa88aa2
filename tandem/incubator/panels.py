from __future__ import annotations

from django.db import models
from django.db.models import F
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.core.portfolio import PortfolioSection, register_portfolio_section
from tandem.core.prepared import PreparedQuery
from tandem.incubator import queries
from tandem.incubator.models import Contribution, Project, ProjectStage

# Every signed-in home runs these: their SQL is written once per process (`PreparedQuery`),
# their rows read on each visit. The same rules as `queries.projects_of`/`contributions_of`.
EVERY_PROJECT = PreparedQuery(lambda: Project.objects.values_list("pk", "title", "stage")[:4])
VISIBLE_PROJECTS = PreparedQuery(
    lambda person, today: Project.objects.filter(
        pk__in=queries.visible_ids(person, today)
    ).values_list("pk", "title", "stage")[:4],
    person=models.IntegerField(),
    today=models.DateField(),
)
CONTRIBUTIONS = PreparedQuery(
    lambda person: (
        Contribution.objects.filter(volunteer_id=person)
        .annotate(project_title=F("project__title"))
        .only("pk", "project_id", "role", "hours")[:3]
    ),
    person=models.IntegerField(),
)

# `queries.officer_queue`, only what the panel shows.
SUPPORT_QUEUE = PreparedQuery(
    lambda: (
        queries.officer_queue().select_related(None).only("pk", "subject", "status", "due_on")[:4]
    )
)


@register_panel
def my_projects(user: User) -> Panel | None:
    """Projects a person takes part in (all for the portfolio's readers)."""
    if not user.has_role(Role.MEMBER, Role.RESEARCHER, *queries.PORTFOLIO) and not (
        queries.reads_portfolio(user)
    ):
        return None
    if user.has_role(*queries.PORTFOLIO):  # `queries.projects_of`: they read every project
        rows = EVERY_PROJECT.rows()
    else:
        rows = VISIBLE_PROJECTS.rows(person=user.pk, today=timezone.localdate())
    stages = dict(ProjectStage.choices)
    return Panel(
        title=_("Participatory projects"),
        items=[
            Item(
                text=title,
                url=reverse("incubator:project", args=[pk]),
                detail=str(stages.get(stage, stage)),
            )
            for pk, title, stage in rows
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
    requests = SUPPORT_QUEUE.objects()
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
    contributions = CONTRIBUTIONS.objects(person=user.pk)
    if not contributions:
        return None
    return Panel(
        title=_("My contributions to research"),
        items=[
            Item(
                text=c.project_title,  # type: ignore[attr-defined]
                url=reverse("incubator:project", args=[c.project_id]),
                # As the profile writes them: "2 h", "2,5 h" in French.
                detail=_("%(role)s, %(hours)s h")
                % {"role": c.role, "hours": floatformat(c.hours, -1)},
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
