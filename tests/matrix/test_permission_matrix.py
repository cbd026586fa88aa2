"""The permission matrix: every page of the URL conf and every operation of the OpenAPI schema,
for every persona, on the persona's own object and on strangers', answers as its rule says
(table.py). Refused requests write nothing. A page or an operation without a rule fails."""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from drf_spectacular.generators import SchemaGenerator

from tandem.accounts.tests.factories import UserFactory

from . import world as worlds
from .table import (
    ADMIN_MODEL_VIEWS,
    ADMIN_RULE,
    ANY,
    API_ANONYMOUS,
    LOGIN,
    OK,
    OK_OR_404,
    OPERATIONS,
    PAGES,
    PERSONAS,
    REFUSED,
    RULES,
    Entry,
)

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Book-keeping of who is asking, not a change the request makes.
BOOKKEEPING = ('"django_session"', 'UPDATE "accounts_apitoken" SET "last_used_at"')
UNSAFE = ("post", "put", "patch", "delete")
LET_IN = (OK, ANY, OK_OR_404)  # the answers of people let in: they may write


# --- What the project serves ------------------------------------------------------------


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                yield route, route


def served_pages() -> dict[str, str]:
    """Every pattern of the URL conf (allauth's, the admin's, the API's included): its URL name,
    or its route when it has none, and its route."""
    return dict(_walk(get_resolver()))


@pytest.fixture(scope="session")
def operations() -> list[tuple[str, str, str]]:
    """(method, path, operationId) of every operation of the OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method, path, operation["operationId"])
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def api_url_names(operations: list[tuple[str, str, str]]) -> set[str]:
    return {resolve(re.sub(r"\{\w+\}", "1", path)).url_name or "" for _m, path, _o in operations}


def page_table() -> dict[str, Entry]:
    """PAGES and the views that the admin makes for each registered model."""
    table = dict(PAGES)
    for model in admin.site._registry:
        app, name = model._meta.app_label, model._meta.model_name
        for view, obj in ADMIN_MODEL_VIEWS.items():
            table[f"admin:{app}_{name}_{view}"] = Entry(ADMIN_RULE, obj)
        table[f"admin/{app}/{name}/<path:object_id>/"] = Entry(ADMIN_RULE, "admin_object")
    return table


# --- Asking and judging -----------------------------------------------------------------


def _cases(world: worlds.World, obj: str | None) -> list[tuple[str, dict[str, Any]]]:
    if obj is None:
        return [("own", {})]
    cases = []
    if obj in world.own:
        cases.append(("own", world.own[obj]))
    if obj in world.other:
        cases.append(("other", world.other[obj]))
    assert cases, f"world.py builds no {obj!r}"
    return cases


def _page_url(key: str, kwargs: dict[str, Any]) -> str:
    if "/" not in key:  # a URL name; unnamed patterns go by their route
        return reverse(key, kwargs=kwargs or None)
    if "(?P<url>" in key:  # the admin's catch-all
        return "/admin/nowhere/"
    if key == "^api/":  # the API's catch-all
        return "/api/v9/nowhere/"
    return "/" + re.sub(r"<[^>]+>", lambda m: str(next(iter(kwargs.values()))), key)


def _verdict(response: Any) -> int | str:
    code = response.status_code
    if 300 <= code < 400:
        target = urlsplit(response["Location"]).path
        return LOGIN if target in (reverse("account_login"), reverse("admin:login")) else OK
    if code in (401, 403, 404, 405) or code >= 500:
        return code
    return OK  # 2xx, or a complaint about the empty body we sent (400, 409, 410, 422)


def _matches(expected: int | str, got: int | str) -> bool:
    if expected == API_ANONYMOUS:
        return got in (401, 403)
    if expected == ANY:
        return not (isinstance(got, int) and got >= 500)
    if expected == OK_OR_404:
        return got in (OK, 404)
    if expected == REFUSED:
        return got in (LOGIN, 403, 404)
    return got == expected


def _ask(client: Client, method: str, url: str, expected: int | str, **extra: Any) -> str | None:
    """One request, undone afterwards (so that the next one meets the same world). Returns what
    went wrong, if anything; "405" when the method is not served."""
    label = f"{method.upper()} {url}: expected {expected}"
    cookies = copy.deepcopy(client.cookies)  # signing out must not sign out the next request
    try:
        with transaction.atomic():
            with CaptureQueriesContext(connection) as seen:
                response = getattr(client, method)(url, **extra)
            transaction.set_rollback(True)
    except Exception as exc:  # a crash is a finding too; say which page
        return f"{label}, raised {exc!r}"
    finally:
        cache.clear()  # roles and throttles are cached: forget what the undone request did
        client.cookies = cookies
    if response.streaming:  # read to the end: the client then closes the file, as a server would
        b"".join(response.streaming_content)
    writes = [
        q["sql"][:80]
        for q in seen.captured_queries
        if WRITE.match(q["sql"]) and not any(b in q["sql"] for b in BOOKKEEPING)
    ]
    if expected not in LET_IN and writes:
        return f"{label}, refused but wrote: {writes}"
    got = _verdict(response)
    if got == 405:
        return "405"
    if not _matches(expected, got):
        return f"{label}, got {got} ({response.status_code})"
    return None


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """Thousands of 403s and 404s are the point here: keep them out of the log."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def _persona(request: Any, persona: str, settings: Any) -> worlds.World:
    # Every persona and stranger gets a password: the slow default hasher would dominate.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The cache is emptied after each request: keep the sessions (cached ones with Redis) apart.
    settings.SESSION_ENGINE = "tandem.core.sessions"
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    return worlds.build(user)


# --- The matrix -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_answers_each_persona_as_its_rule_says(persona, request, settings, client):
    world = _persona(request, persona, settings)
    if world.user is not None:
        client.force_login(world.user)
    failures = []
    for key, entry in page_table().items():
        rule = RULES[entry.rule]
        for whose, kwargs in _cases(world, entry.obj):
            url = _page_url(key, kwargs)
            expected = rule.expect(persona, whose)
            # Both methods: a form's POST is where a missing check writes. A view serves at
            # least one of them (405: the method is not served; the other one is judged).
            answers = [_ask(client, method, url, expected) for method in ("get", "post")]
            if answers == ["405", "405"]:
                answers = [f"{url} serves neither GET nor POST"]
            failures += [f"{key} [{entry.rule}, {whose}] {a}" for a in answers if a and a != "405"]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_api_operation_answers_each_persona_as_its_rule_says(
    persona, request, settings, operations
):
    world = _persona(request, persona, settings)
    client = Client()  # no session: the token alone speaks for the persona
    headers = {"Authorization": f"Bearer {world.token}"} if world.token else {}
    failures = []
    for method, path, operation_id in operations:
        entry = OPERATIONS[operation_id]
        rule = RULES[entry.rule]
        for whose, kwargs in _cases(world, entry.obj):
            # A parameter the kind names (`year`), else the object's pk.
            url = re.sub(
                r"\{(\w+)\}", lambda m, k=kwargs: str(k.get(m.group(1), k.get("pk"))), path
            )
            extra: dict[str, Any] = {"headers": headers}
            if method in UNSAFE:
                extra.update(data={}, content_type="application/json")
            failure = _ask(client, method, url, rule.expect(persona, whose), **extra)
            if failure:  # a 405 too: the schema promised this method
                failures.append(f"{operation_id} [{entry.rule}, {whose}] {failure}")
    assert not failures, "\n".join(failures)


# --- The table covers what is served, and only that --------------------------------------


def test_every_page_of_the_url_conf_has_a_rule(operations):
    missing = set(served_pages()) - set(page_table()) - api_url_names(operations)
    assert not missing, f"add these to tests/matrix/table.py PAGES: {sorted(missing)}"


def test_every_operation_of_the_api_has_a_rule(operations):
    missing = {operation_id for _m, _p, operation_id in operations} - set(OPERATIONS)
    assert not missing, f"add these to tests/matrix/table.py OPERATIONS: {sorted(missing)}"


def test_the_table_names_only_what_is_served(operations):
    gone = set(page_table()) - set(served_pages())
    gone |= set(OPERATIONS) - {operation_id for _m, _p, operation_id in operations}
    assert not gone, f"remove these from tests/matrix/table.py: {sorted(gone)}"


def test_every_entry_follows_a_written_rule():
    entries = [*page_table().values(), *OPERATIONS.values()]
    assert {e.rule for e in entries} <= set(RULES)
    assert set(RULES) <= {e.rule for e in entries}, "a rule nobody follows"


def test_the_technical_admin_lets_its_staff_in(client, settings):
    """No persona is technical staff (the matrix sees the admin refuse them all): a superuser
    shows that the same pages do open (a demo account, whose second factor is waived: the
    admin asks staff for one like every door)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO_MODE = True
    staff = UserFactory(is_staff=True, is_superuser=True, is_demo=True)
    client.force_login(staff)
    asking = RequestFactory().get("/admin/")
    asking.user = staff
    names = ["admin:index"]
    for model, model_admin in admin.site._registry.items():
        views = ["changelist"] + (["add"] if model_admin.has_add_permission(asking) else [])
        names += [f"admin:{model._meta.app_label}_{model._meta.model_name}_{v}" for v in views]
    refused = [name for name in names if client.get(reverse(name)).status_code != 200]
    assert not refused
