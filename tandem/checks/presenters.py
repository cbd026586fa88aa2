"""Shape stored reports for the pages: marked passages, comparisons, error messages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.checks.models import ClarityCheck
from tandem.clarity.extract import ExtractionError


def kind_label(kind: str) -> str:
    labels = {
        "long_sentence": _("Long sentence"),
        "jargon": _("Technical term"),
        "plain_word": _("Plainer word"),
        "rare_word": _("Uncommon word"),
        "acronym": _("Acronym"),
        "passive": _("Passive or impersonal"),
        "number": _("Numbers"),
        "language": _("Language"),
    }
    return labels.get(kind, kind)


def severity_label(severity: str) -> str:
    return {"error": _("Important"), "warning": _("To improve"), "info": _("To consider")}.get(
        severity, severity
    )


def status_label(status: str) -> str:
    return {
        "found": _("found"),
        "not_found": _("not found"),
        "not_applicable": _("not applicable"),
    }.get(status, status)


FORMULA_LABELS = {
    "kandel_moles": "Kandel & Moles",
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog": "SMOG",
    "coleman_liau": "Coleman-Liau",
    "ari": "ARI",
}


@dataclass
class Chunk:
    text: str
    numbers: list[int] = field(default_factory=list)
    severity: str = ""
    # Numbers of the findings that end with this chunk: their [n] label is shown here.
    labels: list[int] = field(default_factory=list)


def numbered_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            **f,
            "number": i,
            "kind_label": kind_label(f["kind"]),
            "severity_label": severity_label(f["severity"]),
        }
        for i, f in enumerate(report.get("findings", []), start=1)
    ]


_RANK = {"info": 1, "warning": 2, "error": 3}


def marked_text(report: dict[str, Any]) -> list[Chunk]:
    """Cut the text at every finding boundary; each chunk lists the findings that cover it."""
    text: str = report.get("text", "")
    findings = numbered_findings(report)
    cuts = {0, len(text)}
    for f in findings:
        cuts.update((max(0, f["start"]), min(len(text), f["end"])))
    points = sorted(cuts)
    chunks: list[Chunk] = []
    # Sweep: findings are sorted by start in the report, but do not rely on it.
    by_start = sorted(findings, key=lambda f: f["start"])
    active: list[dict[str, Any]] = []
    index = 0
    for a, b in pairwise(points):
        while index < len(by_start) and by_start[index]["start"] <= a:
            active.append(by_start[index])
            index += 1
        active = [f for f in active if f["end"] > a]
        covering = [f for f in active if f["start"] <= a and f["end"] >= b]
        chunk = Chunk(text=text[a:b])
        if covering:
            chunk.numbers = [f["number"] for f in covering]
            chunk.severity = max((f["severity"] for f in covering), key=lambda s: _RANK.get(s, 0))
        chunks.append(chunk)
    # Show each finding's number once, at the end of its passage.
    ends = {f["number"]: f["end"] for f in findings}
    position = 0
    for chunk in chunks:
        position += len(chunk.text)
        chunk.labels = [n for n in chunk.numbers if ends[n] == position]
    return chunks


def error_message(check: ClarityCheck) -> str:
    language = (get_language() or "fr")[:2]
    if check.error_code == "internal":
        return _(
            "An unexpected problem stopped the analysis. Try again, or save the document in another format."
        )
    try:
        return ExtractionError(check.error_code, **check.error_values).message(language)
    except (KeyError, IndexError, TypeError):
        return _("This document could not be analysed.")


def _readability(report: dict[str, Any]) -> dict[str, float | None]:
    return {r["formula"]: r["value"] for r in report.get("readability", [])}


def _finding_keys(report: dict[str, Any]) -> Counter[tuple[str, str]]:
    return Counter((f["kind"], f["text"].lower()) for f in report.get("findings", []))


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What improved and what remains between two reports of the same document."""
    rows = []

    def add(label: str, old: float | None, new: float | None, higher_is_better: bool) -> None:
        if old is None and new is None:
            return
        delta = None if old is None or new is None else round(new - old, 1)
        better = None if not delta else (delta > 0) == higher_is_better
        rows.append({"label": label, "before": old, "after": new, "delta": delta, "better": better})

    add(_("Overall indicator (0–100)"), before.get("score"), after.get("score"), True)
    add(_("Words"), before["stats"]["words"], after["stats"]["words"], False)
    add(
        _("Average words per sentence"),
        before["stats"]["avg_words_per_sentence"],
        after["stats"]["avg_words_per_sentence"],
        False,
    )
    old_r, new_r = _readability(before), _readability(after)
    for formula in new_r.keys() | old_r.keys():
        higher_is_better = formula in {"kandel_moles", "flesch_reading_ease"}
        add(
            FORMULA_LABELS.get(formula, formula),
            old_r.get(formula),
            new_r.get(formula),
            higher_is_better,
        )
    old_f, new_f = _finding_keys(before), _finding_keys(after)
    kinds = sorted({k for k, _t in old_f} | {k for k, _t in new_f})
    by_kind = [
        {
            "label": kind_label(kind),
            "before": sum(n for (k, _t), n in old_f.items() if k == kind),
            "after": sum(n for (k, _t), n in new_f.items() if k == kind),
        }
        for kind in kinds
    ]
    resolved = sorted({(kind_label(k), t) for (k, t) in (old_f - new_f)})
    remaining = sorted({(kind_label(k), t) for (k, t) in (old_f & new_f)})
    old_c = {c["id"]: c for c in before.get("checklist", [])}
    checklist = [
        {
            "label": c["label"],
            "before": status_label(old_c[c["id"]]["status"]),
            "after": status_label(c["status"]),
            "better": c["status"] == "found",
        }
        for c in after.get("checklist", [])
        if c["id"] in old_c and old_c[c["id"]]["status"] != c["status"]
    ]
    return {
        "rows": rows,
        "by_kind": by_kind,
        "resolved": resolved,
        "remaining": remaining,
        "checklist": checklist,
    }


def in_reader_language(report: dict[str, Any], language: str) -> dict[str, Any]:
    """A stored report with its required elements' names and its readability bands in the
    reader's language: they were written in the owner's language when it was made (issue 14:
    a French page showed English names)."""
    from tandem.clarity.checklist import item_label
    from tandem.clarity.readability import band_in

    return {
        **report,
        "readability": [
            {**r, "band": band_in(r["formula"], r.get("value"), language) or r.get("band")}
            for r in report.get("readability", [])
        ],
        "checklist": [
            {**c, "label": item_label(c["id"], language) or c.get("label")}
            for c in report.get("checklist", [])
        ],
    }
