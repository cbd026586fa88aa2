from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from tandem.accounts import (  # noqa: F401
            panels,  # registers the dashboard panels
            signals,  # revokes tokens on a password change, records sign-ins
        )
