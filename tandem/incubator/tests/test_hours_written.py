"""Hours of contributions are written as the profile writes them, in the reader's language:
"2 h", "1,5 h" in French, never "2.0"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.incubator.tests.conftest import contribute

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "half"), [("fr", "1,5"), ("en", "1.5")])
def test_the_home_panel_and_the_pages_write_hours_localized(
    client, member, officer, project, language, half
):
    contribute(project, member, by=officer, hours="2")
    contribute(project, member, by=officer, hours="1.5")
    type(member).objects.filter(pk=member.pk).update(language=language)  # theirs wins
    client.force_login(member)
    home = client.get(reverse("core:dashboard")).text
    assert "Relecture, 2 h" in home and f"Relecture, {half} h" in home
    assert "2.0" not in home and "2,0" not in home
    for url in (reverse("incubator:contributions"), project.get_absolute_url()):
        page = client.get(url).text
        assert "2.0" not in page and "2,0" not in page
        assert half in page
