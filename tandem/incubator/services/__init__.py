"""Writes of the incubator: one function per state change (docs/adding-a-module.md, 3), one
module per part of the work: projects (`projects`), their progress through the stages, timeline
and milestones (`progress`), volunteers' contributions (`contributions`), support requests
(`support`), the resource library (`resources`), agreements (`agreements`) and working groups
(`groups`); `common` holds the workflows and the notifications sent after the commit.

Each takes its own transaction, locks and re-reads the row it changes, refuses with a
translated DomainError (writing nothing), logs its action and sends its notifications after
the commit. Pages, the API and the demo call them as `services.<function>`; the package
re-exports them so that callers need not know the module."""

from tandem.incubator.services.agreements import (
    MissingData,
    generate_agreement,
    record_signature,
    store_signed_copy,
)
from tandem.incubator.services.common import PROJECT_WORKFLOW, STAFF_ROLES, SUPPORT_WORKFLOW
from tandem.incubator.services.contributions import record_contribution
from tandem.incubator.services.groups import (
    add_group_member,
    create_working_group,
    post_to_group,
    publish_group,
    set_group_members,
)
from tandem.incubator.services.progress import (
    ChecklistIncomplete,
    add_milestone,
    add_timeline_entry,
    complete_milestone,
    move_project,
    tick_checklist,
)
from tandem.incubator.services.projects import (
    EDITABLE,
    add_partner,
    assign_officer,
    follow_project,
    link_project,
    propose_project,
    publish_project,
    update_project,
)
from tandem.incubator.services.resources import (
    add_resource,
    add_resource_version,
    update_resource,
)
from tandem.incubator.services.support import (
    assign_support_request,
    move_support_request,
    request_support,
    take_support_request,
)

__all__ = [
    "EDITABLE",
    "PROJECT_WORKFLOW",
    "STAFF_ROLES",
    "SUPPORT_WORKFLOW",
    "ChecklistIncomplete",
    "MissingData",
    "add_group_member",
    "add_milestone",
    "add_partner",
    "add_resource",
    "add_resource_version",
    "add_timeline_entry",
    "assign_officer",
    "assign_support_request",
    "complete_milestone",
    "create_working_group",
    "follow_project",
    "generate_agreement",
    "link_project",
    "move_project",
    "move_support_request",
    "post_to_group",
    "propose_project",
    "publish_group",
    "publish_project",
    "record_contribution",
    "record_signature",
    "request_support",
    "set_group_members",
    "store_signed_copy",
    "take_support_request",
    "tick_checklist",
    "update_project",
    "update_resource",
]
