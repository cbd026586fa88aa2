from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_is_down(client):
    with mock.patch("tandem.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_a_database_outage_gives_a_friendly_503_page(client):
    with mock.patch("tandem.core.views.render", side_effect=OperationalError("down")):
        response = client.get("/")
    assert response.status_code == 503
    assert (
        "temporarily unavailable" in response.content.decode().lower()
        or "indisponible" in response.content.decode()
    )


def test_an_unknown_page_is_a_translated_404(client):
    response = client.get("/nowhere/", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert 'lang="fr"' in response.content.decode()
