"""The chart's presenter: every label whole, wrapped to the drawing's width, in French and
English; the drawing's words at 18 px; nothing drawn past its edges (no database)."""

from __future__ import annotations

import itertools
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tandem.reporting.chart_presenter import (
    FONT,
    PAD,
    PHONE,
    SCREEN,
    Drawing,
    Words,
    present,
    text_width,
    wrap,
)
from tandem.reporting.indicators.base import Result, Series, Unit

LONG_FRENCH = "Organisations de patients partenaires et associations de malades"
MONTHS = tuple(
    f"{month} 2025"
    for month in [
        *("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"),
        *("septembre", "octobre", "novembre", "décembre"),
    ]
)


def _glued(text: str) -> str:
    return "".join(text.split())


def test_a_long_french_label_is_wrapped_at_spaces_with_every_word_kept():
    lines = wrap(LONG_FRENCH, 284)
    assert len(lines) > 1
    assert " ".join(lines) == LONG_FRENCH
    assert all(text_width(line) <= 284 for line in lines)
    # Greedy: no line could have taken the next line's first word.
    for line, following in itertools.pairwise(lines):
        assert text_width(f"{line} {following.split()[0]}") > 284


def test_a_single_word_longer_than_a_line_is_cut_over_several_lines_and_none_lost():
    word = "Anticonstitutionnellement-Intergouvernementalisation"
    lines = wrap(word, 150)
    assert len(lines) >= 3
    assert "".join(lines) == word
    assert all(text_width(line) <= 150 for line in lines)


def test_a_line_too_narrow_for_one_character_still_holds_every_character():
    assert wrap("Mot", 1) == ("M", "o", "t")


@pytest.mark.parametrize("empty", ["", "   ", "\n"])
def test_an_empty_label_has_no_line(empty):
    assert wrap(empty, 284) == ()


def test_a_no_break_space_keeps_its_words_together():
    # French: "Présence (%)" and "Note : 4" never break before the sign.
    text = "Présence\u202f(%) et note\u00a0: bonne"
    lines = wrap(text, text_width("Présence\u202f(%) et note") + 1)
    assert lines == ("Présence\u202f(%) et", "note\u00a0: bonne")


def test_a_wide_character_counts_more_than_a_narrow_one():
    assert text_width("WWW") > text_width("iii") * 2
    assert text_width("é") == text_width("e")
    assert text_width("abc", 36) == 2 * text_width("abc", 18)


def _all_words(drawing: Drawing) -> list[Words]:
    words = [drawing.title, *drawing.plot.labels, *(key.name for key in drawing.keys)]
    words += [bar.value for bar in drawing.plot.bars]
    return words + ([drawing.plot.empty] if drawing.plot.empty else [])


def _inside(drawing: Drawing, words: Words) -> bool:
    """Each line of `words` lies inside the drawing, where its anchor places it: along the
    line from `start` to `start + length`, across it from a font's height above the baseline
    to the baseline (turned a quarter to the left when `rotated`: along goes up the page)."""
    for index, line in enumerate(words.lines):
        length = text_width(line)
        start = {"start": 0.0, "middle": -length / 2, "end": -length}[words.anchor]
        if words.rotated:
            left, right = words.x + index * drawing.line - FONT, words.x + index * drawing.line
            top, bottom = words.y - start - length, words.y - start
        else:
            left, right = words.x + start, words.x + start + length
            top, bottom = words.y + index * drawing.line - FONT, words.y + index * drawing.line
        if not (0 <= left <= right <= drawing.width and 0 <= top <= bottom <= drawing.height):
            return False
    return True


@pytest.mark.parametrize("size", [PHONE, SCREEN])
def test_a_bar_chart_shows_each_long_label_whole_and_inside_the_drawing(size):
    result = Result(
        value=2,
        labels=(LONG_FRENCH, "Transmise à la direction générale", "Anticonstitutionnellement" * 2),
        series=(
            Series("Personnes inscrites sur une liste d’attente", (75.0, 50.0, 3.0)),
            Series("Événements avec une liste d’attente", (60.0, None, 100.0)),
        ),
    )
    drawing = present(result, title="Présence", chart_is_bars=True, unit=Unit.PERCENT, size=size)
    assert drawing.width == size.width
    shown = [_glued("".join(words.lines)) for words in drawing.plot.labels]
    for label in result.labels:
        assert _glued(label) in shown
    assert [_glued("".join(key.name.lines)) for key in drawing.keys] == [
        _glued(series.name) for series in result.series
    ]
    assert all(_inside(drawing, words) for words in _all_words(drawing))
    # One bar per figure, a dash for the one missing, the longest bar no wider than the plot.
    assert [bar.value.lines for bar in drawing.plot.bars][:2] == [("75",), ("60",)]
    assert ("—",) in [bar.value.lines for bar in drawing.plot.bars]
    assert all(bar.box.x + bar.box.width <= size.width - PAD for bar in drawing.plot.bars)


@pytest.mark.parametrize("size", [PHONE, SCREEN])
def test_a_line_chart_stands_its_months_upright_when_they_do_not_fit_side_by_side(size):
    result = Result(
        value=3,
        labels=MONTHS,
        series=(Series("Jours jusqu’à la résolution, en moyenne", (None, 4, 10, *[None] * 9)),),
    )
    drawing = present(result, title="Délai", chart_is_bars=False, unit=Unit.DAYS, size=size)
    months = [words for words in drawing.plot.labels if words.rotated]
    assert [" ".join(words.lines) for words in months] == list(MONTHS)
    assert all(_inside(drawing, words) for words in _all_words(drawing))
    # One series: no legend (the title and the table name it); a month without a figure
    # breaks the line: the two figures make one run, two markers.
    assert drawing.keys == ()
    assert len(drawing.plot.traces[0].runs) == 1 and len(drawing.plot.traces[0].markers) == 2


def test_a_few_short_labels_of_a_line_chart_stay_side_by_side():
    result = Result(value=1, labels=("T1", "T2", "T3"), series=(Series("Séances", (1, 2, 3)),))
    drawing = present(result, title="Séances", chart_is_bars=False, unit=Unit.COUNT, size=SCREEN)
    assert [w.lines for w in drawing.plot.labels if w.anchor == "middle"] == [
        ("T1",),
        ("T2",),
        ("T3",),
    ]
    assert not any(words.rotated for words in drawing.plot.labels)


def test_a_chart_without_figures_says_so_with_a_dash():
    result = Result(value=None, labels=(), series=(Series("Séances", ()),))
    drawing = present(result, title="Séances", chart_is_bars=False, unit=Unit.COUNT, size=PHONE)
    assert drawing.plot.empty is not None and drawing.plot.empty.lines == ("—",)
    assert drawing.plot.bars == drawing.plot.traces == ()


@pytest.mark.parametrize("count", [0, 7, 999, 12500])
def test_the_scales_figures_never_touch_each_other(count):
    result = Result(value=count, labels=("A", "B"), series=(Series("N", (count, 1)),))
    drawing = present(result, title="N", chart_is_bars=True, unit=Unit.COUNT, size=PHONE)
    ticks = sorted(
        (w for w in drawing.plot.labels if w.anchor == "middle"), key=lambda words: words.x
    )
    assert len(ticks) >= 2
    for one, other in itertools.pairwise(ticks):
        room = other.x - one.x
        assert room >= (text_width(one.lines[0]) + text_width(other.lines[0])) / 2 + 4
    assert float(ticks[-1].lines[0].replace("\u202f", "").replace(" ", "")) >= count


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_template_draws_each_line_as_a_tspan_with_words_at_18_px(language):
    result = Result(
        value=1,
        labels=(LONG_FRENCH, "Research"),
        series=(Series("Présence (%)", (75.5, 50.0)), Series("Autre & « série »", (1.0, 2.0))),
    )
    with translation.override(language):
        drawing = present(
            result, title="Présence", chart_is_bars=True, unit=Unit.PERCENT, size=PHONE
        )
        drawn = render_to_string("reporting/chart.svg", {"drawing": drawing})
    assert drawn.startswith("<svg") and 'width="300"' in drawn and 'font-size="18"' in drawn
    # Coordinates are written the SVG's way in either language (a point, never a comma).
    assert not re.search(r' (?:x|y|x1|y1|x2|y2|width|height|dy)="-?\d+,\d', drawn)
    # The figure, though, as the reader writes it.
    assert ("75,5" if language == "fr" else "75.5") in drawn
    assert "Autre &amp; « série »" in drawn
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", drawn)
    assert _glued(LONG_FRENCH) in _glued("".join(lines))
    assert '<title id="chart-title">Présence</title>' in drawn
    assert "…" not in drawn
