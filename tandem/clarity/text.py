"""Text normalisation and accent folding that keep character offsets stable."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_pattern", "fold_word", "normalize"]

# patterns that start with a literal or a character set, so the engine skips ahead quickly
_DROP_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES_RE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_RUN_OF_SPACES_RE = re.compile("  +")
_LINE_EDGE_SPACES_RE = re.compile(" *\n *")
_BLANK_LINES_RE = re.compile("\n\n\n+")


def normalize(text: str) -> str:
    """The canonical text that every offset of a report points into.

    NFC; Windows and old Mac line ends become ``\\n``; soft hyphens, zero-width characters and
    control characters go; tabs and the various no-break spaces become plain spaces; runs of
    spaces inside a line become one space; leading and trailing spaces of lines go; more than one blank line becomes
    one; leading and trailing blank lines go.
    """
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _DROP_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    if "  " in text:
        text = _RUN_OF_SPACES_RE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGE_SPACES_RE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip(" \n")


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0] if decomposed else ch
    return base if len(base) == 1 else ch


_FOLD_TABLE: dict[int, str] = {}
for _code in range(0xC0, 0x250):
    _ch = chr(_code)
    _folded = _fold_char(_ch)
    if _folded != _ch and _folded.isascii():
        _FOLD_TABLE[_code] = _folded
_FOLD_TABLE[ord("’")] = "'"
_FOLD_TABLE[ord("‘")] = "'"


def fold(text: str) -> str:
    """Lowercase and strip accents, one character for one character (offsets stay valid)."""
    folded = text.lower().translate(_FOLD_TABLE)
    if len(folded) != len(text):  # a few characters (İ) lowercase to two: fall back per char
        folded = "".join(ch.lower()[:1].translate(_FOLD_TABLE) or ch for ch in text)
    return folded


def fold_pattern(pattern: str) -> str:
    """Fold a regular expression's literal characters like :func:`fold`, leaving escapes
    (``\\S``, ``\\W``, ``\\B`` …) untouched, so it can run case-sensitively on folded text."""
    out: list[str] = []
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        else:
            out.append(fold(ch))
    return "".join(out)


def fold_word(word: str) -> str:
    """Fold one word for dictionary look-ups: lowercase, no accents, straight apostrophes."""
    return word.lower().translate(_FOLD_TABLE)
