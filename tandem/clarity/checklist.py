"""The required-elements checklist (DOMAIN.md): cues, applicability and evidence.

Status is ``found`` (a cue matched; evidence offsets given), ``not_found`` (no cue matched:
a reviewer must check, the element may be worded differently) or ``not_applicable`` (not for
this document kind or study category, or ``plain_language``, which is a quality criterion judged
from the readability and findings, not a content item). The analyzer never says "absent".
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from .messages import message
from .text import fold, fold_pattern

__all__ = [
    "ChecklistItem",
    "Heading",
    "ItemResult",
    "evaluate",
    "item_source",
    "load_items",
    "source_in",
]

DATA_FILE = Path(__file__).resolve().parent / "data" / "checklist.json"
KINDS = ("leaflet", "consent", "other")
CATEGORIES = ("riph1", "riph2", "riph3", "ctr")
MAX_EVIDENCE = 5
QUALITY_ITEMS = frozenset({"plain_language"})

Status = Literal["found", "not_found", "not_applicable"]


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    label: dict[str, str]
    # the legal sources with their notes, by language ("délai suffisant" / "sufficient time")
    source: dict[str, str]
    cues: dict[str, tuple[Cue, ...]]
    kinds: tuple[str, ...]
    categories: tuple[str, ...]
    conditional: str | None
    # section titles that name the element ("Bénéfices", "Droit de retrait", "Study purpose"),
    # searched in headings only; a titled section with body text states the element
    heading_cues: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    def source_for(self, language: str) -> str:
        """The legal sources and their notes in ``language`` (English when not written)."""
        return self.source.get(language) or self.source.get("en", "")


class Heading(NamedTuple):
    """A section heading (its title without section number) and the section's first body
    sentence, the passage that answers it."""

    start: int
    end: int
    title: str
    body_start: int
    body_end: int


@dataclass(frozen=True, slots=True)
class ItemResult:
    id: str
    label: str
    status: Status
    evidence: tuple[tuple[int, int], ...]
    source: str
    note: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "label": self.label,
            "status": self.status,
            "evidence": [{"start": s, "end": e} for s, e in self.evidence],
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Cue:
    """A compiled cue. It runs on folded text (lowercase, no accents), case-sensitively, and a
    leading ``\\b`` is checked by hand: both let the regex engine skip ahead quickly. A cue
    with a group named ``evidence`` reports that group as the passage (the rest of the match
    is context, such as "not on a line that names the data protection officer")."""

    pattern: re.Pattern[str]
    word_start: bool
    evidence_group: bool = False

    def finditer(self, haystack: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        search = self.pattern.search
        pos = 0
        while True:
            match = search(haystack, pos)
            if match is None:
                return spans
            start, end = match.span()
            if self.evidence_group:
                evidence = match.span("evidence")
                if evidence[0] >= 0:
                    start, end = evidence
            if self.word_start and start > 0 and _is_word_char(haystack[start - 1]):
                pos = start + 1
                continue
            if end > start:
                spans.append((start, end))
            pos = max(end, start + 1)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _compile(pattern: str) -> Cue:
    folded = fold_pattern(pattern)
    word_start = folded.startswith("\\b")
    if word_start:
        folded = folded[2:]
    compiled = re.compile(folded.replace("(?p<", "(?P<"))  # folding lowercased a group's name
    return Cue(compiled, word_start, "evidence" in compiled.groupindex)


def parse_items(raw: Sequence[dict[str, object]]) -> tuple[ChecklistItem, ...]:
    items: list[ChecklistItem] = []
    for data in raw:
        cues_raw = data.get("cues") or {}
        label_raw = data.get("label") or {}
        assert isinstance(cues_raw, dict) and isinstance(label_raw, dict)
        cues = {
            str(lang): tuple(_compile(str(p)) for p in patterns)
            for lang, patterns in cues_raw.items()
            if isinstance(patterns, list)
        }
        kinds = data.get("kinds") or ["leaflet", "consent"]
        categories = data.get("categories") or list(CATEGORIES)
        assert isinstance(kinds, list) and isinstance(categories, list)
        conditional = data.get("conditional")
        source_raw = data.get("source") or ""
        # a plain text (a list written by hand, as in the tests) serves both languages
        source = (
            {str(k): str(v) for k, v in source_raw.items()}
            if isinstance(source_raw, dict)
            else {"fr": str(source_raw), "en": str(source_raw)}
        )
        headings_raw = data.get("headings") or {}
        assert isinstance(headings_raw, dict)
        heading_cues = {
            str(lang): tuple(re.compile(r"\b(?:" + fold_pattern(str(p)) + r")\b") for p in patterns)
            for lang, patterns in headings_raw.items()
            if isinstance(patterns, list)
        }
        items.append(
            ChecklistItem(
                id=str(data["id"]),
                label={str(k): str(v) for k, v in label_raw.items()},
                source=source,
                cues=cues,
                kinds=tuple(str(k) for k in kinds),
                categories=tuple(str(c) for c in categories),
                conditional=str(conditional) if conditional else None,
                heading_cues=heading_cues,
            )
        )
    return tuple(items)


@functools.lru_cache(maxsize=4)
def load_items(path: Path = DATA_FILE) -> tuple[ChecklistItem, ...]:
    """The checklist items from ``data/checklist.json`` (empty if the file is missing)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return parse_items([item for item in raw if isinstance(item, dict)])


# The legal texts whose abbreviation differs in French (CTR, ICH and CSP keep theirs; L… are
# articles of the CSP). data/checklist.json writes each source in both languages; this is for
# a stored report's item that is no longer in the list, whose source was written in English.
SOURCE_ABBREVIATIONS = {"GDPR": {"fr": "RGPD", "en": "GDPR"}}
_ABBREVIATION = re.compile(r"\b(" + "|".join(SOURCE_ABBREVIATIONS) + r")\b")


def source_in(source: str, language: str) -> str:
    """A stored legal source with its texts' abbreviations in ``language`` (RGPD in French)."""
    return _ABBREVIATION.sub(
        lambda m: SOURCE_ABBREVIATIONS[m.group(1)].get(language, m.group(1)), source
    )


def item_source(item_id: str, language: str) -> str | None:
    """A required element's legal source in ``language`` (None for an item no longer in the
    list)."""
    for item in load_items():
        if item.id == item_id:
            return item.source_for(language)
    return None


def item_label(item_id: str, language: str) -> str | None:
    """A required element's name in ``language`` (None for an item no longer in the list)."""
    for item in load_items():
        if item.id == item_id:
            return item.label.get(language) or item.label.get("en") or item.id
    return None


def evaluate(
    text: str,
    *,
    language: str,
    document_kind: str,
    category: str | None,
    ui: str,
    items: Sequence[ChecklistItem] | None = None,
    folded: str | None = None,
    also: Sequence[tuple[str, str]] = (),
    headings: Sequence[Heading] = (),
) -> tuple[ItemResult, ...]:
    """Check each item's cues against ``text``.

    ``also`` gives (language, folded text) pairs for passages written in another language: the
    folded text is blanked outside them, so offsets stay those of ``text``. ``headings`` are the
    document's section headings with their first body sentence: an item whose section title
    names it ("II) Bénéfices :", "Droit de retrait") is found there, with the heading and the
    sentence that opens the section as evidence.

    Kind ``other`` checks every item valid for a leaflet or a consent form. A category filters
    items to those that apply to it; without one, every item valid for the kind is checked.
    """
    items = load_items() if items is None else items
    haystack = folded if folded is not None else fold(text)
    unanswered = _unanswered_questions(text)
    results: list[ItemResult] = []
    for item in items:
        label = item.label.get(ui) or item.label.get("en") or item.id
        if item.id in QUALITY_ITEMS:
            results.append(
                ItemResult(
                    item.id, label, "not_applicable", (), item.source_for(ui),
                    message("plain_language_note", ui),
                )
            )  # fmt: skip
            continue
        if document_kind != "other" and document_kind not in item.kinds:
            results.append(
                ItemResult(
                    item.id, label, "not_applicable", (), item.source_for(ui),
                    message("kind_not_applicable", ui),
                )
            )  # fmt: skip
            continue
        if category is not None and category not in item.categories:
            results.append(
                ItemResult(
                    item.id, label, "not_applicable", (), item.source_for(ui),
                    message("category_not_applicable", ui),
                )
            )  # fmt: skip
            continue
        evidence: list[tuple[int, int]] = []
        for cue in item.cues.get(language, ()):
            evidence.extend(cue.finditer(haystack))
        for other_language, other_haystack in also:  # passages in another language
            for cue in item.cues.get(other_language, ()):
                evidence.extend(cue.finditer(other_haystack))
        for pattern in item.heading_cues.get(language, ()):
            for heading in headings:
                if pattern.search(heading.title):
                    evidence.append((heading.start, heading.end))
                    evidence.append((heading.body_start, heading.body_end))
        if unanswered:
            evidence = [span for span in evidence if not _inside_any(span, unanswered)]
        evidence = _merged(evidence)[:MAX_EVIDENCE]
        status: Status = "found" if evidence else "not_found"
        results.append(
            ItemResult(
                item.id,
                label,
                status,
                tuple(evidence),
                item.source_for(ui),
                item.conditional,
            )
        )
    return tuple(results)


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in text order, overlapping ones merged: two cues matching one phrase are one
    passage, and do not crowd a later passage out of the evidence."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _unanswered_questions(text: str) -> list[tuple[int, int]]:
    """Lines that ask a question and get no answer: a question followed directly by another
    question or a heading, or ending the text (a template's list of headings, a table of
    contents). A template heading such as "What are the possible benefits of taking part?"
    states nothing by itself; its answer does."""
    if "?" not in text:
        return []
    lines: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((start, start + len(line)))
        start += len(line) + 1
    spans: list[tuple[int, int]] = []
    for index, (a, b) in enumerate(lines):
        if not text[a:b].rstrip().endswith("?"):
            continue
        if index + 1 == len(lines):
            spans.append((a, b))
            continue
        na, nb = lines[index + 1]
        following = text[na:nb].rstrip()
        if following.endswith("?") or following.startswith("#"):
            spans.append((a, b))
    return spans


def _inside_any(span: tuple[int, int], regions: Sequence[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in regions)
