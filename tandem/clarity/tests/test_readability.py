from __future__ import annotations

import math

import pytest

from tandem.clarity import analyze
from tandem.clarity.readability import Stats, formulas

STATS = Stats(
    characters=1000, words=100, sentences=5, syllables=150, letters=450, complex_words=10,
    polysyllables=10,
)  # fmt: skip


def values(stats: Stats, language: str) -> dict[str, float | None]:
    return {f.formula: f.value for f in formulas(stats, language, "en")}


def test_kandel_moles_follows_the_published_formula():
    expected = 207 - 1.015 * 20 - 73.6 * 1.5
    assert values(STATS, "fr") == {"kandel_moles": pytest.approx(expected, abs=0.01)}


def test_english_formulas_follow_domain_md():
    stats = Stats(1000, 100, 30, 150, 450, 10, 10)
    got = values(stats, "en")
    w_s, sy_w = 100 / 30, 1.5
    assert got["flesch_reading_ease"] == pytest.approx(
        206.835 - 1.015 * w_s - 84.6 * sy_w, abs=0.01
    )
    assert got["flesch_kincaid_grade"] == pytest.approx(0.39 * w_s + 11.8 * sy_w - 15.59, abs=0.01)
    assert got["gunning_fog"] == pytest.approx(0.4 * (w_s + 100 * 10 / 100), abs=0.01)
    assert got["smog"] == pytest.approx(1.0430 * math.sqrt(10 * 30 / 30) + 3.1291, abs=0.01)
    assert got["coleman_liau"] == pytest.approx(0.0588 * 450 - 0.296 * 30 - 15.8, abs=0.01)
    assert got["ari"] == pytest.approx(4.71 * 4.5 + 0.5 * w_s - 21.43, abs=0.01)


def test_smog_is_null_with_a_note_under_thirty_sentences():
    smog = next(f for f in formulas(STATS, "en", "fr") if f.formula == "smog")
    assert smog.value is None
    assert smog.note is not None and "30" in smog.note


def test_every_value_has_a_band_in_the_interface_language():
    fr = formulas(STATS, "fr", "fr")[0]
    en = formulas(STATS, "fr", "en")[0]
    assert fr.band == "plutôt facile" and en.band == "fairly easy"


def test_no_text_gives_null_values_with_a_note():
    empty = Stats(0, 0, 0, 0, 0, 0, 0)
    (kandel,) = formulas(empty, "fr", "fr")
    assert kandel.value is None and kandel.band is None and kandel.note


def test_an_elided_clitic_belongs_to_its_word():
    report = analyze("L'étude commence jusqu'à demain.", language="fr")
    # written words: "L'étude", "commence", "jusqu'à", "demain" (as Kandel and Moles count, and
    # as the long-sentence rule counts); syllables 0 + 2 + 2 + 1 + 1 + 2 ("jusqu'" has one)
    assert report.stats.words == 4
    assert report.stats.syllables == 8
    assert report.readability[0].value == pytest.approx(207 - 1.015 * 4 - 73.6 * 8 / 4, abs=0.01)


def test_readability_is_given_for_each_section():
    text = "Le but\n\nNous voulons savoir. C'est simple.\n\nLes risques\n\nLa pharmacovigilance documente systématiquement les événements indésirables."
    report = analyze(text, language="fr")
    assert [s.heading for s in report.sections] == ["Le but", "Les risques"]
    easy, hard = (s.readability[0].value for s in report.sections)
    assert easy is not None and hard is not None and easy > hard


def test_fast_statistics_match_the_full_segmentation():
    from tandem.clarity.readability import compute_stats, text_statistics
    from tandem.clarity.segment import segment
    from tandem.clarity.tests.conftest import DATA
    from tandem.clarity.text import normalize

    for name, language in [
        ("planted_fr.txt", "fr"), ("planted_en.txt", "en"),
        ("complete_leaflet_fr.txt", "fr"), ("complete_leaflet_en.txt", "en"),
    ]:  # fmt: skip
        text = normalize((DATA / name).read_text(encoding="utf-8"))
        full = compute_stats(segment(text, language=language).body_sentences, language,
                             characters=len(text))  # fmt: skip
        assert text_statistics(text, language) == full, name
