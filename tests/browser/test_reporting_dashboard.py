"""The dashboard of indicators in Chromium: axe at a phone's and a desktop's width, in French
and English, charts shown as images with their tables; screenshots for a look."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.reporting.tests.sample import build
from tests.browser.axe import blocking_violations, layout_problems
from tests.browser.language_mix import mixed_language_words

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_dashboard_is_accessible_at_both_widths(page, sign_in, live_server, language):
    build()
    officer = UserFactory(roles=["officer"], is_demo=True, language=language)
    sign_in(officer.email, PASSWORD)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto("/reports/?year=2025")
    assert page.locator("h1").count() == 1
    charts = page.locator("img.chart-image")
    assert charts.count() == 19
    # Every chart is drawn (a decoded image, not a broken one) and has its table.
    assert page.evaluate(
        "() => [...document.querySelectorAll('img.chart-image')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    assert page.locator("table").count() == 19
    assert blocking_violations(page) == []  # axe, and the layout at 390 and 1280 px
    assert mixed_language_words(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / f"reporting-dashboard-{language}-1280.png"), full_page=False)
    page.locator("#indicator-gram-attendance").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"reporting-gram-{language}-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#indicator-event-registrations").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"reporting-dashboard-{language}-390.png"))


# An indicator's chart as the page shows it: the size of its smallest word on the screen (the
# SVG's own font sizes, read by drawing it inline, times the image's scale), beside the body
# text's, and which drawing the browser chose.
CHART_WORDS = r"""
async (selector) => {
  const img = document.querySelector(selector);
  const scale = img.getBoundingClientRect().width / img.naturalWidth;
  const box = document.createElement("div");
  box.innerHTML = await (await fetch(img.currentSrc)).text();
  document.body.append(box);
  const sizes = [...box.querySelectorAll("text")]
    .filter((text) => text.textContent.trim() && text.getClientRects().length)
    .map((text) => parseFloat(getComputedStyle(text).fontSize) * scale);
  box.remove();
  return {
    source: img.currentSrc,
    smallest: Math.min(...sizes),
    body: parseFloat(getComputedStyle(document.body).fontSize),
  };
}
"""


def test_the_charts_words_are_as_large_as_the_body_text_on_a_phone(page, sign_in, live_server):
    """The tester: at 390 px the charts' words were 6 or 7 px (a 720 px drawing shown at
    half its size). On a phone the page shows the chart drawn for a phone, its words at least
    as large as the body text; a desktop keeps the wide drawing."""
    build()
    officer = UserFactory(roles=["officer"], is_demo=True, language="fr")
    sign_in(officer.email, PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/reports/?year=2025")
    for slug in ("event-registrations", "gram-attendance", "event-sessions"):
        chart = page.evaluate(CHART_WORDS, f"#indicator-{slug} img.chart-image")
        assert "/narrow/" in chart["source"], slug
        assert chart["smallest"] >= chart["body"], (slug, chart)
    assert layout_problems(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    chart = page.evaluate(CHART_WORDS, "#indicator-event-registrations img.chart-image")
    assert "/narrow/" not in chart["source"] and chart["smallest"] >= 10
