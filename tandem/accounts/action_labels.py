"""Plain words for the action-log entries of accounts (`tandem.core.action_labels`, found at start-up)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import register_action_labels

register_action_labels(
    {
        "accounts.account.erased": _("Account erased"),
        "accounts.invitation.accepted": _("Invitation accepted"),
        "accounts.invitation.revoked": _("Invitation withdrawn"),
        "accounts.invitation.sent": _("Invitation sent"),
        "accounts.login": _("Signed in"),
        "accounts.profile.updated": _("Profile updated"),
        "accounts.roles.changed": _("Roles changed"),
        "accounts.token.created": _("API token created"),
        "accounts.token.replaced": _("API token replaced by a new one of the same purpose"),
        "accounts.token.revoked": _("API token revoked"),
    }
)
