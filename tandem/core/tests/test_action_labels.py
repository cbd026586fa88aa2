"""Each app names its own actions; core keeps only the registry."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from tandem.core.action_labels import action_label, register_action_labels


def test_every_app_labels_its_own_actions():
    # Registered by accounts, checks, directory and reviews from their own modules.
    assert action_label("accounts.invitation.sent") == "Invitation sent"
    assert action_label("checks.check.done") == "Document analysed"
    assert action_label("directory.organization.validated") == "Organization validated"
    assert action_label("reviews.request.accepted") == "Request accepted"
    with override("fr"):
        assert action_label("reviews.request.accepted") != "Request accepted"


def test_an_action_is_named_once():
    with pytest.raises(ValueError, match=r"reviews\.request\.accepted"):
        register_action_labels({"reviews.request.accepted": _("Accepted again")})
