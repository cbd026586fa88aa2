"""The research units' API follows the unit page's rule. The page became public (a unit's
public fields for anyone, its researchers for people with a role), so the API did too: anyone
reads the units, and the number of researchers is given to people with a role only."""

from __future__ import annotations

import pytest

from tandem.directory.tests.factories import ResearcherFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/research-units", "/api/v1/research-units/{pk}"])
def test_anyone_reads_a_unit_and_people_with_a_role_its_number_of_researchers(
    client, outsider, researcher, path
):
    unit = UnitFactory()
    ResearcherFactory(unit=unit)
    url = path.format(pk=unit.pk)

    def researchers() -> object:
        answer = client.get(url)
        assert answer.status_code == 200
        body = answer.json()
        return (body["results"][0] if "results" in body else body)["researchers"]

    assert researchers() is None  # signed out
    client.force_login(outsider)
    assert researchers() is None  # signed in, no role
    client.force_login(researcher)
    assert researchers() == 1
