from __future__ import annotations

import pytest

from tandem.clarity import syllables_en
from tandem.clarity.tests.conftest import DATA, load_tsv, require


@pytest.mark.parametrize(
    ("word", "expected"),
    [("study", 2), ("research", 2), ("participate", 4), ("consent", 2), ("the", 1)],
)
def test_the_cmu_dictionary_gives_known_words(word, expected):
    assert syllables_en.count(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("pharmacovigilance", 6), ("randomisation", 5), ("table", 2), ("myeloma", 4)],
)
def test_rules_count_words_missing_from_the_dictionary(word, expected):
    assert syllables_en.count_rules(word) == expected


def test_the_dictionary_is_read_from_the_package_without_nltk():
    dictionary = syllables_en.dictionary()
    assert len(dictionary) > 100_000
    assert syllables_en.dictionary() is dictionary


def test_accuracy_on_the_annotated_medical_words():
    rows = load_tsv(require(DATA / "medical_words_en.tsv").name)
    assert len(rows) >= 200
    accuracy = sum(syllables_en.count(w) == n for w, n in rows) / len(rows)
    assert accuracy >= 0.90
