"""The travel expenses page in French: "une demande", feminine, even when there is none."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_empty_list_of_claims_agrees_with_demande(client, member):
    type(member).objects.filter(pk=member.pk).update(language="fr")
    client.force_login(member)
    page = client.get(reverse("events:claims")).text
    assert "Aucune demande pour l’instant." in page and "Aucun." not in page
