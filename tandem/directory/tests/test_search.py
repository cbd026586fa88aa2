from __future__ import annotations

from tandem.directory.models import OrganizationStatus
from tandem.directory.queries import OrganizationFilters, search_organizations
from tandem.directory.tests.factories import OrganizationFactory, area


def names(qs):
    return [o.name for o in qs]


def test_search_ignores_accents_and_case(organization):
    assert names(search_organizations("FEDERATION diabetiques", visible_to=None)) == [
        organization.name
    ]


def test_search_finds_organizations_by_the_english_name_of_their_disease_area(organization):
    assert names(search_organizations("diabetes", visible_to=None)) == [organization.name]


def test_search_finds_organizations_by_a_synonym_of_their_disease_area(db):
    org = OrganizationFactory(name="Les Amis du Souffle", areas=[area("J40-J47")])
    assert names(search_organizations("asthme", visible_to=None)) == [org.name]


def test_search_by_acronym(organization):
    assert names(search_organizations("ffd", visible_to=None)) == [organization.name]


def test_search_ranks_a_match_in_the_name_above_a_match_in_the_description(db):
    OrganizationFactory(name="Vivre mieux", description="Nous aidons les personnes avec un cancer.")
    OrganizationFactory(name="Ligue contre le cancer")
    assert names(search_organizations("cancer", visible_to=None))[0] == "Ligue contre le cancer"


def test_search_needs_every_word(organization):
    assert names(search_organizations("diabète mucoviscidose", visible_to=None)) == []


def test_disease_area_filter_includes_descendants(db):
    rare = area("RARE")
    cf = OrganizationFactory(name="Vaincre la Mucoviscidose", areas=[area("586")])
    OrganizationFactory(name="Autre", areas=[area("E10-E14")])
    result = search_organizations("", OrganizationFilters(disease_area=rare), visible_to=None)
    assert names(result) == [cf.name]


def test_region_kind_and_approval_filters(db):
    kept = OrganizationFactory(name="Kept", region="bre", kind="federation", approval="national")
    OrganizationFactory(name="Other region", region="idf", kind="federation", approval="national")
    OrganizationFactory(name="Other kind", region="bre", kind="foundation", approval="national")
    OrganizationFactory(name="No approval", region="bre", kind="federation", approval="none")
    filters = OrganizationFilters(region="bre", kind="federation", approval="national")
    assert names(search_organizations("", filters, visible_to=None)) == [kept.name]


def test_search_hides_pending_and_private_organizations_from_the_public(db, officer):
    OrganizationFactory(name="Pending cancer", status=OrganizationStatus.PENDING)
    OrganizationFactory(name="Private cancer", is_public=False)
    assert names(search_organizations("cancer", visible_to=None)) == []
    assert len(names(search_organizations("cancer", visible_to=officer))) == 2


def test_members_see_their_own_pending_organization(db, member):
    from tandem.directory.tests.factories import make_admin

    own = OrganizationFactory(name="Mine, pending", status=OrganizationStatus.PENDING)
    make_admin(own, member)
    assert names(search_organizations("pending", visible_to=member)) == [own.name]


def test_status_filter_is_ignored_for_non_officers(db, member):
    OrganizationFactory(name="Pending", status=OrganizationStatus.PENDING)
    filters = OrganizationFilters(status=OrganizationStatus.PENDING)
    assert names(search_organizations("", filters, visible_to=member)) == []
