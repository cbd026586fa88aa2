from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "tandem.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from tandem.accounts.services import register_erasure, register_personal_data
        from tandem.directory import (
            health,
            invitations,
            panels,  # noqa: F401  (registers the dashboard panels)
            personal_data,
            signals,  # noqa: F401  (keeps what derives from the area tree true)
        )

        register_personal_data("health_information", health.export)
        register_erasure("health_information", health.erase)
        register_personal_data("directory", personal_data.export)
        register_erasure("directory", personal_data.erase)
        invitations.register()
