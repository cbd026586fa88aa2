"""Issue 14: long lists are chosen with the chooser (no Ctrl-click multi-select), and a title
that is too long is refused with the text kept, never cut."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tandem.directory.labels import forget_area_labels
from tandem.directory.models import DiseaseArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded_areas(areas):
    """The fixture's areas beside the ICD-10 tree that the migrations seed."""
    forget_area_labels()
    return areas


def _boxes(content: str, name: str) -> dict[str, bool]:
    """value → checked, for the checkboxes called `name`."""
    found = re.findall(
        rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*?( checked)?>', content
    )
    return {value: bool(checked) for value, checked in found}


def test_a_new_request_chooses_areas_and_organizations_with_grouped_checkboxes(
    client, researcher, coded_areas, org, other_org
):
    client.force_login(researcher)
    content = client.get(reverse("reviews:new")).content.decode()
    assert not re.search(r"<select[^>]*\bmultiple", content)
    every_area = {str(pk) for pk in DiseaseArea.objects.values_list("pk", flat=True)}
    assert len(every_area) > 100
    assert set(_boxes(content, "disease_areas")) == every_area
    assert set(_boxes(content, "organizations")) == {str(org.pk), str(other_org.pk)}
    # The code beside the area, the chapter as the group's legend, a filter box for scripts.
    assert '<span class="chooser-code">E10-E14</span>' in content
    assert "<legend>Diabetes</legend>" in content
    assert "<legend>Endocrine, nutritional and metabolic diseases</legend>" in content
    assert "data-chooser-filter hidden" in content
    assert "Nothing chosen yet." in content


def test_choices_survive_a_refused_form_and_are_summarised(client, researcher, coded_areas, org):
    client.force_login(researcher)
    response = client.post(
        reverse("reviews:new"),
        {
            "title": "T" * 301,
            "category": "riph2",
            "language": "fr",
            "reviewers_wanted": 3,
            "disease_areas": [coded_areas["type1"].pk],
            "organizations": [org.pk],
        },
    )
    content = response.content.decode()
    assert response.status_code in (200, 422)
    assert _boxes(content, "disease_areas")[str(coded_areas["type1"].pk)] is True
    assert _boxes(content, "disease_areas")[str(coded_areas["cancer"].pk)] is False
    assert _boxes(content, "organizations")[str(org.pk)] is True
    assert "Chosen:" in content and "Type 1 diabetes" in content
    # The title is refused with both lengths, kept as typed, and the box does not cut it.
    assert "at most 300 characters (it has 301)" in content
    assert 'value="' + "T" * 301 + '"' in content
    assert 'maxlength="300"' not in content
    assert not researcher.review_requests.exists()


@pytest.mark.parametrize("url_name", ["reviews:apply", "reviews:my_profile"])
def test_the_college_application_and_the_reviewer_profile_use_the_chooser(
    client, member, reviewer, coded_areas, url_name
):
    from .conftest import make_reviewer

    person = member if url_name == "reviews:apply" else make_reviewer(areas=[coded_areas["cancer"]])
    client.force_login(person)
    content = client.get(reverse(url_name)).content.decode()
    assert not re.search(r"<select[^>]*\bmultiple", content)
    prefix = "profile-" if url_name == "reviews:my_profile" else ""
    boxes = _boxes(content, f"{prefix}disease_areas")
    assert {str(a.pk) for a in coded_areas.values()} <= set(boxes)
    if url_name == "reviews:my_profile":
        assert boxes[str(coded_areas["cancer"].pk)] is True


@pytest.mark.parametrize("url_name", ["reviews:apply", "reviews:my_profile"])
def test_the_conflicts_of_interest_box_shows_several_lines(client, member, url_name):
    """The conflicts of interest to declare, one a line, in a box of at least five lines on
    the application and on the reviewer's own profile (it was two on the application)."""
    from .conftest import make_reviewer

    person = member if url_name == "reviews:apply" else make_reviewer()
    client.force_login(person)
    content = client.get(reverse(url_name)).content.decode()
    prefix = "profile-" if url_name == "reviews:my_profile" else ""
    box = re.search(rf'<textarea name="{prefix}declared_conflicts"[^>]*\brows="(\d+)"', content)
    assert box and int(box.group(1)) >= 5
