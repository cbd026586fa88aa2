from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    """The web side of the clarity analyzer: "Check my document", reports, history, lexicon."""

    name = "tandem.checks"
    label = "checks"
    verbose_name = _("Clarity checks")

    def ready(self) -> None:
        from tandem.checks import panels  # noqa: F401  (registers the dashboard panel)
