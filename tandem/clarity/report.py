"""The report ``analyze`` returns and its JSON (schema ``tandem.clarity/1``, documented in
docs/clarity.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .checklist import ItemResult
from .findings.finding import Finding
from .messages import message
from .readability import Formula, Stats
from .text import OffsetMap

__all__ = ["SCHEMA", "Report", "SectionReport"]

SCHEMA = "tandem.clarity/1"


@dataclass(frozen=True, slots=True)
class SectionReport:
    heading: str | None
    start: int
    end: int
    words: int
    readability: tuple[Formula, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "heading": self.heading,
            "start": self.start,
            "end": self.end,
            "words": self.words,
            "readability": [f.to_dict() for f in self.readability],
        }


@dataclass(frozen=True, slots=True)
class Report:
    language: str
    interface_language: str
    document_kind: str
    category: str | None
    text: str
    stats: Stats
    paragraphs: int
    readability: tuple[Formula, ...]
    findings: tuple[Finding, ...]
    checklist: tuple[ItemResult, ...]
    # None when the text is too short to judge (``too_short``)
    score: int | None
    score_details: dict[str, float | None]
    sections: tuple[SectionReport, ...]
    reading_minutes: float
    key_information: dict[str, int | float | None]
    document_kind_inferred: bool = False
    # the smallest number of body words that gets a score (``Config.min_words_to_judge``)
    min_words_to_judge: int = 0
    # maps offsets of ``text`` back to the text given to ``analyze`` (None: they are the same)
    offsets: OffsetMap | None = field(default=None, compare=False, repr=False)

    def original_range(self, start: int, end: int) -> tuple[int, int]:
        """The range of the text given to :func:`analyze` that ``text[start:end]`` comes
        from (its paragraph, its own characters)."""
        return (start, end) if self.offsets is None else self.offsets.original(start, end)

    def _finding_dict(self, finding: Finding) -> dict[str, object]:
        data = finding.to_dict()
        start, end = self.original_range(finding.start, finding.end)
        if self.offsets is None:
            line = self.text.count("\n", 0, start) + 1
        else:
            line = self.offsets.line(start)
        data["original"] = {"start": start, "end": end, "line": line}
        return data

    @property
    def too_short(self) -> bool:
        """The text has too few words to judge: no score is given, the report says why."""
        return self.stats.words < self.min_words_to_judge

    @property
    def too_short_message(self) -> str | None:
        if not self.too_short:
            return None
        return message(
            "too_short",
            self.interface_language,
            words=self.stats.words,
            minimum=self.min_words_to_judge,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready report (schema ``tandem.clarity/1``, see docs/clarity.md)."""
        stats = self.stats
        return {
            "schema": SCHEMA,
            "language": self.language,
            "document_kind": self.document_kind,
            "category": self.category,
            "text": self.text,
            "stats": {
                "characters": stats.characters,
                "words": stats.words,
                "sentences": stats.sentences,
                "syllables": stats.syllables,
                "paragraphs": self.paragraphs,
                "avg_words_per_sentence": round(stats.avg_words_per_sentence, 2),
                "avg_syllables_per_word": round(stats.avg_syllables_per_word, 2),
            },
            "readability": [f.to_dict() for f in self.readability],
            "findings": [self._finding_dict(f) for f in self.findings],
            "checklist": [c.to_dict() for c in self.checklist],
            "score": self.score,
            # extra keys (documented in docs/clarity.md)
            "too_short": (
                {
                    "words": stats.words,
                    "minimum": self.min_words_to_judge,
                    "message": self.too_short_message,
                }
                if self.too_short
                else None
            ),
            "interface_language": self.interface_language,
            "document_kind_inferred": self.document_kind_inferred,
            "score_details": dict(self.score_details),
            "sections": [s.to_dict() for s in self.sections],
            "length": {
                "words": stats.words,
                "reading_minutes": self.reading_minutes,
                "key_information": dict(self.key_information),
            },
        }
