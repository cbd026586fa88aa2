"""The disease-area tree is written by one service, `save_disease_area`, for the reference page
and the API alike: the fields and the place in the tree in one transaction, on the rows locked
and read again (the area, its new parent and the parent's ancestors), logged, the labels of
every process dropped once committed."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.core.audit import history_of
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry
from tandem.core.tests.threads import in_thread, postgres_only, race
from tandem.directory import queries, reference_data
from tandem.directory.labels import disease_area_names
from tandem.directory.models import DiseaseArea
from tandem.directory.search import OrganizationFilters, search_organizations
from tandem.directory.tests.factories import OrganizationFactory, ResearcherFactory, area

pytestmark = pytest.mark.django_db


def test_an_area_is_created_under_its_parent_logged_and_shown_at_once(
    officer, django_capture_on_commit_callbacks
):
    block = area("E10-E14")
    disease_area_names()  # the labels, cached before the change
    with django_capture_on_commit_callbacks(execute=True):
        new = reference_data.save_disease_area(
            by=officer,
            fields={"name_fr": "Diabète de type 1", "name_en": "Type 1 diabetes", "parent": block},
        )
    assert (new.path, new.depth) == (f"{block.path}{new.pk}/", block.depth + 1)
    assert new.sort_key == block.sort_key + "999"  # last among its siblings
    entry = history_of(new).get()
    assert (entry.action, entry.actor) == ("directory.disease_area.saved", officer)
    assert disease_area_names()[new.pk][1] == "Type 1 diabetes"


def test_a_request_reads_the_labels_once_and_again_after_changing_the_tree(
    rf, officer, django_capture_on_commit_callbacks
):
    """A search's form, filter and rows all ask for the names: one cache read per request,
    and a change made by the request itself is seen at once (the memo is forgotten)."""
    from unittest import mock

    from tandem.core import cache
    from tandem.core.request_memo import RequestMemoMiddleware

    block = area("E10-E14")
    disease_area_names()  # cached in the shared cache

    def view(request):
        with mock.patch.object(cache.cache, "get_many", wraps=cache.cache.get_many) as reads:
            for _ in range(3):
                disease_area_names()
        assert reads.call_count == 1
        with django_capture_on_commit_callbacks(execute=True):
            reference_data.save_disease_area(block.pk, by=officer, fields={"name_en": "Sugar"})
        return disease_area_names()[block.pk][1]

    assert RequestMemoMiddleware(view)(rf.get("/")) == "Sugar"


def test_fields_left_out_keep_their_value_and_the_place_in_the_tree_too(officer):
    cf = area("586")
    before = (cf.name_fr, cf.parent_id, cf.path, cf.depth, cf.sort_key)
    reference_data.save_disease_area(cf.pk, by=officer, fields={"name_en": "CF"})
    cf.refresh_from_db()
    assert cf.name_en == "CF"
    assert (cf.name_fr, cf.parent_id, cf.path, cf.depth, cf.sort_key) == before


def test_a_moved_area_takes_its_subtree_with_it_in_the_trees_order(officer):
    rare, neoplasms = area("RARE"), area("II")
    reference_data.save_disease_area(rare.pk, by=officer, fields={"parent": neoplasms})
    rare.refresh_from_db()
    cf = area("586")
    assert (rare.path, rare.depth) == (f"{neoplasms.path}{rare.pk}/", 1)
    assert (cf.path, cf.depth) == (f"{rare.path}{cf.pk}/", 2)
    assert cf.sort_key.startswith(rare.sort_key) and rare.sort_key.startswith(neoplasms.sort_key)
    tree = list(queries.disease_area_tree())
    # The tree's order: rare diseases and their diseases now follow the neoplasms' blocks.
    below = [a for a in tree[tree.index(neoplasms) + 1 :] if a.path.startswith(neoplasms.path)]
    assert below[-11:] == [rare, *rare.children.order_by("sort_key", "path")]
    reference_data.save_disease_area(rare.pk, by=officer, fields={"parent": None})
    cf.refresh_from_db()
    assert (cf.path, cf.depth) == (f"/{rare.pk}/{cf.pk}/", 1)


@pytest.mark.parametrize("under", ["RARE", "586"], ids=["itself", "its child"])
def test_an_area_put_under_itself_or_its_descendants_is_refused_and_nothing_written(officer, under):
    rare = area("RARE")
    before = ActionLogEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        reference_data.save_disease_area(
            rare.pk, by=officer, fields={"name_en": "Changed", "parent": area(under)}
        )
    assert refused.value.code == "cycle"
    after = area("RARE")
    assert (after.name_en, after.parent_id, after.path) == (rare.name_en, None, rare.path)
    assert ActionLogEntry.objects.count() == before


def test_a_code_already_used_in_its_system_is_refused_and_nothing_written(officer):
    cf = area("586")
    before = ActionLogEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        reference_data.save_disease_area(
            by=officer,
            fields={"name_fr": "Autre", "name_en": "Other", "code_system": "ORPHA", "code": "586"},
        )
    assert refused.value.code == "duplicate"
    assert DiseaseArea.objects.filter(code="586").get() == cf
    assert ActionLogEntry.objects.count() == before


def test_a_field_that_is_not_an_areas_is_a_programming_error(officer):
    with pytest.raises(ValueError, match="path"):
        reference_data.save_disease_area(area("586").pk, by=officer, fields={"path": "/1/"})


def test_the_page_moves_an_area_through_the_service(client, officer):
    rare, neoplasms = area("RARE"), area("II")
    client.force_login(officer)
    saved = client.post(
        reverse("directory:reference_edit", args=["disease-areas", rare.pk]),
        {"name_fr": rare.name_fr, "name_en": rare.name_en, "parent": neoplasms.pk},
    )
    assert saved.status_code == 302
    assert area("586").path.startswith(neoplasms.path)
    assert history_of(rare).get().actor == officer


def test_a_refused_move_on_the_page_is_said_in_french_and_keeps_what_was_typed(client, officer):
    rare = area("RARE")
    officer.language = "fr"  # pages speak their reader's language
    officer.save()
    client.force_login(officer)
    before = ActionLogEntry.objects.count()
    refused = client.post(
        reverse("directory:reference_edit", args=["disease-areas", rare.pk]),
        {"name_fr": "Maladies très rares", "name_en": rare.name_en, "parent": area("586").pk},
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Un domaine ne peut pas être placé sous lui-même" in page
    assert 'value="Maladies très rares"' in page
    assert area("RARE").name_fr == rare.name_fr
    assert ActionLogEntry.objects.count() == before


def test_a_renamed_area_finds_its_organizations_and_researchers_by_the_new_name_only(officer):
    cf = area("586")
    org = OrganizationFactory(name="Souffle partagé", areas=[cf])
    other = OrganizationFactory(name="Autre", areas=[area("E10-E14")])
    person = ResearcherFactory(areas=[cf])
    old = cf.name_fr.split()[0]  # "Mucoviscidose"
    assert [o.pk for o in search_organizations(old, visible_to=None)] == [org.pk]
    reference_data.save_disease_area(
        cf.pk, by=officer, fields={"name_fr": "Fibrose kystique", "synonyms": "FK"}
    )
    assert [o.pk for o in search_organizations("fibrose kystique", visible_to=None)] == [org.pk]
    assert [o.pk for o in search_organizations("fk", visible_to=None)] == [org.pk]
    assert list(search_organizations(old, visible_to=None)) == []
    found = queries.search_researchers("fibrose kystique", visible_to=officer)
    assert [p.pk for p in found] == [person.pk]
    assert list(queries.search_researchers(old, visible_to=officer)) == []
    other.refresh_from_db()
    assert "fibrose" not in other.search_text


def test_a_moved_areas_organizations_are_found_under_their_new_ancestors_only(officer):
    """The filter by a disease area finds the organizations of its descendants through their
    indexed ancestors: moving an area (here the rare diseases, with cystic fibrosis below)
    moves its organizations under the new ancestors."""
    rare, neoplasms, cf = area("RARE"), area("II"), area("586")
    org = OrganizationFactory(name="Souffle partagé", areas=[cf])

    def under(node):
        filters = OrganizationFilters(disease_area=node)
        return [o.pk for o in search_organizations("", filters, visible_to=None)]

    assert (under(rare), under(neoplasms)) == ([org.pk], [])
    reference_data.save_disease_area(rare.pk, by=officer, fields={"parent": neoplasms})
    assert (under(rare), under(neoplasms)) == ([org.pk], [org.pk])
    assert [
        o.pk
        for o in search_organizations("souffle", OrganizationFilters(neoplasms), visible_to=None)
    ] == [org.pk]
    reference_data.save_disease_area(rare.pk, by=officer, fields={"parent": None})
    assert (under(rare), under(neoplasms)) == ([org.pk], [])


def _queries_to_move_and_rename(officer, name: str, organizations: int) -> int:
    """Queries of moving then renaming a new area (a leaf) that `organizations` organizations
    and as many researchers are linked to: each rewrites every linked row's search columns."""
    node = reference_data.save_disease_area(
        by=officer, fields={"name_fr": name, "name_en": name, "parent": area("E10-E14")}
    )
    OrganizationFactory.create_batch(organizations, areas=[node])
    ResearcherFactory.create_batch(organizations, areas=[node])
    with CaptureQueriesContext(connection) as moved:
        reference_data.save_disease_area(node.pk, by=officer, fields={"parent": area("II")})
        reference_data.save_disease_area(node.pk, by=officer, fields={"name_fr": f"{name} bis"})
    return len(moved.captured_queries)


def test_moving_an_area_rewrites_its_organizations_in_batches_not_row_by_row(officer):
    """A high-level area carries thousands of organizations: their search columns are written
    in batches (bulk_update), so the number of queries does not grow with theirs."""
    few = _queries_to_move_and_rename(officer, "Quelques", 2)
    many = _queries_to_move_and_rename(officer, "Beaucoup", 20)
    assert many == few
    moved = search_organizations("beaucoup bis", OrganizationFilters(area("II")), visible_to=None)
    assert len(moved) == 20
    assert len(queries.search_researchers("beaucoup bis", visible_to=officer)) == 20


def test_the_api_rename_is_searched_at_once(client, officer):
    cf = area("586")
    org = OrganizationFactory(name="Souffle partagé", areas=[cf])
    client.force_login(officer)
    response = client.patch(
        f"/api/v1/disease-areas/{cf.pk}",
        {"name_en": "Cystic fibrosis renamed"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert [o.pk for o in search_organizations("renamed", visible_to=None)] == [org.pk]


# --- Two officers at once (PostgreSQL: SQLite has no row locks) ---------------------------


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_crossing_moves_at_once_leave_a_tree(officer, admin_user):
    """The rare diseases under a block of the neoplasms, and the neoplasms under cystic
    fibrosis (a rare disease), at the same moment: each alone is allowed, both together make a
    cycle. Each move locks its area's subtree, which holds the other's new parent, so the
    second waits, sees the first and is refused. (Without these locks: a deadlock or a cycle.)"""
    rare, neoplasms = area("RARE"), area("II")
    block, cf = area("C00-C14"), area("586")
    refusals = race(
        [
            lambda: reference_data.save_disease_area(rare.pk, by=officer, fields={"parent": block}),
            lambda: reference_data.save_disease_area(
                neoplasms.pk, by=admin_user, fields={"parent": cf}
            ),
        ]
    )
    assert [r.code for r in refusals] == ["cycle"]
    for node in DiseaseArea.objects.all():
        ids = [int(i) for i in node.path.strip("/").split("/")]
        assert len(ids) == len(set(ids)) == node.depth + 1
        assert ids[-1] == node.pk
        assert (ids[-2] if len(ids) > 1 else None) == node.parent_id


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_areas_created_at_once_with_one_code_make_one_area(officer, admin_user):
    fields = {"name_fr": "Nouveau", "name_en": "New", "code_system": "ORPHA", "code": "999001"}
    refusals = race(
        [
            lambda by=by: reference_data.save_disease_area(by=by, fields=fields)
            for by in (officer, admin_user)
        ]
    )
    assert DiseaseArea.objects.filter(code="999001").count() == 1
    assert [r.code for r in refusals] == ["duplicate"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_move_that_finds_the_tree_changed_locks_again_in_order_and_no_deadlock(
    officer, admin_user, monkeypatch
):
    """X is moved under P. Between its first read of the tree and its lock, P is moved under
    Q (committed), and another transaction holds Q and then asks for X (locking in id order:
    Q's id is lower). The move sees the new ancestor Q once it holds X and P: it must not wait
    for Q while holding X (each would wait on the other: a deadlock), but release its locks
    and take Q, P and X again in id order."""

    def root(name):
        return reference_data.save_disease_area(
            by=officer, fields={"name_fr": name, "name_en": name, "parent": None}
        )

    q, p, x = root("Q"), root("P"), root("X")
    assert q.pk < p.pk < x.pk
    q_held, x_wanted = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def holder():  # holds Q, then asks for X
        with transaction.atomic():
            DiseaseArea.objects.select_for_update().get(pk=q.pk)
            q_held.set()
            assert x_wanted.wait(10)
            DiseaseArea.objects.select_for_update().get(pk=x.pk)

    real, calls = reference_data._around, []
    holding = []

    def around(pk, parent_id):
        calls.append(pk)
        found = real(pk, parent_id)
        if len(calls) == 1:  # read before the lock: then the tree changes and Q is taken
            in_thread(
                lambda: reference_data.save_disease_area(p.pk, by=admin_user, fields={"parent": q}),
                failures,
            ).join()
            holding.append(in_thread(holder, failures))
            assert q_held.wait(10)
        elif len(calls) == 2:  # read again, X and P locked: the holder asks for X
            x_wanted.set()
        return found

    monkeypatch.setattr(reference_data, "_around", around)
    try:
        reference_data.save_disease_area(x.pk, by=officer, fields={"parent": p})
    except BaseException as exc:
        failures.append(exc)
    x_wanted.set()
    for thread in holding:
        thread.join()
    assert failures == []
    x.refresh_from_db()
    assert x.path == f"/{q.pk}/{p.pk}/{x.pk}/"


def test_the_parent_chooser_does_not_offer_the_area_itself_nor_its_descendants(client, officer):
    rare, cf, neoplasms = area("RARE"), area("586"), area("II")
    client.force_login(officer)

    def offered(url):
        page = client.get(url).content.decode()
        select = page.split('name="parent"')[1].split("</select>")[0]
        return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}

    edit = offered(reverse("directory:reference_edit", args=["disease-areas", rare.pk]))
    subtree = set(
        DiseaseArea.objects.filter(path__startswith=rare.path).values_list("pk", flat=True)
    )
    assert {rare.pk, cf.pk} <= subtree and len(subtree) > 2
    assert edit == set(DiseaseArea.objects.values_list("pk", flat=True)) - subtree
    assert neoplasms.pk in edit
    # A leaf offers everything but itself; a new area everything.
    assert offered(reverse("directory:reference_edit", args=["disease-areas", cf.pk])) == set(
        DiseaseArea.objects.exclude(pk=cf.pk).values_list("pk", flat=True)
    )
    assert offered(reverse("directory:reference_new", args=["disease-areas"])) == set(
        DiseaseArea.objects.values_list("pk", flat=True)
    )
