from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from tandem.core import cache as shared_cache
from tandem.directory import labels
from tandem.directory.labels import disease_area_names
from tandem.directory.models import DiseaseArea, OrganizationStatus
from tandem.directory.reference_data import save_disease_area
from tandem.directory.search import OrganizationFilters, RankedPaginator, search_organizations
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


def test_a_page_and_the_number_of_results_are_read_in_one_query(db, django_assert_num_queries):
    for i in range(5):
        OrganizationFactory(name=f"Cancer {i}")
    results = search_organizations("cancer", visible_to=None)
    disease_area_names()  # read once per process and language
    with django_assert_num_queries(1):
        page = RankedPaginator(results.rows(), 2).page(2)
        assert page.paginator.count == 5
        assert [row.name for row in page] == ["Cancer 2", "Cancer 3"]
    with django_assert_num_queries(1):  # another page: its own query
        assert [row.name for row in page.paginator.page(3)] == ["Cancer 4"]


def test_a_page_past_the_end_is_counted_then_the_last_page_is_read(db, django_assert_num_queries):
    for i in range(3):
        OrganizationFactory(name=f"Cancer {i}")
    results = search_organizations("cancer", visible_to=None)
    disease_area_names()
    with django_assert_num_queries(3):  # the empty page, the count, the last page
        page = RankedPaginator(results.rows(), 2).get_page(9)
    assert (page.number, [row.name for row in page]) == (2, ["Cancer 2"])


def test_without_a_paginator_the_results_are_still_a_sequence(db):
    for i in range(25):
        OrganizationFactory(name=f"Cancer {i:02}")
    results = search_organizations("cancer", visible_to=None)
    assert len(results) == 25
    assert [o.name for o in results[20:23]] == ["Cancer 20", "Cancer 21", "Cancer 22"]
    assert results[24].name == "Cancer 24"
    assert len(list(results)) == 25


def test_the_page_and_the_api_list_the_same_ranked_results(client, db):
    OrganizationFactory(name="Vivre mieux", description="Nous aidons les personnes avec un cancer.")
    OrganizationFactory(name="Ligue contre le cancer")
    OrganizationFactory(name="Cancer Espoir")
    expected = ["Cancer Espoir", "Ligue contre le cancer", "Vivre mieux"]
    assert names(search_organizations("cancer", visible_to=None)) == expected
    api = client.get(reverse("api-organizations"), {"q": "cancer"}).json()
    assert [o["name"] for o in api["results"]] == expected
    page = client.get(reverse("directory:directory"), {"q": "cancer"}).content.decode()
    assert page.index("Cancer Espoir") < page.index("Ligue contre") < page.index("Vivre mieux")


def test_the_search_page_reads_its_rows_and_their_number_in_one_query(
    client, db, django_assert_num_queries
):
    for i in range(25):
        OrganizationFactory(name=f"Diabète {i}", areas=[area("E10-E14")])
    url, chapter = reverse("directory:directory"), area("IV").pk
    client.get(url, {"q": "diabete"})  # disease-area labels read once per process and language
    with django_assert_num_queries(1):
        response = client.get(url, {"q": "diabete", "disease_area": chapter})
    assert response.context["page"].paginator.count == 25


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram fallback")
def test_a_word_inside_another_word_is_found_on_postgresql(db, django_assert_num_queries):
    org = OrganizationFactory(name="Association Cardiopathies Congénitales")
    results = search_organizations("cardiopath", visible_to=None)
    disease_area_names()
    with django_assert_num_queries(2):  # the index finds nothing, then the trigram search
        assert [row.pk for row in results.rows()] == [org.pk]


def test_the_substring_search_is_not_run_when_the_index_answers(db, django_assert_num_queries):
    OrganizationFactory(name="Association Cardiopathies Congénitales")
    results = search_organizations("cardiopathies", visible_to=None)
    disease_area_names()
    with django_assert_num_queries(1):
        assert len(results) == 1


def test_renaming_a_disease_area_shows_at_once_in_this_process(
    db, admin_user, django_capture_on_commit_callbacks
):
    cf = area("586")
    OrganizationFactory(name="Vaincre", areas=[cf])
    assert disease_area_names()[cf.pk][1] == cf.name_en
    with django_capture_on_commit_callbacks(execute=True):
        save_disease_area(cf.pk, by=admin_user, fields={"name_en": "Mucoviscidose (renommée)"})
    assert disease_area_names()[cf.pk][1] == "Mucoviscidose (renommée)"
    assert [row.areas for row in search_organizations("vaincre", visible_to=None).rows()] == [
        ("Mucoviscidose (renommée)",)
    ]


def test_the_labels_are_read_again_when_another_process_bumps_their_version(db):
    cf = area("586")
    assert disease_area_names()[cf.pk][1] == cf.name_en
    DiseaseArea.objects.filter(pk=cf.pk).update(name_en="Changée ailleurs")  # no signal
    assert disease_area_names()[cf.pk][1] == cf.name_en  # the cached labels
    shared_cache.bump(labels.AREAS)  # what another process's save_disease_area does
    assert disease_area_names()[cf.pk][1] == "Changée ailleurs"


def test_the_area_filter_marks_the_chosen_option_and_refuses_unknown_areas(client, db):
    chosen = area("E10-E14")
    page = client.get(reverse("directory:directory"), {"disease_area": chosen.pk})
    assert f'<option value="{chosen.pk}" selected>' in page.content.decode()
    area_select = page.content.decode().split('name="disease_area"')[1].split("</select>")[0]
    assert area_select.count(" selected>") == 1
    bad = client.get(reverse("directory:directory"), {"disease_area": "999999"})
    assert bad.status_code == 200
    assert "Select a valid choice" in bad.content.decode()


def test_a_too_long_search_is_refused_and_kept(client, db):
    typed = "mucoviscidose " * 20  # over 200 characters
    response = client.get(reverse("directory:directory"), {"q": typed})
    page = response.content.decode()
    assert 'class="error-text"' in page and 'aria-invalid="true"' in page
    assert f'value="{typed.strip()}"' in page or f'value="{typed}"' in page


def test_the_search_box_is_labelled_and_described(client, db):
    page = client.get(reverse("directory:directory")).content.decode()
    assert '<label for="id_q">Search</label>' in page
    assert 'aria-describedby="id_q_helptext"' in page and 'id="id_q_helptext"' in page


def test_a_listing_without_words_counts_then_reads_the_page_by_name(db, django_assert_num_queries):
    for name in ["Zèbre", "Abeille", "Mouette"]:
        OrganizationFactory(name=name)
    results = search_organizations("", visible_to=None)
    disease_area_names()
    # Counting while ranking would read every organization: the name index gives the page.
    with django_assert_num_queries(2):
        page = RankedPaginator(results.rows(), 2).get_page(1)
        assert page.paginator.count == 3
        assert [row.name for row in page] == ["Abeille", "Mouette"]


def test_search_forms_share_their_fields_but_not_their_state(db):
    from django.http import QueryDict

    from tandem.directory.forms import SearchForm

    visitor = SearchForm(QueryDict("q=asthme&region=occ"))
    officer = SearchForm(QueryDict("q=cancer&status=pending"), show_status=True)
    assert "status" not in visitor.fields and "status" in officer.fields
    assert "status" in SearchForm.base_fields  # removing it from one form left the class alone
    assert (visitor.query, officer.query) == ("asthme", "cancer")
    assert visitor.filters().region == "occ" and officer.filters().status == "pending"
    with translation.override("fr"):
        assert "Toutes les régions" in str(SearchForm()["region"])
    with translation.override("en"):
        assert "All regions" in str(SearchForm()["region"])


def test_large_numbers_of_results_are_grouped_as_each_language_writes_them(client, db):
    from django.core.paginator import Page, Paginator
    from django.template.loader import render_to_string

    from tandem.directory.views import _results_title

    page = Page(list(range(20)), 3, Paginator(range(92168), 20))
    context = {"page": page, "rows": [1], "extra_query": ""}
    with translation.override("fr"):
        context["results_title"] = _results_title(92168)
        french = render_to_string("directory/_results.html", context)
        assert _results_title(1) == "1 organisation"
    with translation.override("en"):
        context["results_title"] = _results_title(92168)
        english = render_to_string("directory/_results.html", context)
        assert _results_title(1) == "1 organization"
    assert "92\xa0168 organisations" in french and "Page 3 sur 4\xa0609" in french
    assert "92,168 organizations" in english and "Page 3 of 4,609" in english


def _listed_areas(organization):
    results = search_organizations(organization.name, visible_to=None).rows()
    page = RankedPaginator(results, 20).get_page(1)
    return next(row.areas for row in page if row.pk == organization.pk)


def test_the_list_shows_an_organizations_areas_after_they_change(db, officer):
    from tandem.directory.services import update_organization

    organization = OrganizationFactory(name="Entraide Zéphyr", areas=[area("E10-E14")])
    assert _listed_areas(organization) == (str(area("E10-E14")),)
    update_organization(organization, by=officer, fields={}, disease_areas=[area("N80-N98")])
    assert _listed_areas(organization) == (str(area("N80-N98")),)
    organization.refresh_from_db()
    assert organization.area_ids == str(area("N80-N98").pk)


def test_deleting_an_area_rebuilds_the_search_columns_of_its_organizations(
    db, django_capture_on_commit_callbacks
):
    gone = DiseaseArea.objects.create(name_fr="Maladie effacée", name_en="Erased disease")
    kept = area("E10-E14")
    organization = OrganizationFactory(name="Entraide Zéphyr", areas=[gone, kept])
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    organization.refresh_from_db()
    assert organization.area_ids == str(kept.pk)
    assert f"qqd{gone.pk}" not in organization.facets.split()
    assert names(search_organizations("effacee", visible_to=None)) == []


def test_the_full_text_index_follows_changes_after_every_migration(db, officer):
    from tandem.directory.services import update_organization

    organization = OrganizationFactory(name="Entraide Zéphyr")
    update_organization(organization, by=officer, fields={"name": "Solidarité Alizé"})
    assert names(search_organizations("alize", visible_to=None)) == ["Solidarité Alizé"]
    assert names(search_organizations("zephyr", visible_to=None)) == []


@pytest.mark.parametrize(
    ("named", "query"),
    [
        ("Association des patientes", "patient"),
        ("Association des patients", "patientes"),
        ("Maladies orphelines", "maladie"),
        ("Rare diseases network", "disease"),
        ("Cancers de l'enfant", "cancer"),
        ("Les amis des cheveux", "cheveu"),
    ],
)
def test_a_word_finds_its_plural_and_feminine_forms(db, named, query):
    OrganizationFactory(name=named)
    assert names(search_organizations(query, visible_to=None)) == [named]


def test_a_word_that_looks_like_a_filter_token_is_rooted_as_any_word():
    from tandem.directory.text import indexed

    # Filter tokens have their own column (kept whole there); in the free text, a word.
    assert indexed("maladies rares qqrbre qqd12") == "maladi rare qqrbr qqd12"


def test_reindexing_rebuilds_what_an_older_version_wrote(db):
    from io import StringIO

    from django.core.management import call_command

    from tandem.directory.models import Organization

    organization = OrganizationFactory(name="Maladies orphelines", areas=[area("E10-E14")])
    columns = ("search_text", "facets", "area_ids")
    rebuilt = Organization.objects.values_list(*columns).get(pk=organization.pk)
    # As a previous version wrote it: words whole, filter tokens in the text, no area list.
    Organization.objects.filter(pk=organization.pk).update(
        search_text="maladies orphelines qqridf", facets="", area_ids=""
    )
    out = StringIO()
    call_command("reindex_directory", stdout=out)
    assert "Organizations reindexed: 1" in out.getvalue()
    assert Organization.objects.values_list(*columns).get(pk=organization.pk) == rebuilt
    call_command("reindex_directory", stdout=StringIO())  # idempotent
    assert Organization.objects.values_list(*columns).get(pk=organization.pk) == rebuilt
    assert names(search_organizations("maladie", visible_to=None)) == ["Maladies orphelines"]


def test_the_reindex_writes_by_batches_not_row_by_row(db, monkeypatch):
    """One UPDATE per batch of organizations: rebuilding 6 rows by batches of 3 costs what
    rebuilding 3 costs plus one read and one write, not 3 statements more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tandem.directory import services
    from tandem.directory.models import Organization

    monkeypatch.setattr(services, "REINDEX_BATCH", 3)

    def statements() -> int:
        with CaptureQueriesContext(connection) as queries:
            services.reindex_organizations()
        return sum(1 for q in queries if q["sql"].lstrip().upper().startswith("UPDATE"))

    for index in range(3):
        OrganizationFactory(name=f"Association {index}", areas=[area("E10-E14")])
    assert statements() == 1
    for index in range(3, 6):
        OrganizationFactory(name=f"Association {index}", areas=[area("E10-E14")])
    assert statements() == 2
    assert Organization.objects.filter(area_ids="").count() == 0


def test_the_filters_fragment_follows_the_area_tree_and_who_reads_it(
    client, db, admin_user, officer, django_capture_on_commit_callbacks
):
    cf = area("586")
    url = reverse("directory:directory")
    assert cf.name_en in client.get(url).content.decode()
    assert client.get(url).content.decode().count('name="status"') == 0
    with django_capture_on_commit_callbacks(execute=True):
        save_disease_area(cf.pk, by=admin_user, fields={"name_en": "Renamed in the filter"})
    assert "Renamed in the filter" in client.get(url).content.decode()
    client.force_login(officer)
    assert client.get(url).content.decode().count('name="status"') == 1  # not the visitor's
    bad = client.get(url, {"region": "atlantis"}).content.decode()
    assert 'class="error-text"' in bad  # a choice with an error is written afresh
