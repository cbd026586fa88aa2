"""What the checks ask of a word: how common it is in everyday language, whether it is an
acronym, whether it is part of a web or email address, whether it lies in a passage
already reported."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..segment import Token

__all__ = ["inside", "is_acronym", "url_part", "zipf"]


@functools.lru_cache(maxsize=200_000)
def zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency of ``word`` (0 when wordfreq is not installed)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return 7.0
    return float(zipf_frequency(word, language))


def is_acronym(text: str) -> bool:
    """Two letters or more, all capitals ("CPP", "COVID-19"); not a template variable or an
    identifier with an underscore ("CUREC_ID")."""
    if len(text) < 2 or not text.isupper() or "_" in text:
        return False
    return text.isalpha() or sum(1 for ch in text if ch.isalpha()) >= 2


def url_part(text: str, token: Token) -> bool:
    """Part of a web or email address ("www.cnil.fr", "contact@hopital.fr")."""
    before = text[token.start - 1] if token.start else " "
    after = text[token.end : token.end + 2]
    return before in "./@" or after[:1] in "@/" or (after[:1] == "." and after[1:].isalnum())


def inside(token: Token, spans: Sequence[tuple[int, int]]) -> bool:
    """The token lies within one of ``spans`` (sorted by start)."""
    for start, end in spans:
        if start <= token.start and token.end <= end:
            return True
        if start > token.start:
            return False
    return False
