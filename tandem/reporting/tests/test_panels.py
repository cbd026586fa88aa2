"""The indicators' panel on the signed-in home page: its few headline figures, never the whole
dashboard, even on a cold cache."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.reporting import dashboard
from tandem.reporting.indicators import all_indicators, base
from tandem.reporting.panels import HEADLINES

pytestmark = pytest.mark.django_db

HOME = reverse("core:dashboard")


def test_the_directors_home_shows_the_headline_figures(client, director, sample):
    client.force_login(director)
    page = client.get(HOME, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Every indicator, with charts and tables" in page
    assert f"{reverse('reporting:dashboard')}#indicator-review-requests" in page
    assert "Partner organizations" in page


def test_a_cold_home_computes_only_the_headlines(client, director, sample, monkeypatch):
    computed: list[str] = []
    for indicator in all_indicators():

        def spy(scope, _slug=indicator.slug, _original=indicator.compute):
            computed.append(_slug)
            return _original(scope)

        monkeypatch.setitem(base._registry, indicator.slug, replace(indicator, compute=spy))
    client.force_login(director)
    client.get(HOME)
    cache.clear()
    computed.clear()
    assert client.get(HOME).status_code == 200
    assert sorted(computed) == sorted(HEADLINES)
    # Warm: nothing computed again.
    computed.clear()
    client.get(HOME)
    assert computed == []


def test_the_home_reads_a_bounded_number_of_queries(client, director, sample):
    client.force_login(director)
    client.get(HOME)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(HOME)
    with CaptureQueriesContext(connection) as warm:
        client.get(HOME)
    # The whole dashboard costs about two queries per indicator; the panel only its seven.
    everything = len(all_indicators())
    panel_cost = len(cold.captured_queries) - len(warm.captured_queries)
    assert 0 < panel_cost <= 2 * len(HEADLINES) + 2 < 2 * everything
    assert len(warm.captured_queries) <= 30


def test_the_headlines_are_the_dashboards_figures(director, sample):
    from tandem.reporting.scope import Period, Scope

    scope = Scope(Period.year(2025))
    full = {f.indicator.slug: f.result for f in dashboard.figures(scope)}
    few = dashboard.headlines(scope, HEADLINES)
    assert [f.indicator.slug for f in few] == list(HEADLINES)
    assert all(f.result == full[f.indicator.slug] for f in few)
