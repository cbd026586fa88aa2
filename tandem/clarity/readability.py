"""Readability statistics and formulas (DOMAIN.md, "Readability").

French: Kandel and Moles (1958). English: Flesch reading ease, Flesch-Kincaid grade, Gunning
fog, SMOG (30 sentences or more), Coleman-Liau, ARI. Each value comes with a band in words. They
are indicators, never a pass or a fail.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import syllables_en, syllables_fr
from .messages import band_label, message
from .segment import COUNT_RE, ELISION_RE, Sentence, Token, raw_blocks, sentence_spans
from .text import normalize

__all__ = ["Formula", "Stats", "compute_stats", "formulas", "syllables_of", "text_statistics"]

SMOG_MIN_SENTENCES = 30
# syllables of French elided clitics ("l'" adds none, "jusqu'" one)
_ELIDED_SYLLABLES = {"jusqu": 1, "lorsqu": 1, "puisqu": 1, "quoiqu": 1, "presqu": 1}


@dataclass(frozen=True, slots=True)
class Stats:
    characters: int
    words: int
    sentences: int
    syllables: int
    letters: int
    complex_words: int  # 3 syllables or more (Gunning fog)
    polysyllables: int  # 3 syllables or more (SMOG)

    @property
    def avg_words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def avg_syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


@dataclass(frozen=True, slots=True)
class Formula:
    formula: str
    value: float | None
    band: str | None
    note: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "formula": self.formula,
            "value": self.value,
            "band": self.band,
            "note": self.note,
        }


def syllables_of(token: Token, language: str) -> int:
    """Syllables of one word token (0 for numbers)."""
    if token.kind != "word":
        return 0
    text = token.text
    if language == "fr":
        if token.elided:
            return _ELIDED_SYLLABLES.get(text[:-1].lower(), 0)
        return syllables_fr.count(text)
    return syllables_en.count(text)


SentenceCounts = tuple[int, int, int, int]  # words, syllables, letters, 3+ syllable words


def sentence_counts(sentence: Sentence, language: str) -> SentenceCounts:
    """Words, syllables, letters and words of three syllables or more in one sentence.

    A word is a written word: a French elided clitic belongs to the word it is joined to
    ("l'étude", "jusqu'à" are one word each, with the clitic's syllables), as in the published
    counts of Kandel and Moles and of Flesch, and as the long-sentence rule counts.
    """
    words = syllables = letters = complex_words = 0
    count = syllables_fr.count if language == "fr" else syllables_en.count
    for token in sentence.tokens:
        if token.kind != "word":
            continue
        text = token.text
        letters += len(text) if text.isalpha() else sum(1 for ch in text if ch.isalpha())
        if token.elided:  # part of the next word: "l'étude" is one word, as for long sentences
            syllables += _ELIDED_SYLLABLES.get(text[:-1].lower(), 0) if language == "fr" else 0
            continue
        words += 1
        n = count(text)
        syllables += n
        if n >= 3:
            complex_words += 1
    return words, syllables, letters, complex_words


def compute_stats(
    sentences: Sequence[Sentence],
    language: str,
    *,
    characters: int,
    cache: dict[int, SentenceCounts] | None = None,
) -> Stats:
    """Counts over the body sentences given (headings should be left out by the caller).

    ``cache`` (keyed by sentence start) lets the document and its sections share the work.
    """
    words = syllables = letters = complex_words = n_sentences = 0
    for sentence in sentences:
        counts = cache.get(sentence.start) if cache is not None else None
        if counts is None:
            counts = sentence_counts(sentence, language)
            if cache is not None:
                cache[sentence.start] = counts
        words += counts[0]
        syllables += counts[1]
        letters += counts[2]
        complex_words += counts[3]
        n_sentences += counts[0] > 0
    return Stats(
        characters=characters,
        words=words,
        sentences=n_sentences,
        syllables=syllables,
        letters=letters,
        complex_words=complex_words,
        polysyllables=complex_words,
    )


# word → (syllables, letters), per language, shared by calls of text_statistics
_WORD_INFO: dict[str, dict[str, tuple[int, int]]] = {}


def text_statistics(text: str, language: str) -> Stats:
    """The readability statistics of ``text`` without building tokens: the same counts as
    :func:`compute_stats` over :func:`segment` (a test checks it), several times faster."""
    text = normalize(text)
    french = language == "fr"
    count = syllables_fr.count if french else syllables_en.count
    finder = COUNT_RE.findall
    elision = ELISION_RE.match
    known = _WORD_INFO.setdefault(language, {})
    words = syllables = letters = complex_words = n_sentences = 0
    for kind, start, end in raw_blocks(text):
        if kind == "heading":
            continue
        for s, e in sentence_spans(text, start, end, language=language):
            found = finder(text, s, e)
            if not found:
                continue
            n_sentences += 1
            for word in found:
                if french and ("'" in word or "’" in word):
                    pos = 0
                    while (clitic := elision(word, pos)) is not None:
                        letters += clitic.end() - pos - 1
                        syllables += _ELIDED_SYLLABLES.get(word[pos : clitic.end() - 1].lower(), 0)
                        pos = clitic.end()
                    word = word[pos:]
                info = known.get(word)
                if info is None:
                    n = count(word)
                    info = (n, len(word) if word.isalpha() else sum(c.isalpha() for c in word))
                    if len(known) < 100_000:
                        known[word] = info
                words += 1
                syllables += info[0]
                letters += info[1]
                complex_words += info[0] >= 3
    return Stats(len(text), words, n_sentences, syllables, letters, complex_words, complex_words)


def _ease_band(value: float) -> str:
    if value >= 90:
        return "very_easy"
    if value >= 80:
        return "easy"
    if value >= 70:
        return "fairly_easy"
    if value >= 60:
        return "plain"
    if value >= 50:
        return "fairly_difficult"
    if value >= 30:
        return "difficult"
    return "very_difficult"


def _grade_band(grade: float) -> str:
    if grade <= 6:
        return "grade_primary"
    if grade <= 8:
        return "grade_middle"
    if grade <= 10:
        return "grade_high"
    if grade <= 12:
        return "grade_late_high"
    return "grade_university"


def kandel_moles(stats: Stats) -> float:
    return 207 - 1.015 * (stats.words / stats.sentences) - 73.6 * (stats.syllables / stats.words)


def flesch_reading_ease(stats: Stats) -> float:
    return (
        206.835 - 1.015 * (stats.words / stats.sentences) - 84.6 * (stats.syllables / stats.words)
    )


def flesch_kincaid_grade(stats: Stats) -> float:
    return 0.39 * (stats.words / stats.sentences) + 11.8 * (stats.syllables / stats.words) - 15.59


def gunning_fog(stats: Stats) -> float:
    return 0.4 * ((stats.words / stats.sentences) + 100 * (stats.complex_words / stats.words))


def smog(stats: Stats) -> float:
    return 1.0430 * math.sqrt(stats.polysyllables * 30 / stats.sentences) + 3.1291


def coleman_liau(stats: Stats) -> float:
    letters_per_100 = stats.letters / stats.words * 100
    sentences_per_100 = stats.sentences / stats.words * 100
    return 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8


def ari(stats: Stats) -> float:
    return 4.71 * (stats.letters / stats.words) + 0.5 * (stats.words / stats.sentences) - 21.43


_EASE = {"kandel_moles": kandel_moles, "flesch_reading_ease": flesch_reading_ease}
_GRADE = {
    "flesch_kincaid_grade": flesch_kincaid_grade,
    "gunning_fog": gunning_fog,
    "smog": smog,
    "coleman_liau": coleman_liau,
    "ari": ari,
}
FRENCH_FORMULAS = ("kandel_moles",)
ENGLISH_FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog",
    "coleman_liau",
    "ari",
)


def band_in(formula: str, value: float | None, language: str) -> str | None:
    """A formula's band in words, in ``language``: what a stored report shows in its reader's
    language, whatever the language it was made in."""
    if value is None or (formula not in _EASE and formula not in _GRADE):
        return None
    band = _ease_band(value) if formula in _EASE else _grade_band(value)
    return band_label(band, language)


def formulas(stats: Stats, language: str, interface_language: str) -> tuple[Formula, ...]:
    """The formulas for ``language``, each with a value (2 decimals), a band and a note."""
    names = FRENCH_FORMULAS if language == "fr" else ENGLISH_FORMULAS
    results: list[Formula] = []
    for name in names:
        if not stats.words or not stats.sentences:
            results.append(Formula(name, None, None, message("no_text", interface_language)))
            continue
        if name == "smog" and stats.sentences < SMOG_MIN_SENTENCES:
            note = message("smog_short", interface_language, sentences=stats.sentences)
            results.append(Formula(name, None, None, note))
            continue
        if name in _EASE:
            value = _EASE[name](stats)
            band = band_label(_ease_band(value), interface_language)
        else:
            value = _GRADE[name](stats)
            band = band_label(_grade_band(value), interface_language)
        results.append(Formula(name, round(value, 2), band, None))
    return tuple(results)
