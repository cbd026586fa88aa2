"""The session store: Django's database store, its read made by a prepared query. It must read
exactly what Django's would, and nothing a process kept: each read goes to the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from tandem.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data: object) -> str:
    store = db.SessionStore()
    store.update(data)
    store.save()
    assert store.session_key
    return store.session_key


def test_it_reads_what_djangos_store_reads() -> None:
    key = _saved(person=12, step="second-factor")
    assert (
        SessionStore(key).load()
        == db.SessionStore(key).load()
        == {
            "person": 12,
            "step": "second-factor",
        }
    )


def test_a_session_ended_elsewhere_is_ended_at_the_next_read() -> None:
    key = _saved(person=12)
    assert SessionStore(key).load() == {"person": 12}
    Session.objects.filter(session_key=key).delete()  # signed out through another process
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None  # a new session, never the old key, on the next save


def test_an_expired_session_is_not_read() -> None:
    key = _saved(person=12)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    assert SessionStore(key).load() == {}


def test_an_unknown_or_missing_key_reads_nothing() -> None:
    _saved(person=12)
    assert SessionStore("x" * 32).load() == {}
    assert SessionStore(None).load() == {}


def test_the_site_uses_it_and_a_sign_in_survives_requests(client, django_user_model) -> None:
    from django.conf import settings

    assert settings.SESSION_ENGINE in {
        "tandem.core.sessions",
        "django.contrib.sessions.backends.cached_db",
    }
    person = django_user_model.objects.create_user(email="s@example.org", password="x")
    client.force_login(person)
    assert client.get("/home/").status_code == 200
    Session.objects.all().delete()
    assert client.get("/home/").status_code == 302  # signed out: to the sign-in page
