"""The dashboard of indicators in Chromium: axe at a phone's and a desktop's width, in French
and English, charts shown as images with their tables; screenshots for a look."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.governance.models import College
from tandem.reporting.tests.sample import build
from tests.browser.axe import blocking_violations
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


# Every chart as the page shows it, in one pass: the size of its smallest word on the screen
# (the SVG's own font sizes, read by drawing it inline, times the image's scale) beside the
# body text's, which drawing the browser chose, and whether each label of its table (and its
# title, and its series' names when there is a legend) is drawn whole, inside the drawing.
CHARTS = r"""
async () => {
  const glued = (text) => text.replace(/\s+/g, "");
  const charts = [];
  for (const img of document.querySelectorAll("img.chart-image")) {
    const article = img.closest("article");
    const series = [...article.querySelectorAll("thead th")].slice(1).map((th) => th.textContent);
    const labels = [
      article.querySelector("h3").textContent,
      ...[...article.querySelectorAll("tbody th")].map((th) => th.textContent),
      ...(series.length > 1 ? series : []),
    ];
    const scale = img.getBoundingClientRect().width / img.naturalWidth;
    const box = document.createElement("div");
    box.style.cssText = "position: absolute; left: 0; top: 0; width: max-content";
    box.innerHTML = await (await fetch(img.currentSrc)).text();
    document.body.append(box);
    const svg = box.querySelector("svg").getBoundingClientRect();
    const texts = [...box.querySelectorAll("text")].filter((text) => text.textContent.trim());
    const drawn = texts.map((text) => glued(text.textContent));
    const outside = texts.filter((text) => {
      const r = text.getBoundingClientRect();
      return r.left < svg.left - 1 || r.right > svg.right + 1
        || r.top < svg.top - 1 || r.bottom > svg.bottom + 1;
    });
    charts.push({
      slug: article.id,
      source: img.currentSrc,
      smallest: Math.min(...texts.map((text) => parseFloat(getComputedStyle(text).fontSize))) * scale,
      missing: labels.filter((label) => !drawn.includes(glued(label))),
      outside: outside.map((text) => text.textContent),
      cut: drawn.filter((text) => text.includes("…")),
    });
    box.remove();
  }
  return {body: parseFloat(getComputedStyle(document.body).fontSize), charts};
}
"""
LONG_COLLEGE = "Organisations de patients partenaires et associations de malades"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_charts_words_are_whole_and_as_large_as_the_body_text_at_each_width(
    page, sign_in, live_server, language
):
    """The tester: on a phone, labels longer than about 30 characters were cut; at a tablet's
    width (and a desktop's) the wide drawing, scaled down, had words of 10 to 15 px. At a
    320 px phone, a tablet and the narrowest desktop column, every chart's words are at least
    the body text's size, and every label of its table is drawn whole inside it."""
    build()
    College.objects.filter(code="patients").update(name=LONG_COLLEGE)
    officer = UserFactory(roles=["officer"], is_demo=True, language=language)
    sign_in(officer.email, PASSWORD)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    for width, drawing in ((320, "/narrow/"), (768, "/charts/"), (900, "/charts/")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/reports/?year=2025")
        found = page.evaluate(CHARTS)
        assert len(found["charts"]) == 19
        for chart in found["charts"]:
            assert drawing in chart["source"] and (
                width <= 640 or "/narrow/" not in chart["source"]
            ), (width, chart)
            assert chart["smallest"] >= found["body"] == 17, (width, chart)
            assert chart["missing"] == chart["outside"] == chart["cut"] == [], (width, chart)
    attendance = page.locator("#indicator-gram-attendance tbody th").first
    assert attendance.text_content() == LONG_COLLEGE
