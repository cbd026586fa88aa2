"""Anchors of comments: a quoted passage plus a little context on each side, so that a comment
can be placed from a pasted quote (no JavaScript) and follow its passage into a new version."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

CONTEXT = 32


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after a passage."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _pattern(quote: str) -> re.Pattern[str]:
    # Whitespace in a pasted quote matches any run of whitespace (line breaks of PDF text).
    words = quote.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words))


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
