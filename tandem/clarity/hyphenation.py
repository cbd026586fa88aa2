"""Words cut by a hyphen at a line end, as PDFs and pasted text have them."""

from __future__ import annotations

import re

from .findings.words import zipf

__all__ = ["rejoin_hyphenated"]

_HYPHENATED_RE = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-öø-ÿœ])")
_WORD_END_RE = re.compile(r"[^\W\d_]+$")
_WORD_START_RE = re.compile(r"^[^\W\d_]+")


def rejoin_hyphenated(text: str) -> str:
    """Rejoin words cut by a hyphen at a line end ("partici-\npation") when the joined word is
    a word of French or English; otherwise keep the hyphen and drop the line break
    ("non-\ninvasive" → "non-invasive"). Same length or shorter; run before the analysis."""
    if "-\n" not in text:
        return text

    def join(match: re.Match[str]) -> str:
        before = _WORD_END_RE.search(text, 0, match.start())
        after = _WORD_START_RE.match(text[match.end() : match.end() + 40])
        if before is None or after is None:
            return match.group()
        word = (before.group() + after.group()).lower()
        known = max(zipf(word, "fr"), zipf(word, "en")) >= 1.5
        return "" if known else "-"

    return _HYPHENATED_RE.sub(join, text)
