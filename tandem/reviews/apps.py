from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """The College of Reviewers: pool, requests, rounds, assignments, reviews and reports."""

    name = "tandem.reviews"
    label = "reviews"
    verbose_name = _("College of Reviewers")

    def ready(self) -> None:
        from tandem.accounts.services import register_erasure, register_personal_data
        from tandem.core.periodic import register
        from tandem.reviews import (  # noqa: F401  (registers permissions)
            panels,
            personal_data,
            rules,
        )
        from tandem.reviews.tasks import send_reminders_task

        register("reviews.reminders", every=timedelta(hours=1), task=send_reminders_task)
        register_personal_data("reviews", personal_data.export)
        register_erasure("reviews", personal_data.erase)
