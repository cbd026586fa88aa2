from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Trainings, meetings in laboratories, debates and national meetings"""

    name = "tandem.events"
    label = "events"
    verbose_name = _(" events with registrations.:Events and training")
