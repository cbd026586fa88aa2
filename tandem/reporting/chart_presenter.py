"""Where each bar, line, tick and word of an indicator's chart goes on a screen: computed here,
drawn by the template `reporting/chart.svg` (no SVG is written in Python).

Two drawings, each about as wide as the page shows it, so that a word of 18 px in the drawing
is at least the body text's 17 px on the screen (docs/reporting.md, "Charts on a screen"):
`PHONE`, 300 px wide, for screens up to 40rem, and `SCREEN`, 480 px wide, above.

Nothing is cut: the title, the legend's names and the categories' labels are wrapped onto as
many lines as they need (a `<tspan>` each), a word longer than a line over several lines; the
drawing is as tall as its words. Bars lie across, each category's label whole above its bars;
a line chart's months stand upright under the axis when they do not fit side by side. Widths
of words are estimated with the advance widths of DejaVu Sans, the widest of the fonts the
drawing asks for, so that a line never runs past the edge in a narrower one."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from tandem.reporting.indicators.base import Result, Unit
from tandem.reporting.sections import figure_text

FONT = 18  # every word of the drawing, in px: above the body text (17 px) at the scales shown
TITLE_FONT = 19
LINE = 24  # from one line's baseline to the next at 18 px (25 for the title)
TITLE_LINE = 25
PAD = 8  # the margin around the drawing
BAR = 24  # a bar's thickness
MARKER = 5  # half a line chart's marker
GREYS = ("#1a1a1a", "#555555", "#737373", "#8a8a8a")  # at least 3.4:1 on white
DASHES = ("", "8,4", "2,4", "10,4,2,4")
MARKERS = ("circle", "square", "diamond", "triangle")
SERIES_LOOKS = 4  # patterns, greys, dashes and markers: a fifth series looks like the first


@dataclass(frozen=True)
class Size:
    """One drawing: its width, and the height of a line chart's plot."""

    name: str
    width: int
    plot_height: int


PHONE = Size("phone", 300, 200)
SCREEN = Size("screen", 480, 230)

# Advance widths of DejaVu Sans, in em, rounded up, by the characters that have them; an
# accented letter is as wide as its letter; any other character as a wide capital (0.75 em).
_WIDTHS = {
    0.30: "'ijlIJ\u202f",
    0.35: " ,.:;/\\|f\u00a0\u2019\u00b7",
    0.42: "-()[]t!r",
    0.55: '"*_`sz?c',
    0.60: "LFkvxyP",
    0.64: "TYaoeESbdghnpqu0123456789$«»",
    0.70: "KAVBRXZC",
    0.82: "UHNDGOQ&w",
    0.86: "#+<=>^~M",
    1.00: "%mW@\u2014\u0153\u0152\u2026",
}
_EM = {character: width for width, characters in _WIDTHS.items() for character in characters}
_OTHER = 0.75
_BREAKS = re.compile(r"[ \t\r\n]+")  # never at a no-break space (French: before « : ; ! ? »)


def _em(character: str) -> float:
    if character in _EM:
        return _EM[character]
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return 1.0
    base = unicodedata.normalize("NFD", character)[0]
    return _EM.get(base, _OTHER)


def text_width(text: str, size: float = FONT) -> float:
    """The width of `text` at `size` px, as DejaVu Sans draws it (a little more, mostly)."""
    return sum(_em(character) for character in text) * size


def _pieces(word: str, width: float, size: float) -> list[str]:
    """A word longer than a line, cut into pieces that each fit (one character at least)."""
    pieces, piece = [], ""
    for character in word:
        if piece and text_width(piece + character, size) > width:
            pieces.append(piece)
            piece = ""
        piece += character
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: float, size: float = FONT) -> tuple[str, ...]:
    """`text` on as many lines as it needs, each at most `width` px wide at `size` px: words go
    on a line while they fit; a word wider than a line is cut over several. Nothing is left
    out: the lines hold every character of `text` but the spaces they break at. No line for an
    empty text."""
    lines: list[str] = []
    line = ""
    for word in _BREAKS.split(text.strip()):
        if not word:
            continue
        joined = f"{line} {word}" if line else word
        if text_width(joined, size) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        if text_width(word, size) <= width:
            line = word
        else:
            *whole, line = _pieces(word, width, size)
            lines.extend(whole)
    if line:
        lines.append(line)
    return tuple(lines)


@dataclass(frozen=True)
class Words:
    """A `<text>` of one or more lines (a `<tspan>` each). `y`: the first line's baseline;
    `rotated`: turned a quarter to the left about (x, y), reading upward."""

    x: float
    y: float
    lines: tuple[str, ...]
    anchor: str = "start"
    rotated: bool = False


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Bar:
    box: Box
    pattern: int
    value: Words


@dataclass(frozen=True)
class Marker:
    """A point of a line: a circle, or a polygon (`points`) for the other shapes."""

    shape: str
    x: float
    y: float
    points: str


@dataclass(frozen=True)
class Trace:
    """One series of a line chart: its runs of points (a month without a figure breaks the
    line) and its markers."""

    grey: str
    dash: str
    runs: tuple[str, ...]
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Key:
    """One series in the legend: its swatch (a patterned square for bars, a stretch of line
    with its marker for lines) and its name."""

    pattern: int
    grey: str
    dash: str
    square: Box | None
    stretch: Rule | None
    marker: Marker | None
    name: Words


@dataclass(frozen=True)
class Plot:
    """The chart proper, under the title and the legend; `bottom`: where it ends."""

    bottom: float
    grid: tuple[Rule, ...] = ()
    axes: tuple[Rule, ...] = ()
    bars: tuple[Bar, ...] = ()
    traces: tuple[Trace, ...] = ()
    labels: tuple[Words, ...] = ()  # the categories or months, and the scale's figures
    empty: Words | None = None  # "—" in place of the chart when there is no figure at all


@dataclass(frozen=True)
class Drawing:
    size: str
    width: int
    height: int
    name: str
    title: Words
    keys: tuple[Key, ...]
    plot: Plot
    patterns: range = range(SERIES_LOOKS)  # reporting/_chart_pattern.svg
    font: int = FONT
    title_font: int = TITLE_FONT
    line: int = LINE
    title_line: int = TITLE_LINE


def _r(value: float) -> float:
    return round(value, 1)


def _marker(index: int, x: float, y: float) -> Marker:
    shape = MARKERS[index % SERIES_LOOKS]
    m = MARKER
    corners = {
        "circle": (),
        "square": ((x - m, y - m), (x + m, y - m), (x + m, y + m), (x - m, y + m)),
        "diamond": ((x, y - m - 1), (x + m + 1, y), (x, y + m + 1), (x - m - 1, y)),
        "triangle": ((x, y - m - 1), (x + m + 1, y + m), (x - m - 1, y + m)),
    }[shape]
    points = " ".join(f"{_r(px)},{_r(py)}" for px, py in corners)
    return Marker(shape, _r(x), _r(y), points)


def _ticks(unit: str, values: Sequence[float], fits: int) -> tuple[float, ...]:
    """The scale's figures from 0: 0 to 100 for a percentage or a score, 0 to 5 for a mark,
    else up to the largest figure; as many as `fits` and no more, at a round step."""
    if unit in (Unit.PERCENT, Unit.SCORE):
        top, steps = 100.0, [10, 20, 25, 50, 100]
    elif unit == Unit.RATING:
        top, steps = 5.0, [1, 5]
    else:
        top = max([*values, 1.0])
        steps = [m * 10**k for k in range(int(math.log10(top)) + 2) for m in (1, 2, 5)]
    for step in steps:
        count = math.ceil(top / step - 1e-9)
        if count + 1 <= fits or step == steps[-1]:
            return tuple(step * i for i in range(count + 1))
    raise AssertionError  # the last step always returns


def _heading(title: str, width: int) -> tuple[Words, float]:
    lines = wrap(title, width - 2 * PAD, TITLE_FONT)
    words = Words(width / 2, PAD + TITLE_FONT, lines, anchor="middle")
    return words, PAD + len(lines) * TITLE_LINE + 6


def _keys(result: Result, width: int, y: float, *, bars: bool) -> tuple[tuple[Key, ...], float]:
    """The legend, one series under the other, each name wrapped beside its swatch."""
    if len(result.series) < 2:
        return (), y
    keys = []
    for index, series in enumerate(result.series):
        look = index % SERIES_LOOKS
        lines = wrap(series.name, width - 2 * PAD - 32, FONT)
        middle = y + LINE / 2 - 1
        keys.append(
            Key(
                pattern=look,
                grey=GREYS[look],
                dash=DASHES[look],
                square=Box(PAD + 2, _r(middle - 9), 18, 18) if bars else None,
                stretch=None if bars else Rule(PAD, _r(middle), PAD + 26, _r(middle)),
                marker=None if bars else _marker(index, PAD + 13, middle),
                name=Words(PAD + 32, _r(y + FONT), lines),
            )
        )
        y += max(1, len(lines)) * LINE + 4
    return tuple(keys), y + 6


def _figures(result: Result) -> list[float]:
    return [float(v) for s in result.series for v in s.values if v is not None]


def present(result: Result, *, title: str, chart_is_bars: bool, unit: str, size: Size) -> Drawing:
    """The drawing of `result` at `size`: bars across (`chart_is_bars`) or lines over months."""
    heading, y = _heading(title, size.width)
    keys, y = _keys(result, size.width, y, bars=chart_is_bars)
    if not result.labels or not _figures(result):
        empty = Words(size.width / 2, _r(y + LINE), ("—",), anchor="middle")
        plot = Plot(bottom=y + 2 * LINE, empty=empty)
    elif chart_is_bars:
        plot = _bars(result, unit, size.width, y)
    else:
        plot = _lines(result, unit, size, y)
    return Drawing(
        size=size.name,
        width=size.width,
        height=math.ceil(plot.bottom + PAD),
        name=title,
        title=heading,
        keys=keys,
        plot=plot,
    )


def _bars(result: Result, unit: str, width: int, y: float) -> Plot:
    """Each category's label whole across the drawing, its bars under it (one per series) with
    their figures at their ends, the scale's figures under the last."""
    figures = _figures(result)
    shown = [figure_text(v) for s in result.series for v in s.values]
    left = PAD + 1
    room = width - left - PAD - max(text_width(text) for text in shown) - 6
    ticks: tuple[float, ...] = ()
    for fits in range(12, 1, -1):  # the most figures that do not touch each other
        ticks = _ticks(unit, figures, fits)
        widest = max(text_width(figure_text(t)) for t in ticks)
        if room / max(1, len(ticks) - 1) >= widest + 10:
            break
    top = ticks[-1] or 1.0
    # The last figure of the scale, centred under its mark, stays inside the drawing.
    room -= max(0, left + room + text_width(figure_text(top)) / 2 - (width - 2))
    bars: list[Bar] = []
    labels: list[Words] = []
    grid: list[Rule] = []
    axes: list[Rule] = []
    for index, label in enumerate(result.labels):
        lines = wrap(label, width - 2 * PAD)
        labels.append(Words(PAD, _r(y + FONT), lines))
        y += max(1, len(lines)) * LINE + 2
        start = y
        for look, series in enumerate(result.series):
            value = series.values[index]
            length = min(room, room * float(value or 0) / top)
            figure = Words(
                _r(left + length + 6), _r(y + BAR / 2 + FONT * 0.35), (figure_text(value),)
            )
            bars.append(Bar(Box(left, _r(y), _r(length), BAR), look % SERIES_LOOKS, figure))
            y += BAR + 4
        grid += [
            Rule(_r(left + room * t / top), _r(start - 2), _r(left + room * t / top), _r(y - 2))
            for t in ticks[1:]
        ]
        # The axis beside the bars only: the label above them starts at the same margin.
        axes.append(Rule(left, _r(start - 2), left, _r(y - 2)))
        y += 10
    bottom = y - 8
    axes.append(Rule(left, _r(bottom), _r(left + room), _r(bottom)))
    for tick in ticks:
        labels.append(
            Words(
                _r(left + room * tick / top),
                _r(bottom + 4 + FONT),
                (figure_text(tick),),
                anchor="middle",
            )
        )
    return Plot(
        bottom=bottom + 4 + LINE,
        grid=tuple(grid),
        axes=tuple(axes),
        bars=tuple(bars),
        labels=tuple(labels),
    )


def _lines(result: Result, unit: str, size: Size, y: float) -> Plot:
    """The scale's figures up the left, a line per series over the months, the months under
    the axis: side by side when each fits its share of the width on at most three lines, else
    upright (reading upward), on as many lines as their share of the width holds."""
    width, height = size.width, float(size.plot_height)
    figures = _figures(result)
    ticks = _ticks(unit, figures, int(height // (LINE + 6)) + 1)
    top = ticks[-1] or 1.0
    left = PAD + max(text_width(figure_text(t)) for t in ticks) + 6
    right = width - PAD
    plot_top = y + FONT / 2
    bottom = plot_top + height
    labels = [
        Words(
            _r(left - 6),
            _r(bottom - height * t / top + FONT * 0.35),
            (figure_text(t),),
            anchor="end",
        )
        for t in ticks
    ]
    grid = tuple(
        Rule(_r(left), _r(bottom - height * t / top), _r(right), _r(bottom - height * t / top))
        for t in ticks[1:]
    )
    axes = (
        Rule(_r(left), _r(plot_top), _r(left), _r(bottom)),
        Rule(_r(left), _r(bottom), _r(right), _r(bottom)),
    )
    share = (right - left) / len(result.labels)
    xs = [left + share * (i + 0.5) for i in range(len(result.labels))]
    traces: list[Trace] = []
    for index, series in enumerate(result.series):
        look = index % SERIES_LOOKS
        points = [
            None if v is None else (xs[i], bottom - height * min(max(float(v), 0), top) / top)
            for i, v in enumerate(series.values)
        ]
        runs: list[str] = []
        run: list[tuple[float, float]] = []
        for point in [*points, None]:
            if point is None:
                if len(run) > 1:
                    runs.append(" ".join(f"{_r(px)},{_r(py)}" for px, py in run))
                run = []
            else:
                run.append(point)
        markers = tuple(_marker(index, px, py) for px, py in (p for p in points if p))
        traces.append(Trace(GREYS[look], DASHES[look], tuple(runs), markers))
    across = [wrap(label, share - 4) for label in result.labels]
    fits = all(
        len(lines) <= 3 and all(text_width(word) <= share - 4 for word in _BREAKS.split(label))
        for lines, label in zip(across, result.labels, strict=True)
    )
    below: float
    if fits:
        labels += [
            Words(_r(x), _r(bottom + 6 + FONT), lines, anchor="middle")
            for x, lines in zip(xs, across, strict=True)
        ]
        below = max(len(lines) for lines in across) * LINE + 6
    else:
        most = max(1, int(share // LINE))
        below = 0
        for x, label in zip(xs, result.labels, strict=True):
            limit = 160.0
            lines = wrap(label, limit)
            while len(lines) > most:
                limit *= 1.5
                lines = wrap(label, limit)
            first = x + FONT * 0.35 - (len(lines) - 1) * LINE / 2
            labels.append(Words(_r(first), _r(bottom + 8), lines, anchor="end", rotated=True))
            below = max(below, max((text_width(line) for line in lines), default=0) + 12)
    return Plot(
        bottom=bottom + below, grid=grid, axes=axes, traces=tuple(traces), labels=tuple(labels)
    )
