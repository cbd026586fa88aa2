"""Accent- and case-folding shared by search and matching."""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[a-z0-9]+")
FACET_PREFIX = "qq"  # filter values as index words (models.facet_tokens)
# Words that carry no meaning for search, in both languages.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "de",
        "des",
        "du",
        "en",
        "et",
        "la",
        "le",
        "les",
        "l",
        "d",
        "un",
        "une",
        "sur",
        "pour",
        "par",
        "dans",
        "avec",
        "ou",
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "with",
        "an",
        "to",
        "or",
        "by",
        "at",
        "is",
    ]
)


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: "Cœur Éléments" → "coeur elements"."""
    text = (text or "").replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens(text: str) -> list[str]:
    """Meaningful folded words of a query, in order, without duplicates."""
    seen: list[str] = []
    for word in _WORD_RE.findall(fold(text)):
        if word in STOP_WORDS or len(word) < 2 or word in seen:
            continue
        seen.append(word)
    return seen[:8]


def root(word: str) -> str:
    """The form under which a folded word is indexed and searched: a final plural and then a
    final "e" are dropped ("maladies", "maladie" → "maladi"; "patientes", "patients" →
    "patient"; "diseases" → "diseas"), so that one index lookup finds every form. Always a
    prefix of the word, so a substring search for it finds the full word too."""
    if len(word) > 4 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word


def _root_match(match: re.Match[str]) -> str:
    return root(match.group())


def indexed(folded: str) -> str:
    """A folded text with each word as `root` gives it: what the full-text index of the free
    text holds. Filter tokens (models.facet_tokens) are not words of it: they have their own
    column, kept whole."""
    return _WORD_RE.sub(_root_match, folded)


def query_words(query: str) -> list[str]:
    """The words a search looks for: folded, without stop words, as the index holds them."""
    return [root(word) for word in tokens(query)]


def normalized(text: str) -> str:
    """Folded words separated by single spaces, stop words kept: for whole-phrase matching
    ("Maladie de Crohn" is found in "la maladie de Crohn chez l'enfant")."""
    return " ".join(_WORD_RE.findall(fold(text)))
