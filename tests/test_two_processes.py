"""Two real server processes on one database, with the default cache (no REDIS_URL): what is
changed through one is seen at once through the other (issue 12; issue 11, finding 2).

Each server is `tandem serve` with one worker, on a free port; the database is a SQLite file,
or a fresh PostgreSQL database when DATABASE_URL names PostgreSQL. The people sign in by a
session written in the database (sessions live there without Redis); the changes go through
process A's pages, as an officer and an administrator make them."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tandem.core.tests.test_settings_and_commands import _run as run_tandem

ROOT = Path(__file__).resolve().parents[1]

# Run in a process with the servers' settings: reference rows, people, their sessions.
SET_UP = """
import json
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from tandem.accounts.models import RoleAssignment, User
from tandem.directory.models import DiseaseArea, Organization, OrganizationStatus

def person(email, role):
    user = User.objects.create_user(email, "a long password 42", first_name=role,
                                    last_name="Demo", language="en", is_demo=True)
    RoleAssignment.objects.create(user=user, role=role)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "tandem.accounts.backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return user, session.session_key

area = DiseaseArea.objects.filter(depth__gt=0).order_by("path").first()
organization = Organization.objects.create(
    name="Vaincre ensemble", status=OrganizationStatus.ACTIVE, is_public=True
)
organization.disease_areas.add(area)
from tandem.directory.services import refresh_search_text
refresh_search_text(organization)
_officer, officer_session = person("officer@example.net", "officer")
revoked, revoked_session = person("revoked@example.net", "officer")
_admin, admin_session = person("admin@example.net", "admin")
_member, member_session = person("member@example.net", "member")
print(json.dumps({
    "area": {"pk": area.pk, "name_fr": area.name_fr, "name_en": area.name_en,
             "synonyms": area.synonyms, "code_system": area.code_system, "code": area.code,
             "parent": area.parent_id or ""},
    "area_url": reverse("directory:reference_edit", args=["disease-areas", area.pk]),
    "roles_url": reverse("accounts:person_roles", args=[revoked.pk]),
    "guarded_url": reverse("accounts:invitations"),
    "profile_url": reverse("accounts:profile"),
    "logout_url": reverse("account_logout"),
    "officer": officer_session,
    "revoked": revoked_session,
    "admin": admin_session,
    "member": member_session,
}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _base_env() -> dict[str, str]:
    skip = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip and not k.startswith("PYTEST")}
    return {**env, "TANDEM_ENV": "demo", "TANDEM_DEMO": "1", "TASKS_BACKEND": "immediate"}


@contextlib.contextmanager
def _database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Settings naming an empty database: a SQLite file, or a new PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield {"SQLITE_PATH": str(tmp_path / "tandem.sqlite3")}
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/')}_two_{uuid.uuid4().hex[:8]}"
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": parts._replace(path=f"/{name}").geturl()}
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tandem(env: dict[str, str], *args: str) -> str:
    done = run_tandem(*args, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@contextlib.contextmanager
def _server(env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tandem.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - local URL
                break
            assert process.poll() is None, "the server stopped"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    """One person's cookies, sent to either server."""

    def __init__(self, session_key: str) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.session_key = session_key

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        request.add_header("Cookie", f"sessionid={self.session_key}; {self._csrf_cookie()}")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def _csrf_cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar if c.name == "csrftoken")

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))  # noqa: S310 - a local test server

    def post(self, url: str, form_page: str, fields: list[tuple[str, str]]) -> int:
        """Post `fields` with the CSRF token of `form_page` (a page of the same server)."""
        status, page = self.get(form_page)
        assert status == 200, status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        body = urllib.parse.urlencode([("csrfmiddlewaretoken", token.group(1)), *fields])
        request = urllib.request.Request(url, data=body.encode(), method="POST")  # noqa: S310
        request.add_header("Referer", url)
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        status, _page = self._open(request)
        return status


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict]]:
    with _database(tmp_path_factory.mktemp("two-processes")) as database:
        env = {**_base_env(), **database}
        _tandem(env, "migrate", "--noinput", "-v", "0")
        world = json.loads(_tandem(env, "shell", "-c", SET_UP).strip().splitlines()[-1])
        with _server(env) as a, _server(env) as b:
            yield a, b, world


def test_a_disease_area_renamed_through_one_process_shows_at_once_in_the_other(two_servers):
    a, b, world = two_servers
    officer, area = Browser(world["officer"]), world["area"]
    search = "/directory/?q=vaincre"
    status, page = officer.get(b + search)
    assert status == 200 and area["name_en"] in page  # process B has read the labels
    renamed = {**area, "name_en": "Renamed through process A"}
    fields = [(k, str(v)) for k, v in renamed.items() if k != "pk"]
    assert officer.post(a + world["area_url"], a + world["area_url"], fields) == 302
    status, page = officer.get(b + search)
    assert status == 200 and "Renamed through process A" in page
    assert area["name_en"] not in page


def test_a_role_revoked_through_one_process_is_refused_at_once_by_the_other(two_servers):
    a, b, world = two_servers
    officer, admin = Browser(world["revoked"]), Browser(world["admin"])
    assert officer.get(b + world["guarded_url"])[0] == 200  # process B has seen the officer
    assert admin.post(a + world["roles_url"], a + world["roles_url"], []) == 302
    assert officer.get(b + world["guarded_url"])[0] == 403


def test_signing_out_through_one_process_ends_the_session_in_the_other(two_servers):
    a, b, world = two_servers
    member = Browser(world["member"])
    assert member.get(b + world["profile_url"])[0] == 200
    assert member.post(a + world["logout_url"], a + world["profile_url"], []) == 302
    assert member.get(b + world["profile_url"])[0] == 302  # the same cookie, replayed
