"""A project's progress: the checklist of its stage and moves between stages, its
timeline and its milestones."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.incubator.models import EntryKind, Milestone, Project, ProjectStage, TimelineEntry
from tandem.incubator.services.common import PROJECT_WORKFLOW, attach_upload, notify_later
from tandem.incubator.stages import STAGES, missing_items


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
        # Closed accounts among them are told nothing: notify refuses them.
        followers = project.followers.exclude(pk=by.pk)
        notify_later(
            followers,
            kind="incubator.project",
            title=gettext_noop("“%(title)s” is now at the stage “%(stage)s”."),
            params={"title": project.title, "stage": ProjectStage(to)},
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
        attach_upload(entry, upload, file_kind)
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
