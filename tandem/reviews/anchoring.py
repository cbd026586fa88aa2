"""Anchors of comments: a quoted passage plus a little context on each side, so that a comment
can be placed from a pasted quote (no JavaScript) and follow its passage into a new version."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

CONTEXT = 32


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after a passage."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


# Typed and typographic forms of the same mark: a quote is found whichever the reviewer typed.
APOSTROPHES = "'’‘ʼ`´′"
DOUBLE_QUOTES = '"“”«»„‟″'


def _pattern(quote: str) -> re.Pattern[str]:
    """A quote as a pattern: whitespace matches any run of whitespace (line breaks of PDF
    text, non-breaking spaces), an apostrophe any apostrophe, a double quote any double quote
    or guillemet with or without the (non-breaking) space French puts inside."""
    tokens: list[str] = []
    for char in quote.strip():
        if char.isspace():
            if tokens[-1] != " ":
                tokens.append(" ")
        else:
            tokens.append(char)
    parts: list[str] = []
    for i, mark in enumerate(tokens):
        before = tokens[i - 1] if i > 0 else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if mark == " ":
            quoted = before in DOUBLE_QUOTES or after in DOUBLE_QUOTES
            parts.append(r"\s*" if quoted else r"\s+")
        elif mark in DOUBLE_QUOTES:
            if before and before != " ":
                parts.append(r"\s*")
            parts.append("[" + re.escape(DOUBLE_QUOTES) + "]")
            if after and after != " ":
                parts.append(r"\s*")
        elif mark in APOSTROPHES:
            parts.append("[" + re.escape(APOSTROPHES) + "]")
        else:
            parts.append(re.escape(mark))
    return re.compile("".join(parts))


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def locate(
    text: str, quote: str, *, prefix: str = "", suffix: str = "", near: int | None = None
) -> tuple[int, int] | None:
    """Where `quote` is in `text`: (start, end), or None when it is not there any more. When the
    quote occurs several times, the occurrence whose surroundings best match `prefix` and
    `suffix` wins, then the one nearest to `near`."""
    if not quote.strip():
        return None
    matches = [(m.start(), m.end()) for m in _pattern(quote.strip()).finditer(text)]
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0]

    def rank(span: tuple[int, int]) -> tuple[float, int]:
        before, after = context(text, *span)
        score = _similarity(before[-len(prefix) :] if prefix else "", prefix) + _similarity(
            after[: len(suffix)] if suffix else "", suffix
        )
        distance = abs(span[0] - near) if near is not None else 0
        return (-score, distance)

    return min(matches, key=rank)
