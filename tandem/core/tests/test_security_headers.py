"""Every answer carries the security headers; production adds HSTS and upgrades requests."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError

from tandem.core.tests.test_settings_and_commands import PROD_ENV, _run

pytestmark = pytest.mark.django_db

PAGES = ["/", "/accounts/login/", "/nowhere/", "/api/v1/organizations", "/api/v1/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_turns_off_unused_browser_features(client, path):
    policy = client.get(path).headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_isolates_its_window_and_keeps_its_address_to_itself(client, path):
    headers = client.get(path).headers
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def _csp(client, path: str) -> dict[str, str]:
    header = client.get(path).headers["Content-Security-Policy"]
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


@pytest.mark.parametrize("path", PAGES)
def test_the_content_security_policy_allows_only_the_site_itself(client, path):
    csp = _csp(client, path)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    # Only the site's stylesheets, and the Swagger UI page's fixed <style> block by its hash.
    assert csp["style-src"] == f"'self' {settings.SWAGGER_UI_STYLE_HASH}"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'self'" and csp["form-action"] == "'self'"
    assert "unsafe-inline" not in json.dumps(csp) and "unsafe-eval" not in json.dumps(csp)


def _production_settings(*names: str) -> dict:
    code = (
        "import json; from django.conf import settings as s;"
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}))"
    )
    result = _run("shell", "-c", code, env=PROD_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_redirects_to_https_and_upgrades_requests():
    values = _production_settings(
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CONTENT_SECURITY_POLICY",
        "DEBUG",
    )
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["upgrade-insecure-requests"] is True
    assert values["DEBUG"] is False


def test_the_production_deploy_check_prints_no_issue_at_all():
    result = _run("check", "--deploy", "--fail-level", "DEBUG", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_answers_given_before_the_view_carry_the_headers_too(client):
    too_large = client.generic("POST", "/", b"", CONTENT_LENGTH=str(10**9))
    with mock.patch("tandem.core.views.render", side_effect=OperationalError("down")):
        unavailable = client.get("/")
    for response, status in ((too_large, 413), (unavailable, 503)):
        assert response.status_code == status
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "camera=()" in response.headers["Permissions-Policy"]


def test_an_error_in_a_page_shows_the_tandem_error_page_not_a_debug_page(client):
    client.raise_request_exception = False
    with mock.patch("tandem.core.views.public_modules", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page and "boom" not in page and "Traceback" not in page
