"""Each indicator's chart as SVG, drawn on the server and shown as an image. It needs no
JavaScript and prints.

On the page, each chart is drawn for the screen that shows it (`drawn`: the template
reporting/chart.svg, laid out by chart_presenter: `PHONE` up to 40rem, `SCREEN` above), at its
own URL (`/reports/charts/<slug>.svg`, `/reports/charts/narrow/<slug>.svg`, with the page's
filters, the same permission, kept in the shared cache). The PDF report embeds the drawing of
pygal (`svg`), 720 px wide, as a `data:` URL.

Readable in black and white: bars are filled with patterns (solid, hatched, dotted, crossed),
lines are drawn with different dashes and greys; no meaning is carried by colour alone. The
text alternative is the image's `alt` and the chart's own title; the figures are in the table
beside it."""

from __future__ import annotations

import base64
import math

import pygal
from django.template.loader import render_to_string
from pygal.style import Style

from tandem.reporting.chart_presenter import SERIES_LOOKS, Size, present
from tandem.reporting.indicators.base import Chart, Indicator, Result, Unit
from tandem.reporting.sections import figure_text

GREYS = ("#1a1a1a", "#555555", "#8a8a8a", "#b0b0b0")
DASHES = ("", "8,4", "2,4", "10,4,2,4")
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#000000",
    foreground_subtle="#595959",
    opacity="1",
    opacity_hover="1",
    colors=GREYS,
    font_family="DejaVu Sans, Liberation Sans, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=12,
)


def _formatter(value: float | None) -> str:
    return "" if value is None else figure_text(value)


def _scale(indicator: Indicator, result: Result) -> dict[str, object]:
    """Whole numbers on the axis of a count; 0 to 100 for a percentage or a clarity score; 0
    to 5 for a mark."""
    if indicator.unit in (Unit.PERCENT, Unit.SCORE):
        return {"range": (0, 100), "y_labels": [0, 20, 40, 60, 80, 100]}
    if indicator.unit == Unit.RATING:
        return {"range": (0, 5), "y_labels": [0, 1, 2, 3, 4, 5]}
    if indicator.unit == Unit.COUNT:
        top = max((int(v) for s in result.series for v in s.values if v is not None), default=0)
        step = max(1, math.ceil(top / 5))
        return {"y_labels": list(range(0, top + step + 1, step))}
    return {}


def svg(indicator: Indicator, result: Result, *, title: str) -> str:
    """The chart as pygal draws it for the PDF report, 720 px wide (no script, no external
    reference)."""
    kind = pygal.Bar if indicator.chart == Chart.BAR else pygal.Line
    several = len(result.series) > 1
    config: dict[str, object] = {
        "style": STYLE,
        "title": title,
        "js": [],  # no script: the SVG is an image, and the page must work without one
        "disable_xml_declaration": True,
        "explicit_size": True,
        "width": 720,
        "height": 380,
        "show_legend": several,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": min(len(result.series), 3),
        "x_label_rotation": 30 if len(result.labels) > 6 else 0,
        "truncate_label": -1,
        "print_values": indicator.chart == Chart.BAR,
        "value_formatter": _formatter,
        "min_scale": 2,
        "max_scale": 6,
        "include_x_axis": True,
        "dots_size": 4,
        "no_data_text": "—",
    }
    if indicator.chart == Chart.BAR:
        # The same patterns as the screen's drawing (one template each, no SVG written here).
        config["defs"] = [
            render_to_string("reporting/_chart_pattern.svg", {"index": index}).strip()
            for index in range(SERIES_LOOKS)
        ]
        config["css"] = [
            "file://style.css",
            "file://graph.css",
            *(
                f"inline:.color-{index}, .color-{index} .rect, .color-{index} .reactive "
                f"{{ fill: url(#pattern-{index}) !important; stroke: #000000 !important; }}"
                for index in range(SERIES_LOOKS)
            ),
        ]
    config["x_labels"] = list(result.labels)
    config.update(_scale(indicator, result))
    chart = kind(**config)
    for index, series in enumerate(result.series):
        style = {"width": 3, "dasharray": DASHES[index % len(DASHES)]}
        chart.add(series.name, list(series.values), stroke_style=style)
    return str(chart.render(is_unicode=True))


def drawn(indicator: Indicator, result: Result, *, title: str, size: Size) -> str:
    """The chart drawn for a screen of `size` (`PHONE` or `SCREEN`) as SVG text: the template
    reporting/chart.svg, every word whole and at 18 px (chart_presenter)."""
    drawing = present(
        result,
        title=title,
        chart_is_bars=indicator.chart == Chart.BAR,
        unit=indicator.unit,
        size=size,
    )
    return render_to_string("reporting/chart.svg", {"drawing": drawing})


def data_url_of(drawn: str) -> str:
    """A drawn chart as a `data:` URL, for the PDF report."""
    encoded = base64.b64encode(drawn.encode()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
