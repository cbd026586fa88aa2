"""Dashboard panels of accounts: security (second factor), invitations, profile."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import Invitation, User
from tandem.accounts.queries import (
    has_second_factor,
    second_factor_required,
)
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.core.prepared import PreparedQuery

# Every officer's home runs it: its SQL is written once per process (`PreparedQuery`).
PENDING_INVITATIONS = PreparedQuery(
    lambda now: Invitation.objects.all().pending(now).only("pk", "email", "expires_at")[:5],  # type: ignore[attr-defined]
    now=models.DateTimeField(),
)


@register_panel
def security(user: User) -> Panel | None:
    if has_second_factor(user):
        return None
    if second_factor_required(user):
        text = (
            _(
                "Your role requires two-factor authentication. Demo accounts may skip it; real accounts cannot."
            )
            if settings.DEMO_MODE and user.is_demo
            else _("Your role requires two-factor authentication.")
        )
    else:
        text = _("Protect your account with a second factor (an app on your phone).")
    return Panel(
        title=_("Security"),
        items=[Item(text=text, url=reverse("mfa_index"))],
        action_label=_("Set up two-factor authentication"),
        action_url=reverse("mfa_activate_totp"),
        order=20,
    )


@register_panel
def pending_invitations(user: User) -> Panel | None:
    if not user.has_perm("accounts.invite_people"):
        return None
    # `invitations_visible_to`: every invitation for those who may invite.
    pending = PENDING_INVITATIONS.objects(now=timezone.now())
    return Panel(
        title=_("Invitations waiting for an answer"),
        items=[
            Item(
                text=i.email,
                detail=ngettext("expires in %(days)d day", "expires in %(days)d days", i.days_left)
                % {"days": i.days_left},
            )
            for i in pending
        ],
        empty=_("No invitation is waiting."),
        action_label=_("Invite someone"),
        action_url=reverse("accounts:invitations"),
        order=30,
    )


@register_panel
def profile_completeness(user: User) -> Panel | None:
    if user.first_name and user.last_name:
        return None
    return Panel(
        title=_("Your profile"),
        items=[
            Item(
                text=_("Add your name so that others know who you are."),
                url=reverse("accounts:profile"),
            )
        ],
        order=90,
    )
