from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Trainings, meetings in laboratories, debates and national meetings, with registrations."""

    name = "tandem.events"
    label = "events"
    verbose_name = _("Events and training")

    def ready(self) -> None:
        from tandem.accounts.services import register_erasure, register_personal_data
        from tandem.core.periodic import register
        from tandem.events import (
            panels,  # noqa: F401  (registers the dashboard panel)
            personal_data,
            rules,  # noqa: F401  (registers the permissions)
        )
        from tandem.events.tasks import housekeeping_task

        register("events.housekeeping", every=timedelta(minutes=15), task=housekeeping_task)
        register_personal_data("events", personal_data.export)
        register_erasure("events", personal_data.erase)
