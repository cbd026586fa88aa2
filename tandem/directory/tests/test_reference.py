"""Reference data (institutes, regional offices, research units) is written by one service,
`save_reference`, for the page and the API alike: fields, staff and a unit's institutes in one
transaction, on the row locked and read again, logged with the staff added and removed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.tests.factories import UserFactory
from tandem.core.audit import history_of
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry
from tandem.core.tests.threads import postgres_only, race
from tandem.directory import reference_data
from tandem.directory.models import Institute, RegionalOffice, ResearchUnit
from tandem.directory.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_an_institute_is_created_with_its_staff_and_logged(officer):
    ines, paul = UserFactory(), UserFactory()
    institute = reference_data.save_reference(
        Institute,
        by=officer,
        fields={"name_fr": "Santé publique", "name_en": "Public health", "acronym": "SP"},
        staff=[paul, ines],
    )
    assert set(institute.staff.all()) == {ines, paul}
    entry = history_of(institute).get()
    assert entry.action == "directory.institute.saved"
    assert entry.actor == officer
    assert entry.data == {"staff_added": sorted([ines.pk, paul.pk]), "staff_removed": []}


def test_fields_and_staff_left_out_keep_their_value(officer):
    office = RegionalOffice.objects.order_by("pk").first()
    colleague = UserFactory()
    office.staff.add(colleague)
    city = office.city
    reference_data.save_reference(
        RegionalOffice, office.pk, by=officer, fields={"name": "Nouveau nom"}
    )
    office.refresh_from_db()
    assert (office.name, office.city) == ("Nouveau nom", city)
    assert list(office.staff.all()) == [colleague]
    assert history_of(office).get().data == {}


def test_the_staff_given_replaces_the_staff_and_the_log_names_who_came_and_went(officer):
    institute = Institute.objects.order_by("pk").first()
    stays, goes, comes = UserFactory(), UserFactory(), UserFactory()
    institute.staff.add(stays, goes)
    reference_data.save_reference(
        Institute, institute.pk, by=officer, fields={}, staff=[stays, comes]
    )
    assert set(institute.staff.all()) == {stays, comes}
    assert history_of(institute).get().data == {
        "staff_added": [comes.pk],
        "staff_removed": [goes.pk],
    }


def test_a_units_institutes_are_set_with_its_fields(officer):
    institutes = list(Institute.objects.order_by("pk")[:2])
    unit = reference_data.save_reference(
        ResearchUnit,
        by=officer,
        fields={"code": "U1500", "name": "Unité", "city": "Lyon"},
        institutes=institutes,
    )
    assert list(unit.institutes.order_by("pk")) == institutes
    assert history_of(unit).get().action == "directory.researchunit.saved"


def test_a_unit_code_already_used_is_refused_and_nothing_is_written(officer):
    UnitFactory(code="U1600")
    other = UnitFactory(code="U1601", name="Avant")
    before = ActionLogEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        reference_data.save_reference(
            ResearchUnit, other.pk, by=officer, fields={"code": "U1600", "name": "Après"}
        )
    assert refused.value.code == "duplicate"
    other.refresh_from_db()
    assert (other.code, other.name) == ("U1601", "Avant")
    assert ActionLogEntry.objects.count() == before


def test_a_field_that_is_not_reference_data_is_a_programming_error(officer):
    institute = Institute.objects.order_by("pk").first()
    with pytest.raises(ValueError, match="created"):
        reference_data.save_reference(Institute, institute.pk, by=officer, fields={"created": None})


def test_the_page_saves_a_unit_and_its_institutes_through_the_service(client, officer):
    institute = Institute.objects.order_by("pk").first()
    client.force_login(officer)
    saved = client.post(
        reverse("directory:reference_new", args=["units"]),
        {"code": "umr  1700", "name": "Unité mixte", "city": "Lille", "institutes": [institute.pk]},
    )
    assert saved.status_code == 302
    unit = ResearchUnit.objects.get(code="UMR 1700")
    assert list(unit.institutes.all()) == [institute]
    assert history_of(unit).get().actor == officer


def test_a_refused_staff_list_on_the_page_is_named_in_french_and_nothing_is_written(
    client, officer
):
    institute = Institute.objects.order_by("pk").first()
    officer.language = "fr"  # pages speak their reader's language
    officer.save()
    client.force_login(officer)
    before = ActionLogEntry.objects.count()
    refused = client.post(
        reverse("directory:reference_edit", args=["institutes", institute.pk]),
        {"name_fr": "Changé", "name_en": "Changed", "staff": "personne@example.org"},
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Aucun compte n" in page and "personne@example.org" in page
    institute.refresh_from_db()
    assert institute.name_fr != "Changé"
    assert ActionLogEntry.objects.count() == before


# --- Two officers at once (PostgreSQL: SQLite has no row locks) ---------------------------


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_adding_the_same_person_at_once_log_the_addition_once(officer, admin_user):
    """Each save reads the staff it replaces once the row is locked: the second sees the first's
    addition, so the log says once who came. (The row's UPDATE takes the same lock, so this
    test alone would not notice the explicit lock gone.)"""
    institute = Institute.objects.order_by("pk").first()
    person = UserFactory()
    refusals = race(
        [
            lambda by=by: reference_data.save_reference(
                Institute, institute.pk, by=by, fields={}, staff=[person]
            )
            for by in (officer, admin_user)
        ]
    )
    assert refusals == []
    assert list(institute.staff.all()) == [person]
    added = [e.data["staff_added"] for e in history_of(institute)]
    assert sorted(added) == [[], [person.pk]]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_units_created_at_once_with_one_code_make_one_unit(officer, admin_user):
    refusals = race(
        [
            lambda by=by: reference_data.save_reference(
                ResearchUnit, by=by, fields={"code": "U1800", "name": "Unité"}, institutes=[]
            )
            for by in (officer, admin_user)
        ]
    )
    assert ResearchUnit.objects.filter(code="U1800").count() == 1
    assert [r.code for r in refusals] == ["duplicate"]


def test_staff_addresses_are_found_whatever_their_case(officer):
    stored = UserFactory(email="Ines.Martin@Example.org")
    people, unknown = reference_data.people_by_email(
        [" ines.martin@example.ORG ", "nobody@example.org"]
    )
    assert (people, unknown) == ([stored], ["nobody@example.org"])
