from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Reporting: the partnership's indicators, dashboards and exports, and each
    organization's page of involvement. It reads the other modules and changes none."""

    name = "tandem.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from tandem.reporting import indicators, panels, rules, signals  # noqa: F401

        signals.connect()
