"""Fuzzing the API against its own OpenAPI schema (schemathesis), anonymously and with a token of
each persona: no answer is a server error, and every answer is one the schema documents (its
status, media type, headers and body).

Bounded and repeatable: EXAMPLES generated requests per operation and persona, derandomized
(the same requests on every run), no example database. The requests go through Django's WSGI
application in the test's transaction, as the test client's do."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from conftest import PERSONAS
from tandem.accounts.services import create_api_token
from tandem.directory.models import Institute, RegionalOffice
from tandem.directory.tests.factories import OrganizationFactory, UnitFactory, area, make_admin
from tandem.reviews import services as reviews
from tandem.reviews.tests.conftest import make_reviewer, upload

EXAMPLES = {"valid": 5, "invalid": 3, "valid, a real id": 3}  # per operation and persona
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _settings(examples: int) -> hypothesis_settings:
    return hypothesis_settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture
def api_schema(db, settings) -> Any:
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast set-up
    # As Django's test client does: requests must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def known_ids(db, member, researcher, coordinator, django_capture_on_commit_callbacks) -> dict:
    """Records to fuzz by their real ids, beside random ones (path prefix → id): organizations
    (one the member runs), a research unit, an institute, a regional office and a disease
    area (seeded), a review request in review and an assignment."""
    diabetes = area("E10-E14")
    runs = OrganizationFactory(name="Diabète Entraide", areas=[diabetes])
    make_admin(runs, member)
    OrganizationFactory(name="Fondation Bretagne", region="bre", kind="foundation")
    reviewers = [make_reviewer(areas=[diabetes], first_name=f"R{n}") for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        study = reviews.create_request(
            by=researcher,
            title="Étude GENOU-CALME",
            category="riph2",
            disease_areas=[diabetes],
            organizations=[runs],
            documents={
                "protocol_summary": upload("Résumé du protocole.", "protocol.docx"),
                "leaflet": upload(),
                "consent": upload("Je peux arrêter à tout moment.", "consent.docx"),
            },
        )
        study = reviews.accept_request(reviews.submit_request(study, by=researcher), by=coordinator)
        seats = reviews.assign_reviewers(
            study, by=coordinator, reviewers=reviewers[:2], alternates=[reviewers[2]]
        )
    return {
        "/api/v1/organizations/": runs.pk,
        "/api/v1/research-units/": UnitFactory().pk,
        "/api/v1/institutes/": Institute.objects.order_by("pk").first().pk,
        "/api/v1/regional-offices/": RegionalOffice.objects.order_by("pk").first().pk,
        "/api/v1/disease-areas/": area("RARE").pk,
        "/api/v1/review-requests/": study.pk,
        "/api/v1/assignments/": seats[0].pk,
    }


def _headers(request: pytest.FixtureRequest, persona: str) -> dict[str, str]:
    if persona == "anonymous":
        return {}
    _token, key = create_api_token(request.getfixturevalue(persona), name="fuzz")
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_answer_of_the_api_is_documented_and_none_is_a_server_error(
    request, api_schema, known_ids, persona
):
    headers = _headers(request, persona)
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        strategies = {
            "valid": operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            "invalid": operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        }
        known = [pk for prefix, pk in known_ids.items() if operation.path.startswith(prefix)]
        if known and "{id}" in operation.path:
            strategies["valid, a real id"] = operation.as_strategy(
                generation_mode=GenerationMode.POSITIVE, path_parameters={"id": known[0]}
            )
        for name, strategy in strategies.items():

            @_settings(EXAMPLES[name])
            @given(case=strategy)
            def fuzz(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                fuzz()
            except Unsatisfiable:
                pass  # nothing to make invalid (no parameter, no body)
            except Exception as exc:  # every operation is fuzzed; failures are listed at the end
                failures.append(f"{operation.label} ({name}): {exc}")
    assert not failures, "\n\n".join(failures)
