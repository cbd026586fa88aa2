from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    """The Science and Society incubator: participatory projects, support requests,
    agreements, resources and working groups."""

    name = "tandem.incubator"
    label = "incubator"
    verbose_name = _("Participatory research")

    def ready(self) -> None:
        from tandem.accounts.services import register_erasure, register_personal_data
        from tandem.directory.reference_data import staff_removed
        from tandem.incubator import (
            meetings,  # noqa: F401  (says who is invited to members-only meetings)
            panels,  # noqa: F401  (registers the dashboard panels)
            personal_data,
            rules,  # noqa: F401  (registers the permissions)
        )
        from tandem.incubator.services import projects

        # People taken off an institute's or an office's staff stop following its projects.
        staff_removed.connect(
            projects.stop_following_when_taken_off_staff, dispatch_uid="incubator.staff_removed"
        )

        register_personal_data("incubator", personal_data.export)
        register_erasure("incubator", personal_data.erase)
