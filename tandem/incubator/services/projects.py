"""Projects: proposing one, its details, partners, officer and links, following it, and
showing it on the public page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import Role, User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.directory.models import Institute, RegionalOffice
from tandem.incubator import queries
from tandem.incubator.models import Project, ProjectStage, SupportKind
from tandem.incubator.services.common import notify_later, officers

if TYPE_CHECKING:
    from tandem.directory.models import (
        DiseaseArea,
        Organization,
        ResearchUnit,
    )


def propose_project(
    by: User,
    *,
    title: str,
    question: str,
    why_it_matters: str,
    help_needed: list[str],
    disease_areas: Iterable[DiseaseArea] = (),
    organizations: Iterable[Organization] = (),
    researchers: Iterable[User] = (),
    units: Iterable[ResearchUnit] = (),
) -> Project:
    """Record a proposed project at the idea stage. Logs `incubator.project.proposed`;
    tells the officers after the commit."""
    unknown = set(help_needed) - set(SupportKind.values)
    if unknown:
        raise DomainError(_("Unknown kind of help."), code="invalid_help")
    with transaction.atomic():
        project = Project.objects.create(
            title=title.strip(),
            question=question,
            why_it_matters=why_it_matters,
            help_needed=sorted(set(help_needed)),
            proposed_by=by,
        )
        project.disease_areas.set(list(disease_areas))
        project.organizations.set(list(organizations))
        project.researchers.set(list(researchers))
        project.units.set(list(units))
        project.followers.add(by)
        log_action(project, "incubator.project.proposed", by=by)
        notify_later(
            officers(),
            kind="incubator.project",
            title=gettext_noop("A participatory project is proposed: %(title)s"),
            params={"title": project.title},
            url=project.get_absolute_url(),
        )
    return project


# The fields an officer (or the proposer) edits on the project's page.
EDITABLE = (
    "title",
    "question",
    "why_it_matters",
    "purpose",
    "duration_months",
    "data_handling",
    "publication",
    "volunteer_compensation",
    "public_summary",
)


def update_project(project: Project, *, by: User, changes: dict[str, object]) -> Project:
    """Change a project's details. Logs `incubator.project.updated` with the fields' names."""
    fields = sorted(set(changes))
    if set(fields) - set(EDITABLE):
        raise DomainError(_("These details cannot be changed here."), code="not_editable")
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if project.stage == ProjectStage.CLOSED:
            raise DomainError(_("This project is closed."), code="closed")
        for name in fields:
            setattr(project, name, changes[name])
        project.save(update_fields=[*fields, "updated"])
        log_action(project, "incubator.project.updated", by=by, data={"fields": fields})
    return project


def add_partner(
    project: Project,
    *,
    by: User,
    organization: Organization | None = None,
    researcher: User | None = None,
) -> Project:
    """Involve an organization (often one the matching suggests) or a researcher. Logs
    `incubator.project.partner_added`."""
    if researcher is not None and not researcher.has_role(Role.RESEARCHER):
        raise DomainError(_("This person is not a researcher in Tandem."), code="not_researcher")
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if organization is not None:
            project.organizations.add(organization)
        if researcher is not None:
            project.researchers.add(researcher)
        log_action(
            project,
            "incubator.project.partner_added",
            by=by,
            data={
                "organization": organization.pk if organization else None,
                "researcher": researcher.pk if researcher else None,
            },
        )
    return project


def assign_officer(project: Project, *, officer: User, by: User) -> Project:
    """Make `officer` the project's officer. Logs `incubator.project.officer_assigned`;
    tells the officer after the commit."""
    if not officer.has_role(Role.OFFICER):
        raise DomainError(
            _("Only a Science and Society officer can follow a project."), code="not_officer"
        )
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if project.officer_id == officer.pk:
            return project
        project.officer = officer
        project.save(update_fields=["officer", "updated"])
        project.followers.add(officer)
        log_action(
            project, "incubator.project.officer_assigned", by=by, data={"officer": officer.pk}
        )
        notify_later(
            [officer],
            kind="incubator.project",
            title=gettext_noop("You follow the project “%(title)s”."),
            params={"title": project.title},
            url=project.get_absolute_url(),
        )
    return project


def link_project(
    project: Project,
    *,
    institute: Institute | None,
    regional_office: RegionalOffice | None,
    by: User,
) -> Project:
    """Link the theme-based institute and the regional office concerned: their staff then
    see the project and may follow it. Staff who lose the link stop following it unless they
    are involved otherwise (they could no longer see it). Logs `incubator.project.linked`;
    tells the staff newly linked after the commit. The project, then the institute, then the
    office are locked and read again: a staff changed at the same moment
    (`directory.reference_data.save_reference`, which locks the place) is read once committed,
    so nobody keeps following through a link they just lost."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if institute is not None:
            institute = Institute.objects.select_for_update().get(pk=institute.pk)
        if regional_office is not None:
            regional_office = RegionalOffice.objects.select_for_update().get(pk=regional_office.pk)
        before = set(
            _staff(project.institute, project.regional_office).values_list("pk", flat=True)
        )
        project.institute = institute
        project.regional_office = regional_office
        project.save(update_fields=["institute", "regional_office", "updated"])
        after = set(_staff(institute, regional_office).values_list("pk", flat=True))
        stop_following_when_unlinked([project], before - after)
        log_action(
            project,
            "incubator.project.linked",
            by=by,
            data={
                "institute": institute.pk if institute else None,
                "regional_office": regional_office.pk if regional_office else None,
            },
        )
        notify_later(
            _staff(institute, regional_office).exclude(pk__in=before),
            kind="incubator.project",
            title=gettext_noop(
                "The project “%(title)s” is linked to your institute or regional office: "
                "you can follow it."
            ),
            url=project.get_absolute_url(),
            params={"title": project.title},
        )
    return project


def stop_following_when_unlinked(projects: Iterable[Project], people: Iterable[int]) -> None:
    """The one rule for staff who lose their link to a project, because the project was
    unlinked from their institute or office (`link_project`) or because they were taken off
    its staff (the directory's `staff_removed`): each of `people` who follows one of
    `projects` stops following it, unless they are still on the staff of a place linked to it
    or involved in it another way. Called inside the caller's transaction, after the change."""
    people, ids = list(people), [project.pk for project in projects]
    if not people or not ids:
        return
    # One DELETE of the follows whose person neither is involved nor linked staff: the rule
    # asked per follow (as a correlated subquery), not a query per person and project.
    follow = Project.followers.through
    person = OuterRef("user_id")
    keeps = Project.objects.filter(
        queries.involved(person) | queries.linked_staff(person), pk=OuterRef("project_id")
    )
    follow.objects.filter(project_id__in=ids, user_id__in=people).exclude(Exists(keeps)).delete()


def stop_following_when_taken_off_staff(
    sender: type[Institute | RegionalOffice],
    *,
    place: Institute | RegionalOffice,
    people: list[int],
    **_kwargs: Any,
) -> None:
    """The directory's `staff_removed`: the projects linked to the place, by the rule above."""
    linked = Q(institute=place) if isinstance(place, Institute) else Q(regional_office=place)
    projects = Project.objects.filter(linked, followers__in=people).distinct()
    stop_following_when_unlinked(projects, people)


def _staff(institute: Institute | None, regional_office: RegionalOffice | None) -> Any:
    """The active staff of an institute and of a regional office (either may be missing)."""
    # Never a filter on None: on a many-to-many it would mean "people of no institute".
    linked = Q(pk__in=[])
    if institute is not None:
        linked |= Q(institutes_staffed=institute)
    if regional_office is not None:
        linked |= Q(regional_offices_staffed=regional_office)
    return User.objects.filter(linked, is_active=True).distinct()


def follow_project(project: Project, *, by: User, follow: bool = True) -> None:
    """Start (or stop) receiving the project's stage changes. Logs nothing: it changes only
    what the person is told."""
    with transaction.atomic():
        if follow:
            project.followers.add(by)
        else:
            project.followers.remove(by)


def publish_project(project: Project, *, public: bool, by: User) -> Project:
    """Show (or hide) the project on the public page. A public project needs a summary for
    the public. Logs `incubator.project.published` or `.unpublished`."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        if public and not project.public_summary.strip():
            raise DomainError(
                _("Write a summary for the public before making the project public."),
                code="no_summary",
            )
        if project.is_public == public:
            return project
        project.is_public = public
        project.save(update_fields=["is_public", "updated"])
        log_action(
            project,
            "incubator.project.published" if public else "incubator.project.unpublished",
            by=by,
        )
    return project
