"""Drop the cached per-person facts (tandem.core.memo) when the rows behind them change."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from tandem.core.memo import forget
from tandem.core.models import Notification


@receiver([post_save, post_delete], sender=Notification)
def _notification_changed(sender: Any, instance: Notification, **kwargs: Any) -> None:
    forget("unread", instance.recipient_id)


def connect_account_signals() -> None:
    from allauth.mfa.models import Authenticator

    from tandem.accounts.models import RoleAssignment

    def roles_changed(sender: Any, instance: RoleAssignment, **kwargs: Any) -> None:
        forget("roles", instance.user_id)

    def authenticator_changed(sender: Any, instance: Authenticator, **kwargs: Any) -> None:
        forget("totp", instance.user_id)

    for signal in (post_save, post_delete):
        signal.connect(
            roles_changed, sender=RoleAssignment, weak=False, dispatch_uid=f"roles-{signal}"
        )
        signal.connect(
            authenticator_changed, sender=Authenticator, weak=False, dispatch_uid=f"totp-{signal}"
        )
