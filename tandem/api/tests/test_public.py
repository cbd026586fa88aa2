"""The endpoints whose reads are public (`tandem.api.public.PublicView`): anyone reads them,
the schema says so for their reads only, and their writes keep the credentials they need."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.api.public import PublicView
from tandem.api.schema import PUBLIC_OR_TOKEN


def _routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    """(route, name) of every endpoint whose view is a PublicView."""
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "view_class", None)
            if view is not None and issubclass(view, PublicView):
                found.append((prefix + str(entry.pattern), entry.name or ""))
    return found


PUBLIC = _routes(get_resolver())


def test_the_public_reads_are_the_ones_expected():
    # A view that stops (or starts) deriving from PublicView shows here.
    assert {name for _route, name in PUBLIC} == {
        "api-organizations",
        "api-organization",
        "api-disease-areas",
        "api-disease-area",
        "api-research-units",
        "api-research-unit",
        "api-events",
        "api-event",
        "api-courses",
        "api-course",
        "api-gram-public",
        "api-gram-public-proposal",
        "api-gram-public-minutes",
        "api-resources",
        "api-resource",
        "api-resource-download",
        "api-public-projects",
        "api-public-project",
        "api-public-groups",
        "api-public-group",
    }


@pytest.mark.parametrize(("route", "name"), PUBLIC, ids=[name for _route, name in PUBLIC])
def test_anyone_reads_a_public_endpoint(client, db, route, name):
    answer = client.get("/" + re.sub(r"<int:\w+>", "999999", route))
    # Neither sent to the sign-in page nor refused: the list, or a JSON 404 for an id that
    # names nothing (and for the GRAM's page before the GRAM is set up).
    assert answer.status_code in (200, 404), (name, answer.status_code)
    assert answer["Content-Type"].startswith("application/json")


def test_the_schema_opens_their_reads_only(client, db):
    paths = client.get(reverse("api-schema")).json()["paths"]
    writes = 0
    for route, name in PUBLIC:
        operations = paths["/" + route.replace("<int:pk>", "{id}")]
        assert operations["get"]["security"] == PUBLIC_OR_TOKEN, name
        for method, operation in operations.items():
            if method != "get":
                writes += 1
                assert {"bearerAuth": []} in operation["security"], (method, name)
                assert operation["security"] != PUBLIC_OR_TOKEN, (method, name)
    assert writes >= 10
