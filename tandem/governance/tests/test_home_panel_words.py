"""The director's home page counts the days a proposal has waited as French counts them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.governance import services
from tandem.governance.models import Proposal, ProposalStatus

from .conftest import mandates

pytestmark = pytest.mark.django_db


def test_the_director_reads_one_day_of_waiting_in_the_singular(full_body, officer, director):
    author = mandates(full_body, "researchers")[0].person
    proposal = services.draft_proposal(full_body, author=author, title="Attente", text="Texte.")
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ADOPTED)
    services.transmit(proposal, by=officer)
    Proposal.objects.filter(pk=proposal.pk).update(
        transmitted_at=timezone.now() - dt.timedelta(days=1)
    )
    director.language = "fr"
    director.save(update_fields=["language"])
    client = Client()
    client.force_login(director)
    home = client.get(reverse("core:dashboard")).content.decode()
    assert "en attente depuis 1 jour<" in home or "en attente depuis 1 jour " in home
    assert "1 jours" not in home
