"""Issue 11 (noticed): the research units' API follows the unit page's rule (a role in Tandem),
not "any signed-in person"."""

from __future__ import annotations

import pytest

from tandem.directory.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/research-units", "/api/v1/research-units/{pk}"])
def test_a_person_without_a_role_reads_no_research_unit(client, outsider, researcher, path):
    url = path.format(pk=UnitFactory().pk)
    client.force_login(outsider)
    refused = client.get(url)
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    client.force_login(researcher)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code in (401, 403)
