"""A person's own health information: optional, stored with consent, seen and changed by the
person alone, deleted (not hidden) when consent is withdrawn, exported and erased."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PERSONAS
from tandem.accounts import services as account_services
from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry
from tandem.directory import health
from tandem.directory.models import HealthCondition, HealthInformation, HealthRelation
from tandem.directory.tests.factories import area

LIVES_WITH = HealthRelation.LIVES_WITH
CARES_FOR = HealthRelation.CARES_FOR
HEALTH_URL = "/directory/me/health/"
DELETE_URL = "/directory/me/health/delete/"


@pytest.fixture
def mona_health(member, hiv, als):
    """Mona (the `member` persona) chose to say she lives with HIV and cares for someone
    with ALS."""
    return health.save_health_information(
        member, by=member, conditions=[(hiv, LIVES_WITH), (als, CARES_FOR)], consent=True
    )


def stored(person):
    return set(
        HealthCondition.objects.filter(information__user=person).values_list(
            "disease_area__code", "relation"
        )
    )


# --- The service ---------------------------------------------------------------------------


def test_nothing_is_stored_by_default(member):
    assert health.health_information_of(member, viewer=member) is None
    assert not HealthInformation.objects.exists()


def test_nothing_is_stored_without_consent(member, hiv):
    with pytest.raises(DomainError) as exc:
        health.save_health_information(member, by=member, conditions=[(hiv, LIVES_WITH)])
    assert exc.value.code == "consent"
    assert not HealthInformation.objects.exists()
    assert not ActionLogEntry.objects.filter(action__startswith="directory.health").exists()


def test_consent_stores_the_conditions_and_the_time_of_consent(member, hiv, als):
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        info = health.save_health_information(
            member, by=member, conditions=[(hiv, LIVES_WITH), (als, CARES_FOR)], consent=True
        )
    assert info is not None and info.consented_at == moment
    assert stored(member) == {("B20-B24", "self"), ("803", "carer")}


def test_one_may_live_with_a_disease_and_care_for_someone_with_it_too(member, hiv):
    health.save_health_information(
        member, by=member, conditions=[(hiv, LIVES_WITH), (hiv, CARES_FOR)], consent=True
    )
    assert stored(member) == {("B20-B24", "self"), ("B20-B24", "carer")}


def test_saving_again_replaces_the_list_and_keeps_the_first_consent(member, mona_health, hiv):
    later = timezone.now() + dt.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        info = health.save_health_information(member, by=member, conditions=[(hiv, CARES_FOR)])
    assert info is not None and info.consented_at == mona_health.consented_at
    assert stored(member) == {("B20-B24", "carer")}


def test_saving_an_empty_list_deletes_everything(member, mona_health):
    assert health.save_health_information(member, by=member, conditions=[]) is None
    assert not HealthInformation.objects.exists()
    assert not HealthCondition.objects.exists()


def test_withdrawing_consent_deletes_the_data_for_good(member, mona_health):
    assert health.delete_health_information(member, by=member) is True
    # Deleted rows, not hidden ones: nothing is left in either table.
    assert not HealthInformation.objects.exists()
    assert not HealthCondition.objects.exists()
    assert health.delete_health_information(member, by=member) is False


def test_saving_the_same_list_twice_logs_once(member, hiv):
    for _ in range(2):
        health.save_health_information(
            member, by=member, conditions=[(hiv, LIVES_WITH)], consent=True
        )
    assert ActionLogEntry.objects.filter(action="directory.health_information.saved").count() == 1


def test_the_log_says_that_it_changed_never_what_it_says(member, mona_health, hiv, als):
    health.save_health_information(member, by=member, conditions=[(hiv, CARES_FOR)])
    health.delete_health_information(member, by=member)
    entries = list(
        ActionLogEntry.objects.filter(action__startswith="directory.health").order_by("pk")
    )
    assert [e.action for e in entries] == [
        "directory.health_information.saved",
        "directory.health_information.saved",
        "directory.health_information.deleted",
    ]
    assert all(e.data == {} and e.object_repr == str(member) for e in entries)
    everything = json.dumps(
        list(ActionLogEntry.objects.values("action", "object_repr", "data", "actor_label")),
        ensure_ascii=False,
    )
    for secret in (hiv.name_en, hiv.name_fr, hiv.code, als.name_en, als.name_fr, "carer"):
        assert secret not in everything


@pytest.mark.parametrize(
    "persona",
    [p for p in PERSONAS if p not in ("anonymous", "member")],
)
def test_nobody_else_reads_or_changes_a_persons_health_information(
    persona, request, member, mona_health, hiv
):
    other = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        health.health_information_of(member, viewer=other)
    with pytest.raises(PermissionDenied):
        health.save_health_information(member, by=other, conditions=[(hiv, CARES_FOR)])
    with pytest.raises(PermissionDenied):
        health.delete_health_information(member, by=other)
    assert stored(member) == {("B20-B24", "self"), ("803", "carer")}


def test_not_even_a_superuser_or_an_anonymous_visitor(member, mona_health):
    superuser = UserFactory(roles=["admin"], is_superuser=True, is_staff=True)
    for other in (superuser, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            health.health_information_of(member, viewer=other)
    with pytest.raises(PermissionDenied):
        health.delete_health_information(member, by=superuser)
    assert HealthInformation.objects.filter(user=member).exists()


def test_the_personal_data_export_holds_it(client, member, mona_health, researcher):
    client.force_login(member)
    data = json.loads(client.get(reverse("accounts:export_data")).content)
    section = data["health_information"]
    assert section["consented_at"] == mona_health.consented_at.isoformat()
    assert {(c["disease_area"]["code"], c["relation"]) for c in section["conditions"]} == {
        ("B20-B24", "self"),
        ("803", "carer"),
    }
    assert account_services.export_personal_data(researcher)["health_information"] is None


def test_erasing_the_account_deletes_it(member, mona_health, admin_user):
    account_services.erase_account(member, by=admin_user)
    assert not HealthInformation.objects.exists()
    assert not HealthCondition.objects.exists()


# --- The page ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_signed_in_person_has_the_page_for_their_own(persona, as_persona):
    client, _user = as_persona(persona)
    response = client.get(reverse("directory:health"))
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 200
        assert "Only I can see them" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_person_sees_only_their_own(persona, as_persona, member, mona_health, hiv):
    client, _user = as_persona(persona)
    response = client.get(reverse("directory:health"))
    content = response.content.decode()
    if persona == "member":
        assert hiv.name_en in content
        assert "I live with it" in content
    elif persona != "anonymous":
        assert response.status_code == 200
        assert "You have not given any health information" in content
        assert f'value="{hiv.pk}:self"' not in content


@pytest.mark.parametrize("persona", PERSONAS)
def test_nobody_else_can_delete_it(persona, as_persona, member, mona_health):
    client, _user = as_persona(persona)
    response = client.post(reverse("directory:delete_health"))
    assert response.status_code == 302
    assert HealthInformation.objects.filter(user=member).exists() == (persona != "member")


def test_the_profile_page_links_to_it(client, member):
    client.force_login(member)
    assert reverse("directory:health") in client.get(reverse("accounts:profile")).content.decode()


def test_a_person_records_a_disease_area_with_consent(client, member, hiv):
    client.force_login(member)
    response = client.post(
        HEALTH_URL, {"disease_area": hiv.pk, "relation": "self", "consent": "on"}
    )
    assert response.status_code == 302
    assert stored(member) == {("B20-B24", "self")}
    page = client.get(HEALTH_URL).content.decode()
    assert "Your health information is saved." in page
    assert f"{hiv.name_en} — I live with it" in page


def test_without_consent_nothing_is_stored_and_the_form_keeps_what_was_typed(client, member, hiv):
    client.force_login(member)
    response = client.post(HEALTH_URL, {"disease_area": hiv.pk, "relation": "carer"})
    assert response.status_code == 422
    content = response.content.decode()
    assert "Tick this box to store your health information" in content
    assert f'<option value="{hiv.pk}" selected>' in content
    assert 'value="carer" id="id_relation_1" checked' in content
    assert not HealthInformation.objects.exists()


def test_a_disease_area_needs_the_persons_link_with_it(client, member, hiv):
    client.force_login(member)
    response = client.post(HEALTH_URL, {"disease_area": hiv.pk, "consent": "on"})
    assert response.status_code == 422
    content = response.content.decode()
    assert "Say whether you live with this disease" in content
    assert f'<option value="{hiv.pk}" selected>' in content
    assert 'name="consent" id="id_consent" checked' in content
    # The error summary's link leads to the group of choices.
    assert 'href="#id_relation"' in content and '<fieldset id="id_relation"' in content
    assert not HealthInformation.objects.exists()


def test_an_empty_form_stores_nothing(client, member):
    client.force_login(member)
    response = client.post(HEALTH_URL, {"consent": "on"})
    assert response.status_code == 422
    assert not HealthInformation.objects.exists()


def test_adding_a_second_area_keeps_the_first(client, member, mona_health, hiv, als):
    client.force_login(member)
    diabetes = area("E10-E14")
    response = client.post(
        HEALTH_URL,
        {
            "keep": [f"{hiv.pk}:self", f"{als.pk}:carer"],
            "disease_area": diabetes.pk,
            "relation": "carer",
        },
    )
    assert response.status_code == 302
    assert stored(member) == {("B20-B24", "self"), ("803", "carer"), ("E10-E14", "carer")}


def test_unticking_an_area_deletes_it(client, member, mona_health, hiv):
    client.force_login(member)
    response = client.post(HEALTH_URL, {"keep": [f"{hiv.pk}:self"]})
    assert response.status_code == 302
    assert stored(member) == {("B20-B24", "self")}


def test_unticking_every_area_deletes_everything(client, member, mona_health):
    client.force_login(member)
    response = client.post(HEALTH_URL, {})
    assert response.status_code == 302
    assert not HealthInformation.objects.exists()
    assert "Your health information is deleted." in client.get(HEALTH_URL).content.decode()


def test_one_cannot_keep_what_one_did_not_give(client, member, mona_health, hiv):
    client.force_login(member)
    response = client.post(HEALTH_URL, {"keep": [f"{hiv.pk}:self", "1:self"]})
    assert response.status_code == 422
    assert stored(member) == {("B20-B24", "self"), ("803", "carer")}


def test_deleting_through_the_page_asks_to_confirm_first(client, member, mona_health):
    client.force_login(member)
    page = client.get(HEALTH_URL).content.decode()
    # A link to the confirmation page, not a button that deletes at once.
    assert f'<a class="button button-danger" href="{DELETE_URL}">' in page
    assert f'action="{DELETE_URL}"' not in page
    assert client.get(DELETE_URL).status_code == 200
    response = client.post(DELETE_URL)
    assert response.status_code == 302
    assert response["Location"] == HEALTH_URL
    assert not HealthInformation.objects.exists()
    assert not HealthCondition.objects.exists()
    assert "Your health information is deleted." in client.get(HEALTH_URL).content.decode()


@pytest.mark.parametrize("url", [HEALTH_URL, DELETE_URL])
def test_the_page_and_its_confirmation_are_not_kept_in_any_cache(client, member, mona_health, url):
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_page_reads_the_same_number_of_queries_for_one_area_or_many(client, member, hiv):
    client.force_login(member)
    health.save_health_information(member, by=member, conditions=[(hiv, LIVES_WITH)], consent=True)
    client.get(HEALTH_URL)  # warm the per-process area labels
    with CaptureQueriesContext(connection) as one:
        client.get(HEALTH_URL)
    many = [(area(code), CARES_FOR) for code in ("803", "586", "E10-E14", "232")]
    health.save_health_information(member, by=member, conditions=[(hiv, LIVES_WITH), *many])
    with CaptureQueriesContext(connection) as five:
        client.get(HEALTH_URL)
    assert len(five) == len(one)


def in_french(client, person):
    person.language = "fr"
    person.save()
    client.force_login(person)
    client.cookies["django_language"] = "fr"
    return client


def test_the_page_speaks_french(client, member, mona_health, hiv):
    content = in_french(client, member).get(HEALTH_URL).content.decode()
    assert "Mes informations de santé" in content
    assert "Je vis avec" in content
    assert hiv.name_fr.replace("'", "&#x27;") in content


# --- The confirmation of the deletion --------------------------------------------------------


def test_the_confirmation_page_says_what_will_be_deleted_and_deletes_nothing(
    client, member, mona_health, hiv, als
):
    client.force_login(member)
    log_before = ActionLogEntry.objects.count()
    response = client.get(DELETE_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Delete my health information?</h1>" in content
    assert f"<li>{hiv.name_en} — I live with it</li>" in content
    assert f"<li>{als.name_en} — I care for someone who lives with it</li>" in content
    assert "withdraws the consent you gave on" in content
    # Confirm posts the deletion to this page; Cancel leads back.
    assert '<form method="post" class="form">' in content
    assert "Yes, delete my health information</button>" in content
    assert f'<a href="{HEALTH_URL}">Cancel and keep it</a>' in content
    assert stored(member) == {("B20-B24", "self"), ("803", "carer")}
    assert ActionLogEntry.objects.count() == log_before


def test_with_nothing_stored_the_confirmation_page_leads_back(client, member):
    client.force_login(member)
    response = client.get(DELETE_URL)
    assert response.status_code == 302
    assert response["Location"] == HEALTH_URL


def test_confirming_deletes_it_and_logs_it_once(client, member, mona_health):
    client.force_login(member)
    client.get(DELETE_URL)
    client.post(DELETE_URL)
    assert not HealthInformation.objects.exists()
    assert not HealthCondition.objects.exists()
    assert ActionLogEntry.objects.filter(action="directory.health_information.deleted").count() == 1


def test_the_confirmation_page_answers_only_get_and_post(client, member, mona_health):
    client.force_login(member)
    assert client.delete(DELETE_URL).status_code == 405
    assert client.put(DELETE_URL).status_code == 405
    assert HealthInformation.objects.filter(user=member).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_nobody_else_reaches_the_confirmation_page(
    persona, as_persona, member, mona_health, hiv, als
):
    client, _user = as_persona(persona)
    response = client.get(DELETE_URL)
    content = response.content.decode()
    if persona == "member":
        assert response.status_code == 200
        assert hiv.name_en in content
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        # Everyone else has only their own, which is empty: back to their own page.
        assert response.status_code == 302
        assert response["Location"] == HEALTH_URL
    if persona != "member":
        for secret in (hiv.name_en, als.name_en, "I live with it"):
            assert secret not in content
    assert stored(member) == {("B20-B24", "self"), ("803", "carer")}


def test_the_confirmation_page_speaks_french(client, member, mona_health):
    content = in_french(client, member).get(DELETE_URL).content.decode()
    assert "Supprimer mes informations de santé\u202f?" in content
    assert "Je vis avec" in content
    assert "Annuler et les garder" in content


# --- Demo data -----------------------------------------------------------------------------


def test_only_one_demo_person_chose_to_give_health_information(db):
    from tandem.accounts import demo as account_demo
    from tandem.directory import demo

    account_demo.load()
    demo.load()
    demo.load()
    assert list(HealthInformation.objects.values_list("user__email", flat=True)) == [
        "member@example.org"
    ]
    assert stored(HealthInformation.objects.get().user) == {("E10-E14", "self")}
    assert ActionLogEntry.objects.filter(action="directory.health_information.saved").count() == 1
