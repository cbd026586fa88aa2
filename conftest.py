"""Personas and helpers shared by every app's tests (STYLE.md 16)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import time_machine
from django.conf import settings

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"  # assertions read English; French is tested explicitly
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS}
    # A password hashed as in production costs a third of a second (PBKDF2, a million rounds)
    # and the suite makes thousands of people; the production hashers are checked by
    # tandem/accounts/tests/test_password_hashing.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each xdist worker its own cache, emptied for each test, whose reads are not counted among
    # a page's queries (the database cache of the default set-up is tested by
    # tests/test_two_processes.py, with real servers).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _gram_sessions_open_any_day(monkeypatch):
    """Most tests live a GRAM meeting's whole life at once (scheduled weeks ahead, held now);
    the rule that a session opens only from the day before its meeting is tested on its own
    (tandem/governance/tests: the `opening_rule` fixture puts it back)."""
    from tandem.governance import queries

    monkeypatch.setattr(queries, "OPENS_DAYS_BEFORE", 10_000)


@pytest.fixture(autouse=True)
def _clock_from_the_environment():
    """`TANDEM_TEST_CLOCK=2026-10-25T00:30:00+02:00 pytest …` runs each test from that instant
    (the clock then ticks): the suite at a late hour, across midnight or a change of summer
    time, where "now minus N days" and "today" can disagree (docs/development.md, "Tests")."""
    moment = os.environ.get("TANDEM_TEST_CLOCK")
    if not moment:
        yield
        return
    with time_machine.travel(dt.datetime.fromisoformat(moment), tick=True):
        yield


def _persona(*roles: str, **extra):
    return UserFactory(roles=list(roles), **extra)


@pytest.fixture
def admin_user(db):
    return _persona(Role.ADMIN, first_name="Ada", is_demo=True)


@pytest.fixture
def officer(db):
    return _persona(Role.OFFICER, first_name="Olga", is_demo=True)


@pytest.fixture
def coordinator(db):
    return _persona(Role.COORDINATOR, first_name="Coline", is_demo=True)


@pytest.fixture
def researcher(db):
    return _persona(Role.RESEARCHER, first_name="Rémi")


@pytest.fixture
def member(db):
    return _persona(Role.MEMBER, first_name="Mona")


@pytest.fixture
def reviewer(db):
    return _persona(Role.REVIEWER, Role.MEMBER, first_name="Raoul")


@pytest.fixture
def gram_member(db):
    return _persona(Role.GRAM, first_name="Gaston")


@pytest.fixture
def director(db):
    return _persona(Role.DIRECTOR, first_name="Daphné")


@pytest.fixture
def outsider(db):
    """Signed in, but holds no role."""
    return _persona(first_name="Oscar")


def persona_token(request, persona: str) -> dict[str, str]:
    """The client's keyword for a new API token of `persona` (a fixture's name); none for
    "anonymous"."""
    if persona == "anonymous":
        return {}
    from tandem.accounts.services import create_api_token

    _token, key = create_api_token(request.getfixturevalue(persona), name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


PERSONAS = [
    "anonymous",
    "outsider",
    "member",
    "researcher",
    "reviewer",
    "coordinator",
    "gram_member",
    "officer",
    "director",
    "admin_user",
]


@pytest.fixture
def as_persona(request, client):
    """Return a client signed in as the named persona ('anonymous' stays signed out)."""

    def _login(name: str):
        if name != "anonymous":
            user = request.getfixturevalue(name)
            client.force_login(user)
            return client, user
        return client, None

    return _login


def pytest_configure(config):
    assert settings.AUTH_USER_MODEL == "accounts.User"


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (the browser tests among them) get the reference data that migrations
    seed (disease areas, institutes, regional offices), whatever flushed the database before."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction")
    if not (transactional or "live_server" in request.fixturenames):
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    from tandem.directory.models import DiseaseArea

    if not DiseaseArea.objects.exists():
        importlib.import_module("tandem.directory.migrations.0002_seed_reference_data").seed(
            apps, None
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """With `--no-migrations` (the mutation runs, `make mutants`) the tables come from the
    models: do what the directory's data migrations do (the disease-area tree, institutes and
    offices; the full-text index), which the directory's tests read."""
    if request.config.getoption("nomigrations", False):
        from importlib import import_module

        from django.apps import apps
        from django.db import connection

        migrations = "tandem.directory.migrations."
        seed = import_module(migrations + "0002_seed_reference_data").seed
        create_indexes = import_module(migrations + "0003_full_text_search").create_indexes
        with django_db_blocker.unblock(), connection.schema_editor() as editor:
            seed(apps, editor)
            create_indexes(apps, editor)
