from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    """The web side of the clarity analyzer: "Check my document", reports, history, lexicon."""

    name = "tandem.checks"
    label = "checks"
    verbose_name = _("Clarity checks")

    def ready(self) -> None:
        from tandem.accounts.services import register_erasure, register_personal_data
        from tandem.checks import (
            panels,  # noqa: F401  (registers the dashboard panel)
            personal_data,
            signals,
        )

        signals.connect()

        register_personal_data("clarity_checks", personal_data.export)
        register_erasure("clarity_checks", personal_data.erase)
