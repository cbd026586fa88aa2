from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncubatorConfig(AppConfig):
    """The Science and Society incubator"""

    name = "tandem.incubator"
    label = "incubator"
    verbose_name = _(
        " participatory projects, support requests, agreements, resources and working groups.:Participatory research"
    )
