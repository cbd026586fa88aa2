"""Finding 7: filter tokens are indexed apart from the free text, so that no description can
list an organization under a region, a kind, an approval or a disease area."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.directory.search import (
    OrganizationFilters,
    fts_expression,
    search_organizations,
    ts_expression,
)
from tandem.directory.tests.factories import OrganizationFactory, area


def names(results):
    return [o.name for o in results]


@pytest.fixture
def claimant(db):
    """An organization of Île-de-France whose description claims other filters' tokens."""
    diabetes = area("E10-E14")
    return OrganizationFactory(
        name="Entraide Zéphyr",
        region="idf",
        kind="patient",
        approval="none",
        description=f"Nous aidons qqrbre qqkfoundation qqanational qqd{diabetes.pk} partout.",
    )


@pytest.mark.parametrize(
    "filters",
    [
        {"region": "bre"},
        {"kind": "foundation"},
        {"approval": "national"},
        {"disease_area": "E10-E14"},
    ],
)
def test_a_description_cannot_claim_a_filter(claimant, filters):
    if "disease_area" in filters:
        filters = {"disease_area": area(filters["disease_area"])}
    found = search_organizations("", OrganizationFilters(**filters), visible_to=None)
    assert names(found) == []
    assert (
        names(search_organizations("aidons", OrganizationFilters(**filters), visible_to=None)) == []
    )


def test_the_organizations_own_filters_still_find_it(claimant):
    found = search_organizations(
        "aidons", OrganizationFilters(region="idf", kind="patient"), visible_to=None
    )
    assert names(found) == ["Entraide Zéphyr"]


def test_a_description_cannot_claim_a_filter_through_the_api(client, claimant):
    response = client.get(reverse("api-organizations"), {"region": "bre", "kind": "foundation"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("token", ['11" OR "qqkpatient', "idf\x00", "a b", "qq:*", "é"])
def test_a_token_that_is_not_an_index_word_never_reaches_a_query(token):
    with pytest.raises(ValueError):
        fts_expression(["diabet"], exact=[f"qqr{token}"])
    with pytest.raises(ValueError):
        ts_expression([token])
