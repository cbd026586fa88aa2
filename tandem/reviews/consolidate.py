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
