"""A topic that keeps to its disease areas (a participatory project's) matches only the
organizations and researchers that work on one of its areas or on an area below it: the
directory's rule of an area and its descendants, as its search filter applies it."""

from __future__ import annotations

import pytest
from django.utils import translation

from tandem.directory.matching import (
    THE_PROJECT,
    Topic,
    match_organizations,
    suggest_researchers,
)
from tandem.directory.models import ResearcherProfile
from tandem.directory.queries import descendants_filter, listed_organizations
from tandem.directory.tests.factories import OrganizationFactory, ResearcherFactory, area

WORDS = "kinésithérapie respiratoire à domicile"


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def partners(db):
    return {
        "cf": OrganizationFactory(name="Muco Demain", areas=[area("586")]),
        "rare": OrganizationFactory(name="Fédération Rare", areas=[area("RARE")]),
        # Shares the topic's words and region, not its disease area.
        "words": OrganizationFactory(
            name="Kiné Diabète", description=f"{WORDS}, diabète", areas=[area("E10-E14")]
        ),
    }


def names(matches):
    return [m.target.name for m in matches]


def test_a_project_is_matched_only_with_organizations_of_its_area(partners, english):
    topic = Topic(
        text=WORDS,
        disease_area_ids=(area("586").pk,),
        region="idf",
        within_areas=True,
        wording=THE_PROJECT,
    )
    matches = match_organizations(topic)
    assert names(matches) == ["Muco Demain"]
    assert "Works on Cystic fibrosis, one of the project's disease areas." in matches[0].reasons


def test_an_area_below_the_projects_counts_and_says_so(partners, english):
    topic = Topic(disease_area_ids=(area("RARE").pk,), within_areas=True, wording=THE_PROJECT)
    matches = {m.target.name: m for m in match_organizations(topic)}
    assert set(matches) == {"Muco Demain", "Fédération Rare"}
    assert (
        "Works on Cystic fibrosis, a more specific area within Rare diseases."
        in matches["Muco Demain"].reasons
    )


def test_the_areas_kept_are_those_of_the_directorys_descendant_rule(partners):
    """The same organizations as the directory's filter by area (and its descendants)."""
    rare = area("RARE")
    topic = Topic(disease_area_ids=(rare.pk,), within_areas=True)
    by_filter = listed_organizations().filter(descendants_filter(rare))
    assert set(names(match_organizations(topic))) == set(by_filter.values_list("name", flat=True))


def test_the_partner_finder_still_matches_words_and_broader_areas(partners):
    topic = Topic(text=WORDS, disease_area_ids=(area("586").pk,), region="idf")
    assert set(names(match_organizations(topic))) == {
        "Muco Demain",
        "Fédération Rare",
        "Kiné Diabète",
    }


def test_without_areas_a_project_is_matched_on_its_words(partners):
    topic = Topic(text=WORDS, within_areas=True, wording=THE_PROJECT)
    assert "Kiné Diabète" in names(match_organizations(topic))


def test_researchers_are_suggested_on_the_projects_area_and_below(db, english):
    below = ResearcherFactory(areas=[area("586")], user__last_name="Muco")
    broader = ResearcherFactory(areas=[area("RARE")], user__last_name="Rare")
    ResearcherFactory(areas=[area("E10-E14")], user__last_name="Diabète")
    everyone = ResearcherProfile.objects.all()

    on_rare = suggest_researchers(
        Topic(disease_area_ids=(area("RARE").pk,), within_areas=True, wording=THE_PROJECT),
        among=everyone,
    )
    assert {m.target for m in on_rare} == {below, broader}
    on_cf = suggest_researchers(
        Topic(disease_area_ids=(area("586").pk,), within_areas=True, wording=THE_PROJECT),
        among=everyone,
    )
    assert [m.target for m in on_cf] == [below]
    assert on_cf[0].reasons == ["Works on Cystic fibrosis, one of the project's disease areas."]
    # Only among the profiles given (those a person may see, less those already involved).
    assert (
        suggest_researchers(
            Topic(disease_area_ids=(area("586").pk,), within_areas=True),
            among=everyone.exclude(pk=below.pk),
        )
        == []
    )


def test_an_area_named_in_the_projects_question_counts(db, english):
    profile = ResearcherFactory(areas=[area("586")])
    matches = suggest_researchers(
        Topic(text="Vivre avec la mucoviscidose", within_areas=True, wording=THE_PROJECT),
        among=ResearcherProfile.objects.all(),
    )
    assert [m.target for m in matches] == [profile]
    assert "named in the project's title or question" in matches[0].reasons[0]
