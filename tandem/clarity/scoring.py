"""The score, 0 to 100: a weighted mean of readability, findings and checklist (docs/clarity.md)."""

from __future__ import annotations

import math

from .checklist import ItemResult
from .config import Config
from .findings.finding import Finding
from .readability import Formula, Stats

__all__ = ["compute_score"]

# weights of the score's components (see docs/clarity.md)
WEIGHTS = {"readability": 0.40, "findings": 0.35, "checklist": 0.25}
SEVERITY_WEIGHTS = {"error": 3.0, "warning": 1.0, "info": 0.25}
# findings component = 100 · exp(−density / FINDINGS_SCALE), density = weighted findings per
# 100 words: 2 → 67, 5 → 37, 10 → 14
FINDINGS_SCALE = 5.0


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


# Kandel-Moles reads higher than Flesch on the same content: on the Open Brain Consent form and
# its French translation (single access type version, the tuning pair) by 7.1 points once an
# elided clitic counts as part of its word (10.3 when "l'" counted as a word of its own); checked
# on the two other translation pairs of the real-document set (docs/clarity-benchmarks.md)
FRENCH_EASE_OFFSET = 7.0


def _finding_weight(finding: Finding, long_words: dict[int, int], config: Config) -> float:
    """A finding's weight in the score: its severity's, except for a long sentence (its words
    in ``long_words``, by start), whose weight grows with its length from the warning's (at
    ``long_sentence_warning`` words) to the error's (at ``long_sentence_error``), so that one
    word more or less around a limit, as between a text and its translation, moves the score
    by a little, not by a step."""
    if finding.kind != "long_sentence" or finding.start not in long_words:
        return SEVERITY_WEIGHTS[finding.severity]
    words = long_words[finding.start]
    low, high = config.long_sentence_warning, config.long_sentence_error
    share = min(1.0, max(0.0, (words - low) / max(1, high - low)))
    warning, error = SEVERITY_WEIGHTS["warning"], SEVERITY_WEIGHTS["error"]
    return warning + share * (error - warning)


def compute_score(
    stats: Stats,
    readability: tuple[Formula, ...],
    findings: list[Finding],
    items: tuple[ItemResult, ...],
    language: str,
    long_words: dict[int, int],
    config: Config,
) -> tuple[int, dict[str, float | None]]:
    """Score 0–100: a weighted mean of three components, each 0–100 (docs/clarity.md)."""
    values = {f.formula: f.value for f in readability}
    readability_part: float | None = None
    ease = values.get("kandel_moles" if language == "fr" else "flesch_reading_ease")
    if ease is not None:
        if language == "fr":
            ease -= FRENCH_EASE_OFFSET
        readability_part = _clamp((ease - 30) / 40 * 100)
    findings_part: float | None = None
    if stats.words:
        weight = sum(_finding_weight(f, long_words, config) for f in findings)
        density = weight / stats.words * 100
        findings_part = 100 * math.exp(-density / FINDINGS_SCALE)
    applicable = [i for i in items if i.status != "not_applicable"]
    checklist_part: float | None = None
    if applicable:
        checklist_part = sum(i.status == "found" for i in applicable) / len(applicable) * 100
    parts = {
        "readability": readability_part,
        "findings": findings_part,
        "checklist": checklist_part,
    }
    total_weight = sum(WEIGHTS[k] for k, v in parts.items() if v is not None)
    if not total_weight:
        return 0, {k: None for k in parts}
    score = sum(WEIGHTS[k] * v for k, v in parts.items() if v is not None) / total_weight
    details: dict[str, float | None] = {
        k: (round(v, 1) if v is not None else None) for k, v in parts.items()
    }
    return round(score), details
