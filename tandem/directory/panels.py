"""Dashboard panels of the directory."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.core.prepared import PreparedQuery
from tandem.directory.models import MembershipRole, OrganizationStatus
from tandem.directory.queries import organizations_of, pending_organizations


@register_panel
def organizations_to_validate(user: User) -> Panel | None:
    if not user.has_perm("directory.validate_organizations"):
        return None
    pending = PENDING_ORGANIZATIONS.objects()
    return Panel(
        title=_("Organizations waiting for validation"),
        items=[
            Item(
                text=org.name,
                url=org.get_absolute_url(),
                detail=date_format(timezone.localdate(org.created), "j F Y"),
            )
            for org in pending
        ],
        empty=_("No organization is waiting."),
        action_label=_("Open the validation queue"),
        action_url=reverse("directory:queue"),
        order=35,
    )


PENDING_ORGANIZATIONS = PreparedQuery(
    lambda: pending_organizations().only("id", "name", "created")[:5]
)
# Every signed-in home runs it: its SQL is written once per process (`PreparedQuery`).
MY_ORGANIZATIONS = PreparedQuery(
    lambda person: organizations_of(person).values_list(
        "organization_id", "organization__name", "organization__status", "role"
    )[:5],
    person=models.IntegerField(),
)


@register_panel
def my_organizations(user: User) -> Panel | None:
    # Only what the panel shows (pk, name, status): one indexed query, always current, read
    # as values (no membership and organization objects to build for the signed-in home).
    rows = MY_ORGANIZATIONS.rows(person=user.pk)
    if not rows:
        return None
    statuses = dict(OrganizationStatus.choices)
    items = [
        Item(
            text=name,
            url=reverse("directory:organization", args=[pk]),
            detail=str(statuses.get(status, status)),
        )
        for pk, name, status, _role in rows
    ]
    # An organization's admins reach its page of involvement (the reporting module) from home.
    items += [
        Item(
            text=_("Involvement of %(organization)s") % {"organization": name},
            url=reverse("reporting:involvement", args=[pk]),
        )
        for pk, name, _status, role in rows
        if role == MembershipRole.ADMIN
    ]
    return Panel(
        title=_("My organizations"),
        items=items,
        action_label=_("All my organizations"),
        action_url=reverse("directory:mine"),
        order=40,
    )


@register_panel
def find_partners(user: User) -> Panel | None:
    if not user.has_perm("directory.edit_researcher_profile"):
        return None
    return Panel(
        title=_("Partner organizations"),
        items=[
            Item(
                text=_("Find patient organizations for your research topic."),
                url=reverse("directory:find_partners"),
            )
        ],
        action_label=_("My researcher profile"),
        action_url=reverse("directory:researcher_profile"),
        order=45,
    )
