"""What the incubator holds about a person, for the data export and for erasure."""

from __future__ import annotations

from typing import Any

from tandem.accounts.models import User
from tandem.core.erasure import erased_label, forget_objects
from tandem.incubator.models import (
    Contribution,
    GroupPost,
    Project,
    Signature,
    SupportRequest,
    TimelineEntry,
    WorkingGroup,
)


def export(user: User) -> dict[str, Any]:
    return {
        "projects_proposed": [
            {"title": p.title, "stage": p.stage, "created": p.created.isoformat()}
            for p in Project.objects.filter(proposed_by=user)
        ],
        "contributions": [
            {
                "project": c.project.title,
                "role": c.role,
                "hours": str(c.hours),
                "on": c.on.isoformat(),
            }
            for c in Contribution.objects.filter(volunteer=user).select_related("project")
        ],
        "support_requests": [
            {"subject": s.subject, "kind": s.kind, "description": s.description, "status": s.status}
            for s in SupportRequest.objects.filter(requested_by=user)
        ],
        "timeline_entries": [
            {
                "project": e.project_id,
                "kind": e.kind,
                "text": e.text,
                "created": e.created.isoformat(),
            }
            for e in TimelineEntry.objects.filter(author=user)
        ],
        "working_group_posts": [
            {
                "group": p.group.name,
                "kind": p.kind,
                "text": p.text,
                "created": p.created.isoformat(),
            }
            for p in GroupPost.objects.filter(author=user).select_related("group")
        ],
        "working_groups": list(
            WorkingGroup.objects.filter(members=user).values_list("name", flat=True)
        ),
    }


def erase(user: User) -> None:
    """Their own words go (posts, notes, standalone requests); the projects' and groups'
    shared records stay without them."""
    label = erased_label(user.pk)
    for model, rows in (
        (GroupPost, GroupPost.objects.filter(author=user)),
        (TimelineEntry, TimelineEntry.objects.filter(author=user)),
    ):
        forget_objects(model, rows.values_list("pk", flat=True), label=label)
        for row in rows.exclude(file=""):
            row.file.delete(save=False)
        rows.delete()
    standalone = SupportRequest.objects.filter(requested_by=user, project__isnull=True)
    forget_objects(SupportRequest, standalone.values_list("pk", flat=True), label=label)
    standalone.delete()
    SupportRequest.objects.filter(requested_by=user).update(description=label, requested_by=None)
    names = {n for n in (user.get_full_name(), user.email) if n}
    Signature.objects.filter(signatory__in=names).update(signatory=label)
    Contribution.objects.filter(volunteer=user).delete()
    for group in WorkingGroup.objects.filter(members=user):
        group.members.remove(user)
    for project in Project.objects.filter(followers=user):
        project.followers.remove(user)
