"""The shared shape of the API's writes (`tandem.api.actions`): an unseen object is a 404
whatever else is wrong, then the permission (403), then the input (400), then the service (a
`DomainError` is a 409 with its code), then the answer. Each test gives a request that is
wrong in more than one way, so that a change in the order of the checks makes it fail."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from tandem.accounts.tests.factories import UserFactory
from tandem.api.actions import Invalid, act, conflict, errors, person_named
from tandem.api.serializers import ErrorSerializer
from tandem.core.errors import DomainError

SEEN = {1}  # the objects the caller may see
PERMISSION = "probe.act"


class Caller:
    """A signed-in caller with the permissions given (no database needed)."""

    is_authenticated = True
    is_active = True

    def __init__(self, *perms: str) -> None:
        self.perms = set(perms)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return perm in self.perms


class CountIn(serializers.Serializer):
    count = serializers.IntegerField(min_value=1)


class ProbeView(APIView):
    """A write written as the module guide says: the lookup, then `act`. `steps` records what
    ran, to show that nothing runs after a refusal."""

    steps: list[str] = []

    def service(self, thing: int, count: int) -> dict[str, int]:
        self.steps.append("service")
        if count == 13:
            raise DomainError("Thirteen is refused.", code="unlucky")
        if count == 7:
            raise Invalid("count", "Seven is unknown here.")
        return {"thing": thing, "count": count}

    def out(self, result: dict[str, int]) -> dict[str, Any]:
        self.steps.append("out")
        return {**result, "answered": True}

    def post(self, request: Request, pk: int) -> Response:
        if pk not in SEEN:  # as get_object_or_404 on the caller's visibility query
            raise Http404
        return act(
            request,
            allowed=PERMISSION,
            refusal="Only probers probe.",
            payload=CountIn,
            call=lambda data: self.service(pk, **data),
            out=self.out,
            status=201,
        )


def _post(caller: Caller, pk: int, body: dict[str, Any]) -> Response:
    ProbeView.steps = []
    request = APIRequestFactory().post(f"/probe/{pk}", body, format="json")
    force_authenticate(request, user=caller)
    response = ProbeView.as_view()(request, pk=pk)
    response.render()
    return response


def test_the_write_is_done_and_answered_with_its_status():
    response = _post(Caller(PERMISSION), 1, {"count": 3})
    assert response.status_code == 201
    assert response.data == {"thing": 1, "count": 3, "answered": True}
    assert ProbeView.steps == ["service", "out"]


def test_an_unseen_object_is_a_404_even_for_a_refused_caller_with_bad_input():
    response = _post(Caller(), 2, {"count": "many"})
    assert response.status_code == 404
    assert response.data == {"detail": "Not found.", "code": "not_found"}
    assert ProbeView.steps == []


def test_a_refused_caller_with_bad_input_gets_the_403_with_the_endpoints_sentence():
    response = _post(Caller(), 1, {"count": "many"})
    assert response.status_code == 403
    assert response.data == {"detail": "Only probers probe.", "code": "permission_denied"}
    assert ProbeView.steps == []


def test_bad_input_is_a_400_by_field_and_the_service_is_not_called():
    response = _post(Caller(PERMISSION), 1, {"count": 0})
    assert response.status_code == 400
    body = response.data
    assert body["code"] == "invalid" and set(body["errors"]) == {"count"}
    assert ProbeView.steps == []


def test_a_domain_error_is_a_409_with_its_code_and_nothing_is_answered_after_it():
    response = _post(Caller(PERMISSION), 1, {"count": 13})
    assert response.status_code == 409
    assert response.data == {"detail": "Thirteen is refused.", "code": "unlucky"}
    assert ProbeView.steps == ["service"]


def test_invalid_raised_by_the_call_is_a_400_naming_its_field():
    response = _post(Caller(PERMISSION), 1, {"count": 7})
    assert response.status_code == 400
    assert response.data == {
        "detail": "Seven is unknown here.",
        "code": "invalid",
        "errors": {"count": ["Seven is unknown here."]},
    }
    assert ProbeView.steps == ["service"]


def _act(caller: Caller, body: dict[str, Any], **kwargs: Any) -> Response:
    request = APIRequestFactory().post("/probe", body, format="json")
    force_authenticate(request, user=caller)

    class View(APIView):
        def post(self, request: Request) -> Response:
            return act(request, **kwargs)

    return View.as_view()(request)


def test_a_refusal_without_a_sentence_says_so_in_general_terms():
    response = _act(Caller(), {}, allowed=False, call=lambda data: 1, out=lambda r: r)
    assert response.status_code == 403
    assert response.data == {
        "detail": "You are not allowed to do this.",
        "code": "permission_denied",
    }


def test_without_allowed_or_payload_only_the_service_and_its_answer_remain():
    response = _act(Caller(), {"ignored": 1}, call=lambda data: data, out=lambda r: {"got": r})
    assert response.status_code == 200 and response.data == {"got": {}}


def test_a_partial_payload_reads_only_the_fields_given():
    response = _act(
        Caller(), {}, payload=CountIn, partial=True, call=lambda data: data, out=lambda r: r
    )
    assert response.status_code == 200 and response.data == {}


def test_on_conflict_shapes_the_409_its_own_way():
    def refuse(data: dict[str, Any]) -> None:
        raise DomainError("Full.", code="full")

    def with_names(exc: DomainError) -> Response:
        answer = conflict(exc)
        answer.data["errors"] = {"names": ["a"]}
        return answer

    response = _act(Caller(), {}, call=refuse, out=lambda r: r, on_conflict=with_names)
    assert response.status_code == 409
    assert response.data == {"detail": "Full.", "code": "full", "errors": {"names": ["a"]}}


def test_errors_lists_the_error_answers_for_the_schema():
    assert errors(400, 403) == {400: ErrorSerializer, 403: ErrorSerializer}


@pytest.mark.django_db
def test_person_named_finds_only_an_active_person_by_email_in_any_case():
    person = UserFactory(email="Ada@Example.org")
    UserFactory(email="gone@example.org", is_active=False)
    assert person_named("ada@example.ORG") == person
    for unknown in ["gone@example.org", "nobody@example.org"]:
        with pytest.raises(Invalid) as refused:
            person_named(unknown, "coordinator_email")
        assert refused.value.field == "coordinator_email"
