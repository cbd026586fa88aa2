"""Working groups: creating one, its members, its public page and its posts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.incubator.models import GroupPost, PostKind, WorkingGroup
from tandem.incubator.services.common import STAFF_ROLES, attach_upload, notify_later

if TYPE_CHECKING:
    from tandem.directory.models import Organization


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


def add_group_member(group: WorkingGroup, *, person: User, by: User) -> WorkingGroup:
    """Add one person to the group (the others stay). Logs `incubator.group.members`."""
    with transaction.atomic():
        group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        group.members.add(person)
        log_action(
            group,
            "incubator.group.members",
            by=by,
            data={"count": group.members.count(), "added": person.pk},
        )
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
        attach_upload(post, upload, file_kind)
        post.save()
        log_action(group, "incubator.group.posted", by=by, data={"kind": kind, "post": post.pk})
        if kind == PostKind.UPDATE:
            notify_later(
                [m for m in group.members.all() if m.pk != by.pk],
                kind="incubator.group",
                title=gettext_noop("News from the working group “%(name)s”"),
                params={"name": group.name},
                url=group.get_absolute_url(),
            )
    return post
