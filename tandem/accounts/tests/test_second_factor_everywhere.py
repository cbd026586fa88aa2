"""Issue 11, finding 1: the second factor is required at every door (token, session API, pages),
checked on every request, with the demo waiver said out loud."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tandem.accounts import services
from tandem.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token"


@pytest.fixture
def production_rules(settings):
    settings.DEMO_MODE = False


@pytest.fixture
def real_officer(production_rules):
    return UserFactory(roles=["officer"])


def _token(client, user, **extra):
    return client.post(
        TOKEN, {"email": user.email, "password": PASSWORD, **extra}, content_type="application/json"
    )


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_an_officer_without_a_second_factor_gets_no_token_and_is_told_to_set_it_up(
    client, real_officer
):
    response = _token(client, real_officer)
    assert response.status_code == 403
    assert "Set it up on the site" in response.json()["detail"]
    assert not real_officer.api_tokens.exists()


def test_an_officer_gets_a_token_only_with_a_valid_code(client, real_officer, authenticator_app):
    app = authenticator_app(real_officer)
    assert _token(client, real_officer).status_code == 401
    wrong = next(str(n).zfill(6) for n in range(1000000) if str(n).zfill(6) not in app.codes())
    assert _token(client, real_officer, code=wrong).status_code == 401
    assert not real_officer.api_tokens.exists()
    response = _token(client, real_officer, code=app.code())
    assert response.status_code == 201
    assert response.json()["second_factor"] == "verified"
    pending = client.get(
        "/api/v1/organizations?status=pending", headers=_bearer(response.json()["token"])
    )
    assert pending.status_code == 200


def test_a_totp_code_gives_one_token_only(client, real_officer, authenticator_app):
    code = authenticator_app(real_officer).code()
    assert _token(client, real_officer, code=code).status_code == 201
    assert _token(client, real_officer, code=code).status_code == 401


def test_a_recovery_code_gives_a_token_once(client, real_officer, authenticator_app):
    recovery = authenticator_app(real_officer).recovery_code()
    assert _token(client, real_officer, code=recovery).status_code == 201
    assert _token(client, real_officer, code=recovery).status_code == 401


def test_a_session_api_call_is_refused_until_the_second_factor_is_set_up(client, real_officer):
    client.force_login(real_officer)
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
    assert client.get("/api/v1/organizations?status=pending").status_code == 403


def test_a_session_that_has_not_passed_the_code_is_asked_for_it(
    client, real_officer, authenticator_app
):
    authenticator_app(real_officer)
    client.force_login(real_officer)  # no code entered in this session
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("mfa_reauthenticate"))
    assert client.get("/api/v1/me").status_code == 403


def test_signing_in_with_password_and_code_opens_pages_and_the_session_api(
    client, real_officer, authenticator_app
):
    app = authenticator_app(real_officer)
    client.post(reverse("account_login"), {"login": real_officer.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": app.code()})
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.get("/api/v1/me").status_code == 200


def test_a_role_granted_later_requires_the_set_up_at_the_next_request(
    client, production_rules, member, admin_user
):
    client.force_login(member)
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    services.set_roles(member, roles=["member", "officer"], by=admin_user)
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 302
    assert page["Location"] == reverse("mfa_activate_totp")
    assert client.get("/api/v1/me").status_code == 403


def test_a_token_issued_before_a_role_required_a_second_factor_stops_working(
    client, production_rules, member, admin_user, authenticator_app
):
    _token_row, key = services.create_api_token(member, name="script")
    assert client.get("/api/v1/me", headers=_bearer(key)).status_code == 200
    services.set_roles(member, roles=["member", "officer"], by=admin_user)
    refused = client.get("/api/v1/me", headers=_bearer(key))
    assert refused.status_code == 403
    assert "Set it up" in refused.json()["detail"]
    # Setting up the app later does not bless the old token: a new one is requested with a code.
    app = authenticator_app(member)
    again = client.get("/api/v1/me", headers=_bearer(key))
    assert again.status_code == 403
    assert "Request a new token" in again.json()["detail"]
    fresh = _token(client, member, code=app.code()).json()["token"]
    assert client.get("/api/v1/me", headers=_bearer(fresh)).status_code == 200


def test_a_demo_officer_keeps_the_waiver_and_it_is_shown(client, settings, officer):
    settings.DEMO_MODE = True
    response = _token(client, officer)
    assert response.status_code == 201
    assert response.json()["second_factor"] == "waived"
    me = client.get("/api/v1/me", headers=_bearer(response.json()["token"])).json()
    assert me["second_factor"] == {"required": True, "enabled": False, "waived": True}
    client.force_login(officer)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Demo account: no second factor" in page
    assert "waived for this demo account" in page


def test_a_demo_account_outside_demo_mode_has_no_waiver(client, settings, officer):
    settings.DEMO_MODE = False
    assert _token(client, officer).status_code == 403


def test_the_check_on_every_request_costs_no_query_beyond_loading_the_person(
    client, real_officer, authenticator_app, django_assert_num_queries
):
    app = authenticator_app(real_officer)
    client.post(reverse("account_login"), {"login": real_officer.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": app.code()})
    client.get("/api/v1/me")
    # The session, then the person with roles and app in one query: the check adds none.
    with django_assert_num_queries(2):
        assert client.get("/api/v1/me").status_code == 200


# Committed for real: allauth announces the new app after commit, inside the request.
@pytest.mark.django_db(transaction=True)
def test_setting_up_the_app_after_a_new_role_opens_the_pages_again(
    client, production_rules, member, admin_user
):
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    services.set_roles(member, roles=["member", "officer"], by=admin_user)
    assert client.get(reverse("core:dashboard"))["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # allauth asks
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    activated = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert activated.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.get("/api/v1/me").status_code == 200


def test_the_demo_badge_is_gone_once_the_second_factor_is_set_up(
    client, settings, member, authenticator_app
):
    # A demo volunteer who sets up the app and signs in with a code is no longer told, on
    # every page, that the account has no second factor.
    settings.DEMO_MODE = True
    member.is_demo = True
    member.save(update_fields=["is_demo"])
    client.force_login(member)
    assert "Demo account: no second factor" in client.get(reverse("accounts:profile")).text
    app = authenticator_app(member)
    client.logout()
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": app.code()})
    page = client.get(reverse("accounts:profile")).text
    assert "Sign out" in page and "Demo account: no second factor" not in page
    settings.DEMO_MODE = False
    client.force_login(UserFactory(is_demo=True))
    assert "Demo account: no second factor" not in client.get(reverse("accounts:profile")).text
