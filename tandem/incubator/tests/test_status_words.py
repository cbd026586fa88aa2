"""A support request is "une demande" in French: its statuses agree with it, while the
meetings' and events' "Open" and "Cancelled" stay masculine."""

from __future__ import annotations

import pytest
from django.utils import translation

from tandem.events.models import EventStatus
from tandem.incubator import services
from tandem.incubator.models import SupportStatus

pytestmark = pytest.mark.django_db


def test_the_statuses_of_a_request_are_feminine_in_french():
    with translation.override("fr"):
        assert str(SupportStatus.OPEN.label) == "Ouverte"
        assert str(SupportStatus.CANCELLED.label) == "Annulée"
        assert str(SupportStatus.RESOLVED.label) == "Résolue"
        assert str(EventStatus.CANCELLED.label) == "Annulé"
    with translation.override("en"):
        assert str(SupportStatus.OPEN.label) == "Open"


def test_the_request_page_says_ouverte(client, member):
    support = services.request_support(member, kind="training", subject="S", description="D")
    type(member).objects.filter(pk=member.pk).update(language="fr")
    client.force_login(member)
    assert '<span class="status-pill">Ouverte</span>' in client.get(support.get_absolute_url()).text
