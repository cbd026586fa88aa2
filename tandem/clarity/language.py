"""Which language a text is in, French or English, and the passages in the other one (the
``language`` finding: a mixed document)."""

from __future__ import annotations

import re

from .findings.finding import Finding
from .messages import message
from .segment import Document

__all__ = ["detect_language", "foreign_blocks", "language_findings"]

_FR_STOP = frozenset(
    [
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "un",
        "une",
        "et",
        "est",
        "que",
        "qui",
        "dans",
        "pour",
        "pas",
        "vous",
        "nous",
        "il",
        "elle",
        "ce",
        "cette",
        "sur",
        "avec",
        "au",
        "aux",
        "en",
        "votre",
        "vos",
        "ne",
        "sont",
        "être",
        "sera",
        "par",
    ]
)
_EN_STOP = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "you",
        "we",
        "with",
        "on",
        "are",
        "be",
        "this",
        "will",
        "your",
        "not",
        "or",
        "as",
        "by",
        "have",
        "has",
        "was",
        "from",
        "can",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """``fr`` or ``en`` from the share of each language's commonest words (``fr`` on a tie)."""
    fr = en = 0
    for index, match in enumerate(_WORD_RE.finditer(text[:20_000])):
        if index > 3000:
            break
        word = match.group().lower()
        fr += word in _FR_STOP
        en += word in _EN_STOP
    return "en" if en > fr else "fr"


_MIN_FOREIGN_BLOCK_WORDS = 6


def foreign_blocks(doc: Document, language: str) -> list[tuple[int, int]]:
    """Body blocks written in the other language (French or English) than ``language``: at
    least six words, at least three of the other language's commonest words and twice as many
    as of the document's language."""
    result: list[tuple[int, int]] = []
    own, other = (_FR_STOP, _EN_STOP) if language == "fr" else (_EN_STOP, _FR_STOP)
    for block in doc.blocks:
        if block.kind == "heading":
            continue
        words = [m.group().lower() for m in _WORD_RE.finditer(doc.text, block.start, block.end)]
        if len(words) < _MIN_FOREIGN_BLOCK_WORDS:
            continue
        mine = sum(w in own for w in words)
        theirs = sum(w in other for w in words)
        if theirs >= 3 and theirs >= 2 * mine:
            result.append((block.start, block.end))
    return result


def language_findings(
    doc: Document, foreign: list[tuple[int, int]], other: str, ui: str
) -> list[Finding]:
    """One warning at the first passage in the other language: the document is mixed."""
    if not foreign:
        return []
    words = sum(len(_WORD_RE.findall(doc.text, s, e)) for s, e in foreign)
    start, end = foreign[0]
    return [
        Finding(
            "language",
            "warning",
            start,
            end,
            doc.text[start:end],
            message(f"mixed_language_{other}", ui, words=words, blocks=len(foreign)),
        )
    ]
