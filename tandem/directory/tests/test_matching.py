"""Matching on a small labelled set: for each topic, the organizations an officer would
expect first, in order."""

from __future__ import annotations

import pytest
from django.db import connection

from tandem.directory.matching import Topic, areas_named_in, match_organizations, match_units
from tandem.directory.models import Partnership
from tandem.directory.tests.factories import (
    OrganizationFactory,
    ResearcherFactory,
    UnitFactory,
    area,
)


@pytest.fixture
def labelled(db):
    unit = UnitFactory(code="U1000")
    orgs = {
        "t1d": OrganizationFactory(
            name="Aide aux Jeunes Diabétiques",
            region="idf",
            areas=[area("E10-E14")],
            description="Diabète de type 1 chez l'enfant, éducation thérapeutique.",
        ),
        "endo": OrganizationFactory(
            name="Association des maladies hormonales", region="occ", areas=[area("IV")]
        ),
        "obesity": OrganizationFactory(
            name="Collectif obésité", region="idf", areas=[area("E65-E68")]
        ),
        "cf": OrganizationFactory(
            name="Vaincre la Mucoviscidose", region="idf", areas=[area("586")]
        ),
        "rare": OrganizationFactory(
            name="Alliance Maladies Rares", region="nat", areas=[area("RARE")]
        ),
        "sickle": OrganizationFactory(name="SOS Globi", region="gua", areas=[area("232")]),
        "asthma": OrganizationFactory(
            name="Asthme et Allergies",
            region="bre",
            areas=[area("J40-J47")],
            description="Children with asthma and their families.",
        ),
    }
    Partnership.objects.create(organization=orgs["cf"], unit=unit, year=2021, title="Cohorte")
    return orgs, unit


def ranking(matches):
    return [m.target.name for m in matches]


def test_exact_disease_area_ranks_before_a_broader_one(labelled):
    orgs, _unit = labelled
    result = ranking(match_organizations(Topic(disease_area_ids=(area("E10-E14").pk,))))
    assert result[:2] == [orgs["t1d"].name, orgs["endo"].name]
    assert orgs["asthma"].name not in result


def test_a_more_specific_area_ranks_between_exact_and_broader(labelled):
    orgs, _unit = labelled
    result = ranking(match_organizations(Topic(disease_area_ids=(area("RARE").pk,))))
    assert result[0] == orgs["rare"].name
    assert set(result[1:3]) == {orgs["cf"].name, orgs["sickle"].name}


def test_past_partnership_with_my_unit_lifts_an_organization_to_the_top(labelled):
    orgs, unit = labelled
    result = ranking(
        match_organizations(Topic(disease_area_ids=(area("RARE").pk,), unit_id=unit.pk))
    )
    assert result[:3] == [orgs["cf"].name, orgs["rare"].name, orgs["sickle"].name]


def test_same_region_breaks_a_tie(labelled):
    orgs, _unit = labelled
    result = ranking(match_organizations(Topic(disease_area_ids=(area("RARE").pk,), region="gua")))
    assert result[1] == orgs["sickle"].name


def test_free_text_alone_finds_organizations_in_either_language(labelled):
    orgs, _unit = labelled
    assert ranking(match_organizations(Topic(text="asthma children")))[0] == orgs["asthma"].name
    assert (
        ranking(match_organizations(Topic(text="éducation thérapeutique diabète")))[0]
        == orgs["t1d"].name
    )


def test_each_match_explains_its_score_in_words(labelled):
    from django.utils import translation

    orgs, unit = labelled
    with translation.override("en"):
        matches = match_organizations(Topic(disease_area_ids=(area("RARE").pk,), unit_id=unit.pk))
    cf = next(m for m in matches if m.target == orgs["cf"])
    assert any("more specific" in r for r in cf.reasons)
    assert any("your research unit" in r for r in cf.reasons)


def test_explanations_follow_the_language(labelled):
    from django.utils import translation

    _orgs, _unit = labelled
    with translation.override("fr"):
        matches = match_organizations(Topic(disease_area_ids=(area("E10-E14").pk,)))
    assert any("Diabète sucré" in r for r in matches[0].reasons)


def test_units_working_on_an_organizations_areas(labelled):
    orgs, unit = labelled
    other = UnitFactory(code="U2000")
    ResearcherFactory(unit=other, areas=[area("586")])
    ResearcherFactory(unit=unit, areas=[area("RARE")])
    result = [m.target.code for m in match_units(orgs["cf"])]
    assert result == ["U1000", "U2000"]  # U1000 has worked with them before


def test_every_candidate_is_scored_so_a_partnership_counts_among_many_equals(db):
    unit = UnitFactory(code="U2000")
    equals = [OrganizationFactory(name=f"Diabète {i}", areas=[area("E10-E14")]) for i in range(8)]
    Partnership.objects.create(organization=equals[-1], unit=unit, year=2020, title="Étude")
    best = match_organizations(Topic(disease_area_ids=(area("E10-E14").pk,)), limit=1)
    assert [m.target for m in best] == [equals[-1]]
    assert best[0].score == 3.5  # exact area 3 + any partnership 0.5


def test_scores_add_up_the_parts_they_explain(labelled):
    orgs, _unit = labelled
    topic = Topic(text="diabète éducation", disease_area_ids=(area("E10-E14").pk,), region="idf")
    first = match_organizations(topic)[0]
    assert first.target == orgs["t1d"]
    # exact area (ticked beside a typed text: half), both words, same region
    assert first.score == 3.0 * 0.5 + 2.0 + 1.0
    assert len(first.reasons) == 3


def test_matching_reads_a_constant_number_of_queries(db, django_assert_max_num_queries):
    neoplasms = area("II")
    for i in range(30):
        OrganizationFactory(name=f"Cancer {i}", areas=[neoplasms], region="occ")
    # One of them reads the disease areas' names, to find those the text names (no copy of
    # the tree is kept in the process). PostgreSQL: three more statements, to give the
    # aggregation more memory (SET LOCAL).
    with django_assert_max_num_queries(8 if connection.vendor == "sqlite" else 11):
        matches = match_organizations(Topic(text="cancer", disease_area_ids=(neoplasms.pk,)))
    assert len(matches) == 20


def test_disease_areas_named_in_a_topic_are_found_in_either_language(db):
    assert areas_named_in("La mucoviscidose chez l'enfant") == [area("586").pk]
    assert areas_named_in("children with CYSTIC FIBROSIS") == [area("586").pk]
    assert areas_named_in("qualité de vie") == []


def test_a_named_area_outweighs_the_areas_prefilled_from_the_profile(labelled):
    orgs, _unit = labelled
    topic = Topic(text="mucoviscidose", disease_area_ids=(area("E10-E14").pk,))
    first = match_organizations(topic)[0]
    assert first.target == orgs["cf"]
    assert "Works on Cystic fibrosis, named in your topic." in first.reasons


def test_the_typed_topic_leads_over_the_areas_ticked_from_the_profile(labelled):
    """Issue 14's example: a researcher whose profile says diabetes types a cystic-fibrosis
    topic; a diabetes organization of their region that mentions children and has worked with
    their unit must still come after the cystic-fibrosis organizations."""
    orgs, unit = labelled
    Partnership.objects.create(organization=orgs["t1d"], unit=unit, year=2022, title="Écoles")
    other_cf = OrganizationFactory(
        name="Muco Ouest",
        region="bre",
        areas=[area("586")],
        description="Mucoviscidose : kinésithérapie respiratoire à domicile.",
    )
    topic = Topic(
        text="mucoviscidose, kinésithérapie respiratoire à domicile, enfants",
        disease_area_ids=(area("E10-E14").pk,),
        region="idf",
        unit_id=unit.pk,
    )
    ranked = ranking(match_organizations(topic))
    assert set(ranked[:2]) == {other_cf.name, orgs["cf"].name}
    assert ranked.index(orgs["t1d"].name) > 1
