from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The GRAM, the partnership's governance body: seats, mandates, meetings, votes,
    proposals and their follow-up."""

    name = "tandem.governance"
    label = "governance"
    verbose_name = _("The GRAM")

    def ready(self) -> None:
        from tandem.accounts.services import register_erasure, register_personal_data
        from tandem.core.periodic import register
        from tandem.governance import (
            panels,  # noqa: F401  (registers the home panel)
            personal_data,
            rules,  # noqa: F401  (registers the permissions)
        )
        from tandem.governance.tasks import reminders_task

        register("governance.reminders", every=timedelta(days=1), task=reminders_task)
        register_personal_data("governance", personal_data.export)
        register_erasure("governance", personal_data.erase)
