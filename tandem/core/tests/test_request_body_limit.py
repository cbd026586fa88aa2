"""Request bodies over REQUEST_BODY_MAX_BYTES are refused before anything reads them."""

from __future__ import annotations

import io

import pytest
from django.contrib.sessions.models import Session

from tandem.accounts.models import ApiToken
from tandem.accounts.tests.factories import PASSWORD
from tandem.checks.models import ClarityCheck
from tandem.core.bodylimit import TOO_LARGE, bounded_chunked_bodies
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db

THREE_HUNDRED_MB = 300 * 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def _counts() -> tuple[int, int, int, int]:
    return (
        ActionLogEntry.objects.count(),
        ApiToken.objects.count(),
        ClarityCheck.objects.count(),
        Session.objects.count(),
    )


def test_a_300_mb_api_request_is_refused_unread_with_json_and_writes_nothing(client, member):
    before = _counts()
    response = client.generic(
        "POST",
        "/api/v1/auth/token",
        content_type="application/json",
        CONTENT_LENGTH=str(THREE_HUNDRED_MB),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "at most 31\xa0MB" in response.json()["detail"]
    assert _counts() == before


def test_a_300_mb_upload_is_refused_unread_with_a_translated_page_and_writes_nothing(
    client, member
):
    client.login(email=member.email, password=PASSWORD)
    before = _counts()
    response = client.generic(
        "POST",
        "/clarity/",
        content_type="multipart/form-data; boundary=x",
        headers={"Accept-Language": "fr"},
        CONTENT_LENGTH=str(THREE_HUNDRED_MB),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert 'lang="fr"' in page
    assert "trop volumineux" in page
    assert "31\xa0Mo" in page and "Mio" not in page
    assert _counts() == before


def test_a_body_within_the_limit_reaches_the_view(client, member, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    response = client.post(
        "/api/v1/auth/token",
        {"email": member.email, "password": "wrong"},
        content_type="application/json",
    )
    assert response.status_code != 413


def test_a_body_marked_too_large_by_the_server_side_is_refused(client):
    response = client.post("/api/v1/auth/token", {}, **{TOO_LARGE: True})
    assert response.status_code == 413


class EndlessBody:
    """A chunked body that never ends; counts what was read of it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "an unbounded read"
        self.read_bytes += size
        return b"a" * size


def _call(environ: dict, *, read: bool = True) -> dict:
    seen: dict = {}

    def app(environ, start_response):
        seen.update(environ, body=environ["wsgi.input"].read() if read else None)
        return [b""]

    bounded_chunked_bodies(app)(environ, lambda *args: None)
    return seen


def test_a_chunked_body_without_length_is_read_up_to_the_limit_only(settings):
    settings.REQUEST_BODY_MAX_BYTES = 100_000
    body = EndlessBody()
    seen = _call({"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": body})
    assert body.read_bytes == 100_001
    assert seen[TOO_LARGE] is True
    assert seen["CONTENT_LENGTH"] == "0" and seen["body"] == b""


def test_a_short_chunked_body_is_handed_on_with_its_length(settings):
    settings.REQUEST_BODY_MAX_BYTES = 100_000
    seen = _call({"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": io.BytesIO(b'{"email": "x"}')})
    assert TOO_LARGE not in seen
    assert seen["CONTENT_LENGTH"] == "14" and seen["body"] == b'{"email": "x"}'


def test_a_body_with_a_length_is_left_to_the_middleware():
    body = UnreadableBody()
    seen = _call({"CONTENT_LENGTH": str(THREE_HUNDRED_MB), "wsgi.input": body}, read=False)
    assert seen["wsgi.input"] is body and TOO_LARGE not in seen
