"""Analysis settings, all optional, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import LexiconEntry

__all__ = ["Config"]


@dataclass(frozen=True, slots=True)
class Config:
    # long_sentence: a warning from this many words (numbers included), an error from the next
    long_sentence_warning: int = 20
    long_sentence_error: int = 30
    # rare_word: words whose wordfreq Zipf frequency is below this (3 = once per million words)
    rare_word_zipf: float = 2.5
    # rare_word: shorter words are never reported (abbreviations, units)
    rare_word_min_length: int = 4
    # acronym: all-caps words that never need spelling out (known to every lay reader)
    acronym_allow: frozenset[str] = frozenset(
        {"OK", "TV", "UK", "USA", "EU", "UE", "SMS", "PDF", "GPS", "PhD", "NHS"}
    )
    # jargon: entries added to the project's lexicon (the College's own, curated in the product)
    extra_lexicon: tuple[LexiconEntry, ...] = ()
    # jargon: use only ``extra_lexicon`` (tests, or a College lexicon that replaces ours)
    replace_lexicon: bool = False
    # score: a text with fewer body words than this is too short to judge: the report says so
    # and gives no score (the reading-ease formulas are meant for samples of 100 words or more)
    min_words_to_judge: int = 100
    # length: silent reading speed of a lay reader of health information, in words per minute
    reading_words_per_minute: int = 200
