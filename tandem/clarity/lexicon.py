"""The jargon lexicon: entries, loading, and a fast matcher over tokens.

Entries come from ``data/lexicon_<lang>.json`` (written by the project) plus any entries the
caller adds (the College's own, curated in the product). Terms and variants match whole words
or multi-word phrases, without regard to case, accents, straight or curly apostrophes, or a
final plural ``s``/``x`` (and ``-aux``/``-al``, ``-ies``/``-y``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .segment import Token, tokenize
from .text import fold_word

__all__ = ["LexiconEntry", "Match", "Matcher", "load_entries", "matcher_for"]

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    term: str
    plain: tuple[str, ...] = ()
    explanation: str = ""
    variants: tuple[str, ...] = ()
    source: str = ""
    # "technical" (a medical, legal or research term a lay reader may not know) or "plain" (an
    # everyday but heavier word with a plainer one, "afin de" for "pour"): reported as
    # ``jargon`` and ``plain_word`` findings respectively; "retired": a term the College took
    # out of use, never reported (a caller's retired entry wins over the built-in one, as any
    # entry the caller adds does)
    kind: str = "technical"

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> LexiconEntry:
        def strings(value: object) -> tuple[str, ...]:
            if isinstance(value, str):
                return (value,)
            if isinstance(value, list | tuple):
                return tuple(str(v) for v in value if str(v).strip())
            return ()

        return cls(
            term=str(data.get("term", "")).strip(),
            plain=strings(data.get("plain", ())),
            explanation=str(data.get("explanation", "") or ""),
            variants=strings(data.get("variants", ())),
            source=str(data.get("source", "") or ""),
            kind=str(data["kind"]) if data.get("kind") in ("plain", "retired") else "technical",
        )


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entry: LexiconEntry


def _key(word: str) -> str:
    """Matching key of one word: folded, plural stripped."""
    w = fold_word(word)
    if len(w) > 4 and w.endswith("aux"):
        return w[:-3] + "al"
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w[-1] in "sx" and w[-2] != "s":
        return w[:-1]
    return w


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    tokens = tokenize(phrase, 0, len(phrase), french=True)
    return tuple(_key(t.text) for t in tokens)


# what may stand between the words of a multi-word term: spaces, hyphens, apostrophes, and
# quotation marks ("loi « informatique et libertés »" is the entry "loi informatique et
# libertés"); a comma only where the term itself has one ("consentement libre, éclairé")
_GAP_CHARS = " -'’\n«»\"“”\u00a0\u202f"


class Matcher:
    """Finds lexicon terms in token sequences; built once per set of entries."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        index: dict[str, list[tuple[tuple[str, ...], LexiconEntry, str]]] = {}
        for entry in entries:
            for phrase in (entry.term, *entry.variants):
                keys = _phrase_keys(phrase)
                if keys:
                    gaps = _GAP_CHARS + ("," if "," in phrase else "")
                    index.setdefault(keys[0], []).append((keys, entry, gaps))
        for candidates in index.values():
            candidates.sort(key=lambda item: -len(item[0]))
        self._index = index

    def __len__(self) -> int:
        return len(self._index)

    def find(self, text: str, tokens: Sequence[Token]) -> list[Match]:
        """Longest, non-overlapping matches, left to right."""
        matches: list[Match] = []
        keys = [_key(t.text) for t in tokens]
        i = 0
        n = len(tokens)
        index = self._index
        while i < n:
            candidates = index.get(keys[i])
            if candidates:
                for phrase, entry, gaps in candidates:
                    length = len(phrase)
                    if (
                        i + length <= n
                        and tuple(keys[i : i + length]) == phrase
                        and (length == 1 or _contiguous(text, tokens, i, length, gaps))
                    ):
                        matches.append(Match(tokens[i].start, tokens[i + length - 1].end, entry))
                        i += length
                        break
                else:
                    i += 1
                continue
            i += 1
        return matches


def _contiguous(text: str, tokens: Sequence[Token], i: int, length: int, gaps: str) -> bool:
    for a, b in zip(tokens[i : i + length - 1], tokens[i + 1 : i + length], strict=True):
        gap = text[a.end : b.start]
        if gap.strip(gaps):
            return False
    return True


def load_entries(language: str, path: Path | None = None) -> tuple[LexiconEntry, ...]:
    """Entries of the project's lexicon for ``language`` (empty if the file is missing)."""
    path = path or DATA_DIR / f"lexicon_{language}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    if not isinstance(raw, list):
        return ()
    entries = (LexiconEntry.from_dict(item) for item in raw if isinstance(item, dict))
    return tuple(e for e in entries if e.term)


@functools.lru_cache(maxsize=8)
def _project_matcher(language: str) -> Matcher:
    return Matcher(load_entries(language))


@functools.lru_cache(maxsize=32)
def _matcher_with(language: str, extra: tuple[LexiconEntry, ...], replace: bool) -> Matcher:
    base = () if replace else load_entries(language)
    return Matcher((*extra, *base))


def matcher_for(
    language: str, extra: tuple[LexiconEntry, ...] = (), *, replace: bool = False
) -> Matcher:
    """The matcher for ``language``: the project's entries plus ``extra`` (which win on ties).

    With ``replace``, only ``extra`` is used (tests, or a College-curated lexicon alone).
    """
    if not extra and not replace:
        return _project_matcher(language)
    return _matcher_with(language, extra, replace)
