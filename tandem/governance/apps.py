from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """The GRAM, the partnership's governance body"""

    name = "tandem.governance"
    label = "governance"
    verbose_name = _(
        " seats, mandates, meetings, votes, minutes, proposals and their follow-up.:The GRAM"
    )
