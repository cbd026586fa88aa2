"""Who sees what in the incubator: every page and API view starts from one of these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import Role, User
from tandem.directory.models import DiseaseArea, Institute, RegionalOffice
from tandem.governance.models import Mandate
from tandem.governance.queries import is_member as is_gram_member
from tandem.incubator.models import (
    SUPPORT_CLOSED,
    Contribution,
    GroupPost,
    Project,
    ProjectStage,
    Resource,
    ResourceLanguage,
    ResourceVersion,
    ResourceVisibility,
    SupportRequest,
    TimelineEntry,
    WorkingGroup,
)

# The department's staff manage everything; the portfolio's readers see every project: these
# roles, and the GRAM's members, whose membership comes from a mandate current today (read
# from the mandates each time, never from a role: `reads_portfolio`).
STAFF = (Role.OFFICER, Role.ADMIN)
PORTFOLIO = (Role.OFFICER, Role.ADMIN, Role.DIRECTOR)


def is_staff(user: User) -> bool:
    return bool(user.is_authenticated) and user.has_role(*STAFF)


def reads_portfolio(user: User) -> bool:
    """The portfolio's readers: the department's staff, the director, and whoever holds a
    GRAM mandate today (a former member no longer reads it; a "gram" role alone does not)."""
    if not user.is_authenticated:
        return False
    return user.has_role(*PORTFOLIO) or is_gram_member(user)


def _inner(user: User | int | OuterRef) -> User | int | OuterRef:
    """The person, as the subqueries below name it: a reference to an outer query's person is
    one level further out from inside them."""
    return OuterRef(user) if isinstance(user, OuterRef) else user


def _among(relation: Any, user: User | int | OuterRef) -> Q:
    """Projects whose many-to-many `relation` (a field of Project) holds the person, as an
    `IN (subquery)` rather than a join: a join per relation, OR-ed, multiplied the rows read
    (every project × its researchers × its organizations' members × its followers …) and
    needed a DISTINCT; each subquery is read once, by an index."""
    links = relation.through.objects.filter(user=_inner(user))
    return Q(pk__in=links.values("project_id"))


def involved(user: User | int | OuterRef) -> Q:
    """Who is involved in a project, following it or not (a filter on projects; a person, their
    id, or a reference to it in an outer query)."""
    members = Project.organizations.through.objects.filter(
        organization__memberships__user=_inner(user)
    )
    return (
        Q(proposed_by=user)
        | Q(officer=user)
        | _among(Project.researchers, user)
        | Q(pk__in=members.values("project_id"))
    )


def participant(user: User | int) -> Q:
    """Who takes part in a project (a filter on projects; a person or their id)."""
    return involved(user) | _among(Project.followers, user)


def linked_staff(user: User | int | OuterRef) -> Q:
    """The projects linked to a theme-based institute or a regional office this person works
    for (a filter on projects): its staff see them and may follow them, without taking part.
    Active accounts only: a closed account still on a staff is nobody's linked staff, so it is
    not kept following by `services.stop_following_when_unlinked`."""
    person = _inner(user)
    institutes = Institute.staff.through.objects.filter(user=person, user__is_active=True)
    offices = RegionalOffice.staff.through.objects.filter(user=person, user__is_active=True)
    return Q(institute__in=institutes.values("institute_id")) | Q(
        regional_office__in=offices.values("regionaloffice_id")
    )


def projects_of(user: User) -> QuerySet[Project]:
    """The projects a person may open: all for the portfolio's readers; otherwise those they
    take part in (proposed, involved as researcher or through their organization, followed),
    those linked to the institute or regional office they work for, and the public ones."""
    projects = Project.objects.select_related("officer", "institute", "regional_office")
    if not user.is_authenticated:
        return projects.filter(is_public=True)
    if user.has_role(*PORTFOLIO):
        return projects
    return projects.filter(pk__in=visible_ids(user, timezone.localdate()))


def visible_ids(person: User | int, today: dt.date) -> QuerySet[Project, Any]:
    """The ids of the projects a person who is not a portfolio reader by role may open (a
    person or their id: the home page's prepared query passes the id)."""
    # A GRAM member by a mandate current today reads them all: asked in the same query, so
    # that a member's home page does not pay a query more for it.
    holds_a_mandate = Exists(
        Mandate.objects.filter(person=person, start__lte=today, end__gte=today)
    )
    return Project.objects.filter(
        participant(person) | linked_staff(person) | Q(is_public=True) | Q(holds_a_mandate)
    ).values("pk")


def is_participant(user: User, project: Project) -> bool:
    """Whether a person takes part in a project: proposed it, works on it as a researcher or
    through their organization, or is its officer. Following is not taking part: anyone with a
    role may follow a public project, to hear of its stages, which opens nothing of its inside
    (its timeline, contributions, agreements and support requests)."""
    if not user.is_authenticated:
        return False
    return Project.objects.filter(involved(user), pk=project.pk).exists()


def may_follow(user: User, project: Project) -> bool:
    """Who may follow a project they see: people with a role, and the staff of the institute
    or regional office it is linked to (who may have no role in Tandem)."""
    if not user.is_authenticated:
        return False
    if user.role_codes:
        return True
    return Project.objects.filter(linked_staff(user), pk=project.pk).exists()


def projects_inside(user: User) -> QuerySet[Project]:
    """The projects whose inside a person reads: the timeline (notes, decisions, documents) and
    the volunteers' contributions. Those who take part (`is_participant`: not its followers)
    and the department's officers only; whoever else may open a project (followers, linked
    staff, the portfolio's readers, anyone for a public project) sees its public part, and 404
    for its timeline and its documents."""
    if not user.is_authenticated:
        return Project.objects.none()
    if user.has_perm("incubator.manage_projects"):
        return Project.objects.all()
    return Project.objects.filter(involved(user))


def takes_part(user: User, project: Project) -> bool:
    """Whether a person reads a project's inside (and writes in its timeline): the one rule of
    its page, its downloads, its agreements, its support requests and the API, as
    `projects_inside` says for many projects."""
    return user.has_perm("incubator.manage_projects") or is_participant(user, project)


def timeline_of(user: User) -> QuerySet[TimelineEntry]:
    """The timeline entries a person reads, with their project: those of `projects_inside`."""
    return TimelineEntry.objects.filter(
        project__in=projects_inside(user).values("pk")
    ).select_related("project", "author")


def public_projects() -> QuerySet[Project]:
    return Project.objects.filter(is_public=True).prefetch_related("disease_areas")


def project_list(projects: QuerySet[Project]) -> QuerySet[Project]:
    """A list's joins: constant queries whatever the number of rows."""
    return projects.select_related("officer", "institute", "regional_office").prefetch_related(
        "disease_areas"
    )


def support_requests_of(user: User) -> QuerySet[SupportRequest]:
    """Staff see every request; others the ones they asked, own, or that belong to a
    project they take part in."""
    requests = SupportRequest.objects.select_related("project", "owner", "requested_by")
    if user.has_role(*STAFF):
        return requests
    ids = SupportRequest.objects.filter(
        Q(requested_by=user)
        | Q(owner=user)
        | Q(project__in=Project.objects.filter(participant(user)).values("pk"))
    ).values("pk")
    return requests.filter(pk__in=ids)


def officer_queue() -> QuerySet[SupportRequest]:
    """Open requests, overdue first then by due date."""
    return (
        SupportRequest.objects.exclude(status__in=SUPPORT_CLOSED)
        .select_related("project", "owner", "requested_by")
        .order_by("due_on", "pk")
    )


def resources_for(user: User) -> QuerySet[Resource]:
    """The library as this person sees it: public resources for everyone, members' ones for
    people with a role, staff ones for the department's staff. Only resources with a version."""
    resources = Resource.objects.filter(latest__isnull=False).select_related("latest")
    if not user.is_authenticated:
        return resources.filter(visibility=ResourceVisibility.PUBLIC)
    if user.has_role(*STAFF):
        return resources
    if user.role_codes:
        return resources.exclude(visibility=ResourceVisibility.STAFF)
    return resources.filter(visibility=ResourceVisibility.PUBLIC)


def filter_resources(
    resources: QuerySet[Resource], *, q: str = "", kind: str = "", language: str = ""
) -> QuerySet[Resource]:
    """The library's search and filters, shared by the page and the API: words in the title
    or summary, a kind, a language (a bilingual resource is found in both)."""
    for word in q.split()[:10]:
        resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    if kind:
        resources = resources.filter(kind=kind)
    if language:
        resources = resources.filter(language__in=[language, ResourceLanguage.BOTH])
    return resources


def versions_of(resource: Resource) -> QuerySet[ResourceVersion]:
    return resource.versions.select_related("created_by")


PUBLIC_GROUP = Q(is_public=True)  # the groups the department shows the public


def public_groups() -> QuerySet[WorkingGroup]:
    """The working groups anyone reads, signed in or not (their public page: the name, the
    purpose and who coordinates), by name."""
    return (
        WorkingGroup.objects.filter(PUBLIC_GROUP)
        .select_related("coordinator")
        .order_by("name", "pk")
    )


def working_groups_for(user: User) -> QuerySet[WorkingGroup]:
    """Public groups for everyone; a member's own groups; every group for staff."""
    groups = (
        WorkingGroup.objects.select_related("coordinator")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("name", "pk")
    )
    if not user.is_authenticated:
        return groups.filter(PUBLIC_GROUP)
    if user.has_role(*STAFF):
        return groups
    ids = WorkingGroup.objects.filter(PUBLIC_GROUP | Q(members=user)).values("pk")
    return groups.filter(pk__in=ids)


def is_group_member(user: User, group: WorkingGroup) -> bool:
    return bool(user.is_authenticated) and group.members.filter(pk=user.pk).exists()


def runs_group(user: User, group: WorkingGroup) -> bool:
    return group.coordinator_id == user.pk or bool(user.has_perm("incubator.manage_groups"))


def reads_group_files(user: User, group: WorkingGroup) -> bool:
    """Who downloads the files posted to a group (the page and the API): its members, its
    coordinator and the department."""
    return is_group_member(user, group) or runs_group(user, group)


def group_posts(group: WorkingGroup) -> QuerySet[GroupPost]:
    return group.posts.select_related("author")


def contributions_of(user: User) -> QuerySet[Contribution]:
    return Contribution.objects.filter(volunteer=user).select_related("project")


def project_detail(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.prefetch_related(
        "disease_areas",
        "organizations",
        "researchers",
        "units",
        "milestones",
        Prefetch("support_requests", queryset=SupportRequest.objects.select_related("owner")),
    )


# --- The portfolio ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioRow:
    """A number of projects under a stage (`key`: its code), an institute, a regional office
    or a disease area (`key`: its id; None and no `label` for the projects not linked yet)."""

    key: int | str | None
    label: str | None
    projects: int


@dataclass(frozen=True)
class Portfolio:
    by_stage: list[PortfolioRow]
    by_institute: list[PortfolioRow]
    by_office: list[PortfolioRow]
    by_area: list[PortfolioRow]
    total: int


def _counts(field: str) -> dict[Any, int]:
    return dict(Project.objects.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def _rows(counts: dict[Any, int], names: dict[Any, str]) -> list[PortfolioRow]:
    rows = [PortfolioRow(key, names.get(key), n) for key, n in counts.items()]
    return sorted(rows, key=lambda r: -r.projects)


def portfolio() -> Portfolio:
    """Every project counted by stage (each stage, even empty), theme-based institute, regional
    office and disease area, for the portfolio's readers (its page and the API): a handful of
    grouped counts, whatever the number of projects."""
    stages = _counts("stage")
    institutes = _counts("institute")
    offices = _counts("regional_office")
    areas: dict[int, int] = {
        row["diseasearea_id"]: row["n"]
        for row in Project.disease_areas.through.objects.values("diseasearea_id").annotate(
            n=Count("id")
        )
    }
    institute_names = {
        i.pk: str(i) for i in Institute.objects.filter(pk__in=[k for k in institutes if k])
    }
    office_names = {
        o.pk: str(o) for o in RegionalOffice.objects.filter(pk__in=[k for k in offices if k])
    }
    area_names = {a.pk: a.name for a in DiseaseArea.objects.filter(pk__in=list(areas))}
    return Portfolio(
        by_stage=[
            PortfolioRow(code, str(label), stages.get(code, 0))
            for code, label in ProjectStage.choices
        ],
        by_institute=_rows(institutes, institute_names),
        by_office=_rows(offices, office_names),
        by_area=_rows(areas, area_names),
        total=sum(stages.values()),
    )
