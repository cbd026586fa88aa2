"""Each indicator's chart: an SVG drawn on the server by pygal, shown as an image: on the page
its own URL (`/reports/charts/<slug>.svg` with the page's filters, the same permission, kept in
the shared cache), in the PDF report a `data:` URL. It needs no JavaScript and prints.

Readable in black and white: bars are filled with patterns (solid, hatched, dotted, crossed),
lines are drawn with different dashes and greys; no meaning is carried by colour alone. The
text alternative is the image's `alt` and the chart's own title; the figures are in the table
beside it."""

from __future__ import annotations

import base64
import math

import pygal
from pygal.style import Style

from tandem.reporting.indicators.base import Chart, Indicator, Result, Unit
from tandem.reporting.sections import figure_text

GREYS = ("#1a1a1a", "#555555", "#8a8a8a", "#b0b0b0")
DASHES = ("", "8,4", "2,4", "10,4,2,4")
PATTERNS = (
    # Solid dark; diagonal hatching; dots; cross-hatching: told apart without colour.
    '<pattern id="pattern-0" patternUnits="userSpaceOnUse" width="8" height="8">'
    '<rect width="8" height="8" fill="#333333"/></pattern>',
    '<pattern id="pattern-1" patternUnits="userSpaceOnUse" width="8" height="8">'
    '<rect width="8" height="8" fill="#ffffff"/>'
    '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#000000" stroke-width="1.6"/>'
    "</pattern>",
    '<pattern id="pattern-2" patternUnits="userSpaceOnUse" width="6" height="6">'
    '<rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.5" fill="#000000"/>'
    "</pattern>",
    '<pattern id="pattern-3" patternUnits="userSpaceOnUse" width="8" height="8">'
    '<rect width="8" height="8" fill="#dddddd"/>'
    '<path d="M0,4 h8 M4,0 v8" stroke="#000000" stroke-width="1.2"/></pattern>',
)
LOOK = {
    "background": "#ffffff",
    "plot_background": "#ffffff",
    "foreground": "#1a1a1a",
    "foreground_strong": "#000000",
    "foreground_subtle": "#595959",
    "opacity": "1",
    "opacity_hover": "1",
    "colors": GREYS,
    "font_family": "DejaVu Sans, Liberation Sans, Arial, sans-serif",
}
STYLE = Style(
    **LOOK,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=12,
)
# The chart for a phone (`narrow`): drawn about as wide as it is shown on a 390 px screen (the
# wide one shrank to half its size there, its words to 6 or 7 px), every word at 18 px, larger
# than the page's body text (17 px), the title at 19.
NARROW_WIDTH = 360
CHARACTER = 10  # a character at 18 px is about this wide, in pixels (a little less, mostly)
WORDS = ("label", "major_label", "legend", "value", "value_label", "tooltip")
NARROW_STYLE = Style(**LOOK, **{f"{words}_font_size": 18 for words in WORDS}, title_font_size=19)


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


def _layout(result: Result, *, narrow: bool) -> dict[str, object]:
    """The size, labels and legend of the wide chart (a desktop's column, the PDF) or of the
    narrow one (a phone). The narrow one stands its labels upright when they do not fit side
    by side, and is as tall as its longest label needs: no label is cut, and the plot keeps
    its height; each series of the legend has a line of its own."""
    if not narrow:
        return {
            "style": STYLE,
            "width": 720,
            "height": 380,
            "legend_at_bottom_columns": min(len(result.series), 3),
            "x_label_rotation": 30 if len(result.labels) > 6 else 0,
        }
    upright = sum(len(label) + 2 for label in result.labels) * CHARACTER > NARROW_WIDTH - 80
    longest = max((len(label) for label in result.labels), default=0)
    legend = len(result.series) * 28 if len(result.series) > 1 else 0
    return {
        "style": NARROW_STYLE,
        "width": NARROW_WIDTH,
        "height": 280 + (longest * CHARACTER if upright else 30) + legend,
        "legend_at_bottom_columns": 1,
        # A series' name longer than the width is cut (its column of the table says it whole).
        "truncate_legend": (NARROW_WIDTH - 60) // CHARACTER,
        "x_label_rotation": 90 if upright else 0,
    }


def svg(indicator: Indicator, result: Result, *, title: str, narrow: bool = False) -> str:
    """The chart as SVG text (no script, no external reference); `narrow`: for a phone."""
    kind = pygal.Bar if indicator.chart == Chart.BAR else pygal.Line
    several = len(result.series) > 1
    config: dict[str, object] = {
        "title": title,
        "js": [],  # no script: the SVG is an image, and the page must work without one
        "disable_xml_declaration": True,
        "explicit_size": True,
        "show_legend": several,
        "legend_at_bottom": True,
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
        config["defs"] = list(PATTERNS)
        config["css"] = [
            "file://style.css",
            "file://graph.css",
            *(
                f"inline:.color-{index}, .color-{index} .rect, .color-{index} .reactive "
                f"{{ fill: url(#pattern-{index}) !important; stroke: #000000 !important; }}"
                for index in range(len(PATTERNS))
            ),
        ]
    config.update(_layout(result, narrow=narrow))
    config["x_labels"] = list(result.labels)
    config.update(_scale(indicator, result))
    chart = kind(**config)
    for index, series in enumerate(result.series):
        style = {"width": 3, "dasharray": DASHES[index % len(DASHES)]}
        chart.add(series.name, list(series.values), stroke_style=style)
    return str(chart.render(is_unicode=True))


def data_url_of(drawn: str) -> str:
    """A drawn chart as a `data:` URL, for the PDF report."""
    encoded = base64.b64encode(drawn.encode()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
