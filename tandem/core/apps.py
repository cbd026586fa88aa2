from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Each app's `action_labels.py` names its actions (found through the app registry: core
        # imports no app).
        autodiscover_modules("action_labels")
        from django.db.models.signals import post_migrate

        from tandem.core.cache import create_cache_table

        post_migrate.connect(create_cache_table, sender=self)
        from tandem.core import (
            checks,  # noqa: F401  (registers the deployment checks)
            panels,  # noqa: F401  (registers the dashboard panels)
        )
