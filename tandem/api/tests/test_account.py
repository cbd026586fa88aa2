"""Your own account through the API (tandem/api/account.py, `PATCH me`): the journeys of the
profile's pages, with their checks, and nothing written when refused."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tandem.accounts import services
from tandem.accounts.models import ApiToken, User
from tandem.accounts.tests.conftest import App
from tandem.accounts.tests.factories import UserFactory
from tandem.api.tests.conftest import bearer
from tandem.core.models import ActionLogEntry
from tandem.core.validators import validate_single_line

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- PATCH me -------------------------------------------------------------------------------


def test_a_person_changes_their_profile_and_the_change_is_logged(client, researcher):
    User.objects.filter(pk=researcher.pk).update(language="fr")
    response = client.patch(
        ME,
        {"phone": "+33 6 00 00 00 00", "language": "en", "accessibility_needs": ["wheelchair"]},
        content_type="application/json",
        headers=bearer(researcher),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["phone"] == "+33 6 00 00 00 00"
    assert response.json()["accessibility_needs"] == ["wheelchair"]
    researcher.refresh_from_db()
    assert (researcher.language, researcher.accessibility_needs) == ("en", ["wheelchair"])
    assert researcher.first_name == "Rémi"  # a field not sent is kept
    entry = ActionLogEntry.objects.get(action="accounts.profile.updated")
    assert sorted(entry.data["fields"]) == ["accessibility_needs", "language", "phone"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language": "de"}, "language"),
        ({"first_name": "Two\nlines"}, "first_name"),
        ({"first_name": "x" * 151}, "first_name"),
        ({"accessibility_needs": ["jetpack"]}, "accessibility_needs.0"),
        ({"contact_by_email": "maybe"}, "contact_by_email"),
        ({"phone": "abc"}, "phone"),  # the page's rule, from the one service
    ],
)
def test_a_wrong_profile_field_is_a_400_naming_it_and_nothing_is_saved(
    client, researcher, writes, body, field
):
    headers = bearer(researcher)
    with writes() as written:
        response = client.patch(ME, body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert written == []


def test_profile_errors_are_in_the_persons_language(client, researcher):
    researcher.language = "fr"
    researcher.save()
    response = client.patch(
        ME,
        {"first_name": "Deux\nlignes"},
        content_type="application/json",
        headers={**bearer(researcher), "Accept-Language": "fr"},
    )
    assert response.status_code == 400
    french, english = _two_lines_refused("fr"), _two_lines_refused("en")
    assert french != english
    assert response.json()["errors"]["first_name"] == french


def _two_lines_refused(language: str) -> list[str]:
    with translation.override(language):
        try:
            validate_single_line("Deux\nlignes")
        except ValidationError as exc:
            return list(exc.messages)
    raise AssertionError("two lines are not one")


def test_the_profile_cannot_change_the_email_address_or_the_roles(client, researcher):
    response = client.patch(
        ME,
        {"email": "new@example.net", "roles": ["admin"], "is_staff": True},
        content_type="application/json",
        headers=bearer(researcher),
    )
    assert response.status_code == 200
    fresh = User.objects.get(pk=researcher.pk)
    assert fresh.email == researcher.email
    assert fresh.role_codes == {"researcher"}
    assert not fresh.is_staff


# --- Personal data --------------------------------------------------------------------------


def test_personal_data_is_the_pages_download(client, researcher):
    services.create_api_token(researcher, name="script")
    api = client.get(f"{ME}/personal-data", headers=bearer(researcher)).json()
    client.force_login(researcher)
    page = json.loads(client.get(reverse("accounts:export_data")).content)
    for data in (api, page):
        data.pop("exported_at")
        data["account"].pop("last_login")  # the page's session signed in after the API read
        for token in data["api_tokens"]:  # the API's own request used its token
            token.pop("last_used")
    assert api == page
    assert api["format"] == "tandem.personal-data/1"
    assert api["account"]["email"] == researcher.email
    assert {t["name"] for t in api["api_tokens"]} == {"script", "tests"}


def test_personal_data_requires_a_token(client):
    assert client.get(f"{ME}/personal-data").status_code == 401


# --- Erasure --------------------------------------------------------------------------------


def test_a_person_erases_their_account_by_typing_their_address_and_the_token_dies(
    client, researcher
):
    headers = bearer(researcher)
    response = client.post(
        f"{ME}/erase",
        {"confirm": f"  {researcher.email.upper()} "},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 204
    gone = User.objects.get(pk=researcher.pk)
    assert gone.erased_at is not None and not gone.is_active
    assert gone.email.startswith("erased-")
    assert not ApiToken.objects.filter(user=gone).exists()
    assert client.get(ME, headers=headers).status_code == 401


@pytest.mark.parametrize("body", [{}, {"confirm": ""}, {"confirm": "someone@example.net"}])
def test_erasure_without_the_address_is_refused_and_writes_nothing(
    client, researcher, writes, body
):
    headers = bearer(researcher)
    with writes() as written:
        response = client.post(
            f"{ME}/erase", body, content_type="application/json", headers=headers
        )
    assert response.status_code == 400
    assert "confirm" in response.json()["errors"]
    assert written == []
    assert User.objects.get(pk=researcher.pk).erased_at is None


# --- Tokens ---------------------------------------------------------------------------------


def test_tokens_are_listed_without_their_keys(client, researcher, django_assert_num_queries):
    services.create_api_token(researcher, name="script")
    revoked, _key = services.create_api_token(researcher, name="old")
    services.revoke_api_token(revoked, by=researcher)
    services.create_api_token(UserFactory(), name="someone else's")
    headers = bearer(researcher)
    client.get(ME, headers=headers)  # the token's first use is written once
    # The token with the person, the count, the page: whatever the number of tokens.
    with django_assert_num_queries(3):
        response = client.get(f"{ME}/tokens", headers=headers)
    rows = response.json()["results"]
    assert [(r["name"], r["status"]) for r in rows] == [
        ("old", "revoked"),
        ("script", "active"),
        ("tests", "active"),
    ]
    assert all(set(r) >= {"prefix", "expires_at", "second_factor"} for r in rows)
    assert "key_hash" not in rows[0] and "token" not in rows[0]


def test_a_person_revokes_one_of_their_tokens(client, researcher):
    token, key = services.create_api_token(researcher, name="script")
    response = client.post(f"{ME}/tokens/{token.pk}/revoke", headers=bearer(researcher))
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    assert client.get(ME, headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert ActionLogEntry.objects.filter(action="accounts.token.revoked").count() == 1


def test_revoking_the_token_in_use_ends_it(client, researcher):
    headers = bearer(researcher)
    token = ApiToken.objects.get(user=researcher)
    assert client.post(f"{ME}/tokens/{token.pk}/revoke", headers=headers).status_code == 200
    assert client.get(ME, headers=headers).status_code == 401


def test_another_persons_token_is_a_404_and_stays(client, researcher, writes):
    theirs, key = services.create_api_token(UserFactory(), name="theirs")
    headers = bearer(researcher)
    with writes() as written:
        response = client.post(f"{ME}/tokens/{theirs.pk}/revoke", headers=headers)
    assert response.status_code == 404
    assert written == []
    assert client.get(ME, headers={"Authorization": f"Bearer {key}"}).status_code == 200


# --- The second factor ----------------------------------------------------------------------


@pytest.fixture
def real_officer(settings):
    """An officer outside demo mode, with an authenticator app: their role requires it."""
    settings.DEMO_MODE = False
    officer = UserFactory(roles=["officer"])
    App(officer)
    return officer


def test_a_token_without_the_second_factor_cannot_erase_an_officers_account(
    client, real_officer, writes
):
    headers = bearer(real_officer, second_factor=False)
    with writes() as written:
        response = client.post(
            f"{ME}/erase",
            {"confirm": real_officer.email},
            content_type="application/json",
            headers=headers,
        )
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    assert written == []
    assert User.objects.get(pk=real_officer.pk).erased_at is None


def test_a_token_issued_after_the_second_factor_may_erase_it(client, real_officer):
    response = client.post(
        f"{ME}/erase",
        {"confirm": real_officer.email},
        content_type="application/json",
        headers=bearer(real_officer, second_factor=True),
    )
    assert response.status_code == 204
    assert User.objects.get(pk=real_officer.pk).erased_at is not None


def test_a_session_that_has_not_passed_the_second_factor_cannot_erase(client, real_officer, writes):
    client.force_login(real_officer)
    with writes() as written:
        response = client.post(
            f"{ME}/erase", {"confirm": real_officer.email}, content_type="application/json"
        )
    assert response.status_code == 403
    assert [w for w in written if "django_session" not in w] == []
    assert User.objects.get(pk=real_officer.pk).erased_at is None
