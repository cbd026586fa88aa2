from __future__ import annotations

import random

import pytest

from tandem.clarity import syllables_fr
from tandem.clarity.tests.conftest import DATA, load_tsv, require

ANNOTATED = {
    # words textstat gets wrong (DOMAIN.md), and the usual traps
    "étude": 2, "idée": 2, "été": 2, "consentement": 4, "table": 1, "être": 1,
    "parlent": 1, "moment": 2, "patient": 2, "nation": 2, "crier": 2,
    "oiseau": 2, "travailler": 3, "accueil": 2, "naïf": 2, "samedi": 3, "rue": 1,
    "traitement": 3, "médicament": 4, "aient": 1, "langue": 1, "fatigue": 2,
    "biopsie": 2, "embryon": 3, "quatre-vingt-dix": 4, "sœur": 1, "lycée": 2,
}  # fmt: skip


@pytest.mark.parametrize(("word", "expected"), sorted(ANNOTATED.items()))
def test_rules_alone_count_common_traps(word, expected):
    assert syllables_fr.count_rules(word) == expected


def test_the_full_counter_uses_exceptions_then_lexique():
    assert syllables_fr.count_rules("pays") == 1  # the rules read "pè"
    assert syllables_fr.count("pays") == 2
    assert syllables_fr.count("abbaye", use_lexicon=False) == 3
    assert syllables_fr.count("Consentement") == 4
    assert syllables_fr.count("xylophonique") == syllables_fr.count_rules("xylophonique")


def test_lexique_is_read_once_and_knows_participles_and_lemmas():
    lexicon = syllables_fr.lexicon()
    assert len(lexicon) > 100_000
    assert lexicon["étude"] == 2
    assert "demandé" in syllables_fr.participles()
    assert syllables_fr.lemma("proposerons") == "proposer"
    assert syllables_fr.lexicon() is lexicon


def _frequent_words(sample: int) -> list[str]:
    from wordfreq import zipf_frequency

    lexicon = syllables_fr.lexicon()
    words = sorted(w for w in lexicon if w.isalpha() or "-" in w)
    chosen = random.Random(4).sample(words, sample)
    return [w for w in chosen if zipf_frequency(w, "fr") >= 3]


def test_accuracy_on_frequent_words_meets_the_targets():
    words = _frequent_words(25_000)
    lexicon = syllables_fr.lexicon()
    assert len(words) > 3000
    rules = sum(syllables_fr.count_rules(w) == lexicon[w] for w in words) / len(words)
    full = sum(syllables_fr.count(w) == lexicon[w] for w in words) / len(words)
    error = sum(abs(syllables_fr.count(w) - lexicon[w]) for w in words) / len(words)
    assert rules >= 0.97
    assert full >= 0.97
    assert error <= 0.03


def test_accuracy_on_the_annotated_medical_words_with_and_without_lexique():
    rows = load_tsv(require(DATA / "medical_words_fr.tsv").name)
    assert len(rows) >= 200
    with_lexique = sum(syllables_fr.count(w) == n for w, n in rows) / len(rows)
    without = sum(syllables_fr.count(w, use_lexicon=False) == n for w, n in rows) / len(rows)
    assert with_lexique >= 0.90
    assert without >= 0.90
