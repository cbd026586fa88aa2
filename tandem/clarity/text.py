"""Text normalisation and accent folding that keep character offsets stable."""

from __future__ import annotations

import bisect
import re
import unicodedata

__all__ = ["OffsetMap", "fold", "fold_pattern", "fold_word", "normalize"]

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


_BLOCK = 64
_SPACE_LIKE = frozenset(
    "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)


class OffsetMap:
    """Maps offsets of the normalised text back to the text it was made from.

    :func:`normalize` (and the rejoining of words cut at a line end) only drops characters,
    turns spaces and line ends into plain ones and composes accents (NFC): the normalised text
    is, character for character, a subsequence of the original up to those equivalences, so a
    greedy walk aligns them. ``original(start, end)`` gives the range in the original, and
    ``line(offset)`` its line (1-based) there.
    """

    __slots__ = ("_ends", "_line_starts", "_positions", "original_text")

    def __init__(self, original: str, normalized: str) -> None:
        self.original_text = original
        positions: list[int] = []  # where each character of the normalised text starts
        ends: list[int] = []  # and where it ends (a composed accent spans two or more)
        i = j = 0
        n, m = len(normalized), len(original)
        while i < n and j < m:
            if normalized[i : i + _BLOCK] == original[j : j + _BLOCK] and i + _BLOCK <= n:
                positions.extend(range(j, j + _BLOCK))
                ends.extend(range(j + 1, j + _BLOCK + 1))
                i += _BLOCK
                j += _BLOCK
                continue
            c, o = normalized[i], original[j]
            if c == o or (c == " " and o in _SPACE_LIKE) or (c == "\n" and o == "\r"):
                positions.append(j)
                ends.append(j + 1)
                i += 1
                j += 1
                continue
            width = _composed_width(original, j, c)
            if width:
                positions.append(j)
                ends.append(j + width)
                i += 1
                j += width
                continue
            j += 1  # a character normalisation dropped
        while i < n:  # cannot happen for a normalised text; keep offsets valid regardless
            positions.append(m)
            ends.append(m)
            i += 1
        positions.append(m if not positions else max(positions[-1] + 1, 0))
        self._positions = positions
        self._ends = ends
        self._line_starts: list[int] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The range of the original text that ``normalized[start:end]`` comes from."""
        if end <= start:
            at = self._positions[start]
            return at, at
        return self._positions[start], self._ends[end - 1]

    def line(self, original_offset: int) -> int:
        """The 1-based line of an offset of the original text."""
        if self._line_starts is None:
            starts = [0]
            text = self.original_text
            index = text.find("\n")
            while index >= 0:
                starts.append(index + 1)
                index = text.find("\n", index + 1)
            self._line_starts = starts
        return bisect.bisect_right(self._line_starts, original_offset)


def _composed_width(original: str, j: int, composed: str) -> int:
    """How many characters of ``original`` from ``j`` compose (NFC) into ``composed``; 0 if
    none do."""
    for width in (2, 3, 4):
        if unicodedata.normalize("NFC", original[j : j + width]) == composed:
            return width
    return 0


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
