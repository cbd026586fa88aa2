"""The incubator's public page lists every public project, finished ones too: its title says
so rather than "under way"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.incubator import services
from tandem.incubator.models import Project, ProjectStage

pytestmark = pytest.mark.django_db


def test_a_closed_public_project_is_listed_under_an_honest_title(client, project, officer):
    services.update_project(project, by=officer, changes={"public_summary": "En bref."})
    services.publish_project(project, public=True, by=officer)
    Project.objects.filter(pk=project.pk).update(stage=ProjectStage.CLOSED)
    page = client.get(reverse("incubator:home")).text
    assert project.title in page and "Closed" in page
    assert "Projects under way" not in page
    assert "Public projects" in page
