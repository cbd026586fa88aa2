"""The project's page holds several forms: each id once, so that a label names its own box."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_officers_project_page_has_each_id_once(client, officer, project):
    client.force_login(officer)
    page = client.get(project.get_absolute_url()).text
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert "id_researcher-email" in ids and "id_contribution-email" in ids
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'for="id_contribution-email"' in page


def test_the_prefixed_forms_add_a_researcher_and_a_contribution(client, officer, project):
    researcher = UserFactory(roles=[Role.RESEARCHER], email="chercheuse@example.org")
    volunteer = UserFactory(email="benevole@example.org")
    client.force_login(officer)
    client.post(
        f"/incubator/projects/{project.pk}/researchers/",
        {"researcher-email": researcher.email},
    )
    assert project.researchers.filter(pk=researcher.pk).exists()
    client.post(
        f"/incubator/projects/{project.pk}/contributions/",
        {
            "contribution-email": volunteer.email,
            "contribution-role": "Relecture",
            "contribution-hours": "2",
            "contribution-on": "2026-01-01",
        },
    )
    assert project.contributions.filter(volunteer=volunteer).exists()
