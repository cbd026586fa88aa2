from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Reporting: the partnership's indicators, dashboards and exports, and each
    organization's page of involvement. It reads the other modules and changes none."""

    name = "tandem.reporting"
    label = "reporting"
    verbose_name = _("Reporting")
