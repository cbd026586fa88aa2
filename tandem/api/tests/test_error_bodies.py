"""Finding 8: one error body for the whole API, JSON under /api/ whatever happens, and the
errors written in the schema."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts.services import create_api_token
from tandem.api.errors import flatten

UNKNOWN_ADDRESSES = [
    "/api/v1/organizations/abc",
    "/api/v1/organizations/1.5/transition",
    "/api/v1/review-requests/%C3%A9",
    "/api/v1/nothing-here",
    "/api/v1/organizations/",
    "/api/v2/organizations",
    "/api/",
]


@pytest.mark.parametrize("address", UNKNOWN_ADDRESSES)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_unknown_api_address_answers_a_json_404_for_any_method(client, db, address, method):
    response = getattr(client, method)(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_a_json_404_even_with_debug_on(client, db, settings):
    settings.DEBUG = True
    response = client.get("/api/v1/organizations/not-a-number")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("address", ["/api/v1/organizations/424242", "/api/v1/organizations"])
def test_a_browser_gets_json_too(client, db, address):
    response = client.get(address, headers={"Accept": "text/html"})
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(("language", "detail"), [("en", "Not found."), ("fr", "Non trouvé.")])
def test_an_invisible_object_answers_a_translated_404_naming_no_class(client, db, language, detail):
    response = client.get(
        reverse("api-organization", args=[424242]), headers={"Accept-Language": language}
    )
    assert response.status_code == 404
    assert response.json() == {"detail": detail, "code": "not_found"}


def test_invalid_input_names_each_field_under_errors(client, researcher):
    client.force_login(researcher)
    response = client.post(
        reverse("api-match"),
        {"text": "x" * 600, "limit": 0},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"text", "limit"}
    assert all(isinstance(m, str) for messages in body["errors"].values() for m in messages)


def test_a_rule_across_fields_is_the_detail(client, researcher):
    client.force_login(researcher)
    response = client.post(reverse("api-match"), {}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Give a text or at least one disease area."
    assert body["errors"] == {"non_field_errors": [body["detail"]]}


@pytest.mark.parametrize("number", [2**63, 10**30, -(10**30)])
def test_an_oversized_integer_is_a_400_not_a_500(client, researcher, number):
    client.force_login(researcher)
    response = client.post(
        reverse("api-match"),
        {"text": "diabète", "disease_areas": [number]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["disease_areas.0"]


def test_malformed_json_is_a_400_in_the_same_shape(client, researcher):
    client.force_login(researcher)
    response = client.post(reverse("api-match"), "{", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_missing_token_is_a_401_in_the_same_shape(client, db):
    response = client.get(reverse("api-me"))
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_forbidden_operation_is_a_403_in_the_same_shape(client, member):
    _token, key = create_api_token(member, name="test")
    response = client.post(
        reverse("api-match"),
        {"text": "diabète"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_wrong_method_is_a_json_405(client, researcher):
    client.force_login(researcher)
    response = client.delete(reverse("api-match"))
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_an_unexpected_exception_is_a_json_500(client, researcher, monkeypatch):
    from tandem.api import views

    def broken(self, request):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.MeView, "get", broken)
    client.raise_request_exception = False
    client.force_login(researcher)
    response = client.get(reverse("api-me"))
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on our side.", "code": "error"}


def test_a_lost_database_is_a_json_503_with_retry_after(client, researcher, monkeypatch):
    from django.db import OperationalError

    from tandem.api import views

    def lost(self, request):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.MeView, "get", lost)
    client.force_login(researcher)
    response = client.get(reverse("api-me"))
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json()["code"] == "unavailable"


def test_nested_errors_are_dotted_paths():
    detail = {
        "comments": [{}, {"quote": ["Required."]}],
        "disease_areas": {0: ["Too big."]},
        "non_field_errors": ["Both."],
    }
    assert flatten(detail) == {
        "comments.1.quote": ["Required."],
        "disease_areas.0": ["Too big."],
        "non_field_errors": ["Both."],
    }


def test_every_operation_documents_its_errors_with_the_one_body(client, db):
    schema = client.get(reverse("api-schema")).json()
    assert set(schema["components"]["schemas"]["Error"]["properties"]) >= {
        "detail",
        "code",
        "errors",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            errors = {code for code in responses if code >= "400"}
            assert "503" in errors, (method, path)
            if "{" in path:
                assert "404" in errors, (method, path)
            query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
            if "requestBody" in operation or query:
                assert "400" in errors, (method, path)
            for code in errors:
                ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
                assert ref.rsplit("/", 1)[1] in {"Error", "DuplicateError"}, (method, path, code)
