"""Writes of the incubator: one function per state change (docs/adding-a-module.md, 3).

Each takes its own transaction, locks and re-reads the row it changes, refuses with a
translated DomainError (writing nothing), logs its action and sends its notifications after
the commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Role, User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.notifications import notify
from tandem.core.transitions import Workflow
from tandem.core.uploads import clean_filename
from tandem.incubator import agreements
from tandem.incubator.models import (
    PROJECT_TRANSITIONS,
    SUPPORT_TRANSITIONS,
    Agreement,
    AgreementVersion,
    Contribution,
    EntryKind,
    GroupPost,
    Milestone,
    PostKind,
    Project,
    ProjectStage,
    Resource,
    ResourceKind,
    ResourceVersion,
    Signature,
    SupportKind,
    SupportRequest,
    SupportStatus,
    TimelineEntry,
    WorkingGroup,
)
from tandem.incubator.stages import STAGES, missing_items

if TYPE_CHECKING:
    from tandem.directory.models import (
        DiseaseArea,
        Institute,
        Organization,
        RegionalOffice,
        ResearchUnit,
    )

PROJECT_WORKFLOW = Workflow(
    states=ProjectStage,
    table=PROJECT_TRANSITIONS,
    field="stage",
    message=_("A project cannot go from “%(from)s” to “%(to)s”."),
    messages={ProjectStage.CLOSED: _("This project is closed.")},
)
SUPPORT_WORKFLOW = Workflow(
    states=SupportStatus,
    table=SUPPORT_TRANSITIONS,
    message=_("A support request cannot go from “%(from)s” to “%(to)s”."),
)

STAFF_ROLES = (Role.OFFICER, Role.ADMIN)


def _officers() -> list[User]:
    return list(User.objects.filter(role_assignments__role=Role.OFFICER, is_active=True))


def _notify_later(people: Iterable[User], *, kind: str, title: str, url: str) -> None:
    recipients = list({p.pk: p for p in people}.values())

    def send() -> None:
        for person in recipients:
            notify(person, kind=kind, title=title, url=url)

    transaction.on_commit(send)


# --- Projects --------------------------------------------------------------------------------


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
        _notify_later(
            _officers(),
            kind="incubator.project",
            title=str(
                _("A participatory project is proposed: %(title)s") % {"title": project.title}
            ),
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
        _notify_later(
            [officer],
            kind="incubator.project",
            title=str(_("You follow the project “%(title)s”.") % {"title": project.title}),
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
    """Link the theme-based institute and the regional office concerned. Logs
    `incubator.project.linked`."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        project.institute = institute
        project.regional_office = regional_office
        project.save(update_fields=["institute", "regional_office", "updated"])
        log_action(
            project,
            "incubator.project.linked",
            by=by,
            data={
                "institute": institute.pk if institute else None,
                "regional_office": regional_office.pk if regional_office else None,
            },
        )
    return project


def follow_project(project: Project, *, by: User, follow: bool = True) -> None:
    """Start (or stop) receiving the project's stage changes. Logs nothing: it changes only
    what the person is told."""
    with transaction.atomic():
        if follow:
            project.followers.add(by)
        else:
            project.followers.remove(by)


def tick_checklist(project: Project, *, done: list[str], by: User) -> Project:
    """Set which items of the current stage's checklist are done. Logs
    `incubator.project.checklist`."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        known = STAGES[project.stage].codes
        if set(done) - known:
            raise DomainError(_("This item is not on the stage's checklist."), code="unknown_item")
        project.checklist_done = sorted(set(done))
        project.save(update_fields=["checklist_done", "updated"])
        log_action(
            project, "incubator.project.checklist", by=by, data={"done": project.checklist_done}
        )
    return project


class ChecklistIncomplete(DomainError):
    """A move with items of the checklist not done, not confirmed: the page asks."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            _("The checklist of this stage is not complete: %(items)s. Confirm to move on anyway.")
            % {"items": "; ".join(missing)},
            code="checklist_incomplete",
        )
        self.missing = missing


def move_project(
    project: Project, *, to: str, by: User, confirm_incomplete: bool = False, note: str = ""
) -> Project:
    """Move a project to another stage. Moving to the next stage with checklist items not done
    is refused (ChecklistIncomplete) unless confirmed; the confirmation is recorded in the
    timeline and the log. Logs `incubator.project.moved`; tells the followers after the
    commit."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        previous = project.stage
        PROJECT_WORKFLOW.check(previous, to)
        # The checklist guards the move to the next stage; going back, or stopping a project
        # early, asks nothing.
        next_stage = ProjectStage.values.index(to) == ProjectStage.values.index(previous) + 1
        missing = missing_items(previous, project.checklist_done) if next_stage else []
        if missing and not confirm_incomplete:
            raise ChecklistIncomplete(missing)
        PROJECT_WORKFLOW.apply(project, to)
        project.checklist_done = []
        project.save(update_fields=["stage", "checklist_done", "updated"])
        text = note.strip()
        if missing:
            text = str(
                _("Moved on with the checklist incomplete (confirmed): %(items)s.")
                % {"items": "; ".join(missing)}
            ) + (f"\n{text}" if text else "")
        TimelineEntry.objects.create(project=project, kind=EntryKind.STAGE, text=text, author=by)
        log_action(
            project,
            "incubator.project.moved",
            by=by,
            data={"from": previous, "to": to, "confirmed_incomplete": len(missing)},
        )
        followers = [f for f in project.followers.all() if f.pk != by.pk]
        _notify_later(
            followers,
            kind="incubator.project",
            title=str(
                _("“%(title)s” is now at the stage “%(stage)s”.")
                % {"title": project.title, "stage": ProjectStage(to).label}
            ),
            url=project.get_absolute_url(),
        )
    return project


def add_timeline_entry(
    project: Project,
    *,
    kind: str,
    text: str,
    by: User,
    upload: UploadedFile | None = None,
    file_kind: str = "",
) -> TimelineEntry:
    """Add a note, a decision or a document (checked by the form) to the timeline. Logs
    `incubator.timeline.added`."""
    if kind not in (EntryKind.NOTE, EntryKind.DECISION, EntryKind.DOCUMENT):
        raise DomainError(_("Unknown kind of entry."), code="invalid_kind")
    if kind == EntryKind.DOCUMENT and upload is None:
        raise DomainError(_("Choose the document to add."), code="no_file")
    if not text.strip() and upload is None:
        raise DomainError(_("Write something to add."), code="empty")
    with transaction.atomic():
        entry = TimelineEntry(project=project, kind=kind, text=text.strip(), author=by)
        if upload is not None:
            entry.original_filename = clean_filename(upload.name or "")
            entry.file_kind = file_kind
            entry.file.save("upload", upload, save=False)
        entry.save()
        log_action(project, "incubator.timeline.added", by=by, data={"kind": kind})
    return entry


def add_milestone(project: Project, *, title: str, due_on: dt.date, by: User) -> Milestone:
    """Add a dated milestone. Logs `incubator.milestone.added`."""
    with transaction.atomic():
        milestone = Milestone.objects.create(project=project, title=title.strip(), due_on=due_on)
        log_action(project, "incubator.milestone.added", by=by, data={"milestone": milestone.pk})
    return milestone


def complete_milestone(milestone: Milestone, *, on: dt.date, by: User) -> Milestone:
    """Mark a milestone reached. Logs `incubator.milestone.done`."""
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        if milestone.done_on is not None:
            return milestone
        milestone.done_on = on
        milestone.save(update_fields=["done_on", "updated"])
        log_action(
            milestone.project, "incubator.milestone.done", by=by, data={"milestone": milestone.pk}
        )
    return milestone


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


def record_contribution(
    project: Project, *, volunteer: User, role: str, hours: Decimal, on: dt.date, by: User
) -> Contribution:
    """Record a volunteer's time on a project. Logs `incubator.contribution.recorded`."""
    if hours <= 0:
        raise DomainError(_("The number of hours must be positive."), code="invalid_hours")
    with transaction.atomic():
        contribution = Contribution.objects.create(
            project=project,
            volunteer=volunteer,
            role=role.strip(),
            hours=hours,
            on=on,
            recorded_by=by,
        )
        log_action(
            project,
            "incubator.contribution.recorded",
            by=by,
            data={"contribution": contribution.pk, "hours": str(hours)},
        )
    return contribution


# --- Support requests ------------------------------------------------------------------------


def request_support(
    by: User,
    *,
    kind: str,
    subject: str,
    description: str,
    project: Project | None = None,
    due_on: dt.date | None = None,
) -> SupportRequest:
    """Open a support request, inside a project or on its own. Logs
    `incubator.support.requested`; tells the officers after the commit."""
    if kind not in SupportKind.values:
        raise DomainError(_("Unknown kind of help."), code="invalid_kind")
    with transaction.atomic():
        support = SupportRequest.objects.create(
            project=project,
            kind=kind,
            subject=subject.strip(),
            description=description,
            requested_by=by,
            due_on=due_on,
        )
        log_action(support, "incubator.support.requested", by=by, data={"kind": kind})
        _notify_later(
            _officers(),
            kind="incubator.support",
            title=str(_("New support request: %(subject)s") % {"subject": support.subject}),
            url=support.get_absolute_url(),
        )
    return support


def take_support_request(support: SupportRequest, *, by: User) -> SupportRequest:
    """An officer takes an open request: they own it, it is in progress. A request someone
    else took in the meantime is refused. Logs `incubator.support.taken`."""
    with transaction.atomic():
        support = SupportRequest.objects.select_for_update().get(pk=support.pk)
        if support.owner_id is not None and support.owner_id != by.pk:
            raise DomainError(
                _("%(name)s has already taken this request.")
                % {"name": support.owner.get_full_name() if support.owner else ""},
                code="already_taken",
            )
        if support.owner_id == by.pk and support.status == SupportStatus.IN_PROGRESS:
            return support
        SUPPORT_WORKFLOW.apply(support, SupportStatus.IN_PROGRESS)
        support.owner = by
        support.save(update_fields=["status", "owner", "updated"])
        log_action(support, "incubator.support.taken", by=by)
        if support.requested_by:
            _notify_later(
                [support.requested_by],
                kind="incubator.support",
                title=str(
                    _("%(name)s takes care of your request “%(subject)s”.")
                    % {"name": by.get_full_name(), "subject": support.subject}
                ),
                url=support.get_absolute_url(),
            )
    return support


def assign_support_request(
    support: SupportRequest, *, owner: User, due_on: dt.date | None, by: User
) -> SupportRequest:
    """Give a request an owner (an officer) and a due date. Logs
    `incubator.support.assigned`."""
    if not owner.has_role(Role.OFFICER):
        raise DomainError(
            _("Only a Science and Society officer can own a request."), code="not_officer"
        )
    with transaction.atomic():
        support = SupportRequest.objects.select_for_update().get(pk=support.pk)
        if support.status == SupportStatus.CANCELLED:
            raise DomainError(_("This request is cancelled."), code="cancelled")
        support.owner = owner
        support.due_on = due_on
        support.save(update_fields=["owner", "due_on", "updated"])
        log_action(support, "incubator.support.assigned", by=by, data={"owner": owner.pk})
        if owner.pk != by.pk:
            _notify_later(
                [owner],
                kind="incubator.support",
                title=str(
                    _("A support request is yours: %(subject)s") % {"subject": support.subject}
                ),
                url=support.get_absolute_url(),
            )
    return support


def move_support_request(
    support: SupportRequest, *, to: str, by: User, note: str = ""
) -> SupportRequest:
    """Change a request's status along its workflow. Logs `incubator.support.moved`; tells
    the requester after the commit."""
    with transaction.atomic():
        support = SupportRequest.objects.select_for_update().get(pk=support.pk)
        previous = support.status
        SUPPORT_WORKFLOW.apply(support, to)
        if to == SupportStatus.IN_PROGRESS and support.owner_id is None:
            support.owner = by
        support.save(update_fields=["status", "owner", "updated"])
        log_action(
            support,
            "incubator.support.moved",
            by=by,
            data={"from": previous, "to": to, "note": note.strip()[:500]},
        )
        if support.requested_by and support.requested_by.pk != by.pk:
            _notify_later(
                [support.requested_by],
                kind="incubator.support",
                title=str(
                    _("Your request “%(subject)s” is now “%(status)s”.")
                    % {"subject": support.subject, "status": SupportStatus(to).label}
                ),
                url=support.get_absolute_url(),
            )
    return support


# --- Resource library ------------------------------------------------------------------------


def _store_version(
    resource: Resource, *, upload: UploadedFile, file_kind: str, change_note: str, by: User
) -> ResourceVersion:
    if resource.kind == ResourceKind.AGREEMENT_TEMPLATE:
        if file_kind != "docx":
            raise DomainError(
                _("An agreement template must be a Word (DOCX) file."), code="not_docx"
            )
        upload.seek(0)
        agreements.check_template(upload.read())
        upload.seek(0)
    number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ResourceVersion(
        resource=resource,
        number=number,
        file_kind=file_kind,
        original_filename=clean_filename(upload.name or ""),
        change_note=change_note.strip(),
        created_by=by,
    )
    version.file.save("upload", upload, save=False)
    version.save()
    resource.latest = version
    resource.save(update_fields=["latest", "updated"])
    return version


def add_resource(
    by: User,
    *,
    title: str,
    summary: str,
    kind: str,
    language: str,
    visibility: str,
    upload: UploadedFile,
    file_kind: str,
    change_note: str = "",
) -> Resource:
    """Add a resource to the library with its first version (an agreement template is tried
    with sample data first). Logs `incubator.resource.added`."""
    with transaction.atomic():
        resource = Resource.objects.create(
            title=title.strip(),
            summary=summary,
            kind=kind,
            language=language,
            visibility=visibility,
            created_by=by,
        )
        _store_version(
            resource,
            upload=upload,
            file_kind=file_kind,
            change_note=change_note or str(_("First version")),
            by=by,
        )
        log_action(resource, "incubator.resource.added", by=by, data={"kind": kind})
    return resource


def add_resource_version(
    resource: Resource, *, upload: UploadedFile, file_kind: str, change_note: str, by: User
) -> ResourceVersion:
    """Publish a new version of a resource: it becomes what people find. Logs
    `incubator.resource.version_added`."""
    if not change_note.strip():
        raise DomainError(_("Say what changed in this version."), code="no_change_note")
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        version = _store_version(
            resource, upload=upload, file_kind=file_kind, change_note=change_note, by=by
        )
        log_action(
            resource, "incubator.resource.version_added", by=by, data={"version": version.number}
        )
    return version


def update_resource(
    resource: Resource, *, title: str, summary: str, language: str, visibility: str, by: User
) -> Resource:
    """Change a resource's description or who sees it. Logs `incubator.resource.updated`."""
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        resource.title = title.strip()
        resource.summary = summary
        resource.language = language
        resource.visibility = visibility
        resource.save(update_fields=["title", "summary", "language", "visibility", "updated"])
        log_action(resource, "incubator.resource.updated", by=by)
    return resource


# --- Agreements ------------------------------------------------------------------------------


class MissingData(DomainError):
    """An agreement asked for a project that lacks what it needs; `missing` lists it."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            _("The agreement cannot be generated yet. Missing: %(items)s.")
            % {"items": "; ".join(missing)},
            code="missing_data",
        )
        self.missing = missing


def generate_agreement(
    project: Project, *, template: Resource, by: User, language: str = "fr"
) -> AgreementVersion:
    """Fill the template's latest version with the project's data: a new agreement, or a new
    version of the project's agreement from the same template. Refuses with the list of what
    is missing, or with the template's problem. Logs `incubator.agreement.generated`."""
    if template.kind != ResourceKind.AGREEMENT_TEMPLATE or template.latest_id is None:
        raise DomainError(_("Choose an agreement template of the library."), code="not_a_template")
    project = Project.objects.select_related("officer", "institute", "regional_office").get(
        pk=project.pk
    )
    missing = agreements.missing_data(project)
    if missing:
        raise MissingData(missing)
    source = ResourceVersion.objects.get(pk=template.latest_id)
    with source.file.open("rb") as handle:
        data = handle.read()
    content = agreements.render(data, agreements.agreement_context(project), language=language)
    with transaction.atomic():
        Project.objects.select_for_update().get(pk=project.pk)  # one generation at a time
        agreement = Agreement.objects.filter(project=project, template=template).first()
        if agreement is None:
            agreement = Agreement.objects.create(project=project, template=template, created_by=by)
        number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = AgreementVersion(
            agreement=agreement,
            number=number,
            template_version=source,
            language=language,
            created_by=by,
        )
        version.file.save("agreement", ContentFile(content), save=False)
        version.save()
        TimelineEntry.objects.create(
            project=project,
            kind=EntryKind.DECISION,
            text=str(_("Agreement generated (version %(n)s).") % {"n": number}),
            author=by,
        )
        log_action(agreement, "incubator.agreement.generated", by=by, data={"version": number})
    return version


def record_signature(
    agreement: Agreement, *, party: str, signatory: str, signed_on: dt.date, by: User
) -> Signature:
    """Record who signed for a party, and when. Logs `incubator.agreement.signed`."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not agreement.versions.exists():
            raise DomainError(_("There is no version to sign yet."), code="no_version")
        signature = Signature.objects.create(
            agreement=agreement,
            party=party.strip(),
            signatory=signatory.strip(),
            signed_on=signed_on,
            recorded_by=by,
        )
        log_action(agreement, "incubator.agreement.signed", by=by, data={"signature": signature.pk})
    return signature


def store_signed_copy(agreement: Agreement, *, upload: UploadedFile, by: User) -> Agreement:
    """Keep the signed copy (a PDF checked by the form). Logs
    `incubator.agreement.signed_copy_stored`."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not agreement.signatures.exists():
            raise DomainError(_("Record the signatures first."), code="no_signature")
        old = agreement.signed_copy.name
        agreement.signed_copy_name = clean_filename(upload.name or "")
        agreement.signed_copy.save("signed", upload, save=False)
        agreement.save(update_fields=["signed_copy", "signed_copy_name", "updated"])
        log_action(agreement, "incubator.agreement.signed_copy_stored", by=by)
        if old:
            storage = agreement.signed_copy.storage
            transaction.on_commit(lambda: storage.delete(old))
    return agreement


# --- Working groups --------------------------------------------------------------------------


def create_working_group(
    by: User,
    *,
    name: str,
    purpose: str,
    coordinator: User,
    members: Iterable[User] = (),
    organizations: Iterable[Organization] = (),
    is_public: bool = False,
) -> WorkingGroup:
    """Create a working group; its coordinator is a member. Logs
    `incubator.group.created`."""
    with transaction.atomic():
        group = WorkingGroup.objects.create(
            name=name.strip(), purpose=purpose, coordinator=coordinator, is_public=is_public
        )
        group.members.set([coordinator, *members])
        group.organizations.set(list(organizations))
        log_action(group, "incubator.group.created", by=by)
    return group


def set_group_members(group: WorkingGroup, *, members: Iterable[User], by: User) -> WorkingGroup:
    """Set who is in the group (the coordinator always is). Logs `incubator.group.members`."""
    with transaction.atomic():
        group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        people = {m.pk: m for m in members}
        if group.coordinator is not None:
            people[group.coordinator.pk] = group.coordinator
        group.members.set(list(people.values()))
        log_action(group, "incubator.group.members", by=by, data={"count": len(people)})
    return group


def publish_group(group: WorkingGroup, *, public: bool, by: User) -> WorkingGroup:
    """Show (or hide) the group's public page. Logs `incubator.group.published`."""
    with transaction.atomic():
        group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        group.is_public = public
        group.save(update_fields=["is_public", "updated"])
        log_action(group, "incubator.group.published", by=by, data={"public": public})
    return group


def post_to_group(
    group: WorkingGroup,
    *,
    kind: str,
    text: str,
    by: User,
    upload: UploadedFile | None = None,
    file_kind: str = "",
) -> GroupPost:
    """Post an update (the coordinator), a message, or a document to a group. Logs
    `incubator.group.posted`; tells the members of an update after the commit."""
    if kind not in PostKind.values:
        raise DomainError(_("Unknown kind of post."), code="invalid_kind")
    if kind == PostKind.UPDATE and group.coordinator_id != by.pk and not by.has_role(*STAFF_ROLES):
        raise DomainError(
            _("Only the coordinator posts the group's updates."), code="not_coordinator"
        )
    if kind == PostKind.DOCUMENT and upload is None:
        raise DomainError(_("Choose the document to add."), code="no_file")
    if not text.strip() and upload is None:
        raise DomainError(_("Write something to post."), code="empty")
    with transaction.atomic():
        post = GroupPost(group=group, kind=kind, text=text.strip(), author=by)
        if upload is not None:
            post.original_filename = clean_filename(upload.name or "")
            post.file_kind = file_kind
            post.file.save("upload", upload, save=False)
        post.save()
        log_action(group, "incubator.group.posted", by=by, data={"kind": kind, "post": post.pk})
        if kind == PostKind.UPDATE:
            _notify_later(
                [m for m in group.members.all() if m.pk != by.pk],
                kind="incubator.group",
                title=str(_("News from the working group “%(name)s”") % {"name": group.name}),
                url=group.get_absolute_url(),
            )
    return post
