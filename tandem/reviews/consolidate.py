"""Merging the reviews of a round into a first draft of the consolidated report: per criterion,
the scores and the comments, with repeated remarks said once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from statistics import mean

SIMILAR = 0.85


def _normal(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def remarks(text: str) -> list[str]:
    """A comment cut into remarks: one per non-empty line, list markers removed."""
    return [
        re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip()
        for line in text.splitlines()
        if line.strip()
    ]


def deduplicate(items: Iterable[str]) -> list[str]:
    """Keep each remark once: exact repeats (ignoring case, spaces and punctuation) and near
    repeats (similarity ≥ 0.85) are dropped, the longer wording is kept."""
    kept: list[str] = []
    normals: list[str] = []
    for item in items:
        normal = _normal(item)
        if not normal:
            continue
        for index, other in enumerate(normals):
            if normal == other or SequenceMatcher(None, normal, other).ratio() >= SIMILAR:
                if len(item) > len(kept[index]):
                    kept[index], normals[index] = item, normal
                break
        else:
            kept.append(item)
            normals.append(normal)
    return kept


def merge(comments: Sequence[str]) -> str:
    return "\n".join(
        f"- {remark}" for remark in deduplicate(r for c in comments for r in remarks(c))
    )


@dataclass(frozen=True)
class ScoreSummary:
    scores: tuple[int, ...]

    @property
    def average(self) -> float | None:
        return round(mean(self.scores), 1) if self.scores else None

    @property
    def low(self) -> int | None:
        return min(self.scores) if self.scores else None

    @property
    def high(self) -> int | None:
        return max(self.scores) if self.scores else None

    def as_dict(self) -> dict[str, object]:
        return {
            "scores": list(self.scores),
            "average": self.average,
            "low": self.low,
            "high": self.high,
        }


@dataclass
class PassageRemark:
    """One comment on a passage as the report shows it: the same passage with the same words
    from several reviewers is said once, with the reviewers' numbers (and names, with consent)."""

    document: str
    version_id: int
    version: int
    start: int
    quote: str
    comment: str
    suggestion: str
    reviewers: list[dict[str, object]]
    answer: str
    answer_label: str
    answer_reason: str
    kind: str = "other"
    kind_label: str = ""
    severity: str = "minor"
    severity_label: str = ""

    @property
    def count(self) -> int:
        return len(self.reviewers)

    def as_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "start": self.start,
            "quote": self.quote,
            "comment": self.comment,
            "suggestion": self.suggestion,
            "count": self.count,
            "reviewers": self.reviewers,
            "answer": self.answer,
            "answer_reason": self.answer_reason,
            "kind": self.kind,
            "severity": self.severity,
        }


_SEVERITY = ("minor", "important", "essential")  # the gravest of a repeated remark is kept


def merge_passages(remarks: Iterable[PassageRemark]) -> list[PassageRemark]:
    """Passage comments in the order given, a repeat (same document version, same passage,
    same words ignoring case, spaces and punctuation) folded into the first one, with its
    reviewer added; an answer given on any copy is kept."""
    kept: dict[tuple[int, int, str, str], PassageRemark] = {}
    for remark in remarks:
        key = (remark.version_id, remark.start, remark.quote, _normal(remark.comment))
        first = kept.setdefault(key, remark)
        if first is remark:
            continue
        first.reviewers.extend(r for r in remark.reviewers if r not in first.reviewers)
        if not first.answer_reason and remark.answer_reason:
            first.answer_reason = remark.answer_reason
        if first.answer == "pending" and remark.answer != "pending":
            first.answer, first.answer_label = remark.answer, remark.answer_label
        if _SEVERITY.index(remark.severity) > _SEVERITY.index(first.severity):
            first.severity, first.severity_label = remark.severity, remark.severity_label
        if len(remark.suggestion) > len(first.suggestion):
            first.suggestion = remark.suggestion
    return list(kept.values())
