"""Shape stored reports for the pages: marked passages, comparisons, error messages."""

from __future__ import annotations

import datetime
import functools
import re
import string
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.checks import queries
from tandem.checks.models import CheckPdf, ClarityCheck, PdfStatus
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


# A long document is shown in parts of about this many characters (some 3,000 words): a
# 37,500-word document made 5.4 MB of HTML and took 41 s to show (issue 14, point 11). A part
# ends at a paragraph (or at a space), never inside a marked passage.
PART_CHARACTERS = 20_000


def _break_at(text: str, room: int) -> int:
    """Where to end a part within the first `room` characters of `text`: after its last line
    break, else after its last space; 0 when there is neither."""
    for separator in ("\n", " "):
        position = text.rfind(separator, 0, max(room, 0))
        if position >= 0:
            return position + 1
    return 0


def in_parts(chunks: list[Chunk], size: int | None = None) -> list[list[Chunk]]:
    """The marked text cut into parts of about `size` characters. Only unmarked text is cut,
    so that every passage and its notes are in one part; joined, the parts are the text."""
    size = size or PART_CHARACTERS
    parts: list[list[Chunk]] = [[]]
    length = 0
    for chunk in chunks:
        if chunk.numbers:
            parts[-1].append(chunk)
            length += len(chunk.text)
            continue
        text = chunk.text
        while text:
            room = size - length
            if len(text) <= room:
                parts[-1].append(Chunk(text=text))
                length += len(text)
                break
            cut = _break_at(text, room)
            if cut == 0 and parts[-1]:
                parts.append([])  # no place to end it here: the text starts the next part
                length = 0
                continue
            if cut == 0:  # a part that starts with a very long line: end it at the next break
                ends = [i for i in (text.find("\n", room), text.find(" ", room)) if i >= 0]
                cut = min(ends) + 1 if ends else len(text)
            parts[-1].append(Chunk(text=text[:cut]))
            text = text[cut:]
            if text:
                parts.append([])
                length = 0
    return [part for part in parts if part] or [[]]


def report_part(
    chunks: list[Chunk], findings: list[dict[str, Any]], number: int
) -> tuple[list[Chunk], list[dict[str, Any]], int, int]:
    """Part `number` (from 1; clamped) of the marked text with its findings, the number shown
    and the count of parts."""
    parts = in_parts(chunks)
    number = min(max(number, 1), len(parts))
    part = parts[number - 1]
    numbers = {n for chunk in part for n in chunk.numbers}
    return part, [f for f in findings if f["number"] in numbers], number, len(parts)


def report_context(check: ClarityCheck, language: str, *, part: int | None) -> dict[str, Any]:
    """What the report of a finished check shows (checks/_report_body.html), in the reader's
    `language`: part `part` of the marked text with its notes (the page), or the whole text
    when `part` is None (the PDF)."""
    data = in_reader_language(check.report or {}, language)
    findings = numbered_findings(data)
    chunks = marked_text(data)
    shown, parts = findings, 1
    if part is not None:
        chunks, shown, part, parts = report_part(chunks, findings, part)
    return {
        "report": data,
        "chunks": chunks,
        "findings": shown,
        "findings_total": len(findings),
        "part": part,
        "parts": range(1, parts + 1) if parts > 1 else None,
        "readability": [
            {**r, "label": FORMULA_LABELS.get(r["formula"], r["formula"])}
            for r in data["readability"]
        ],
        "checklist": [{**c, "status_label": status_label(c["status"])} for c in data["checklist"]],
        "comparison": compare(check.previous.report, data)
        if check.previous and check.previous.report
        else None,
    }


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


def pdf_status(check: ClarityCheck, pdf: CheckPdf | None) -> str:
    """Where the check's printed report in one language stands: `absent` (never asked for, or
    made before the check changed: to be asked for again), `pending`, `running`, `ready` or
    `failed`. The page and the API say the same."""
    if pdf is None or (pdf.status == PdfStatus.READY and not queries.is_current(pdf, check)):
        return "absent"
    return str(pdf.status)


@dataclass(frozen=True)
class PdfState:
    """What the report's page shows and offers about its PDF in the reader's language."""

    status: str  # pdf_status
    finished_at: datetime.datetime | None = None

    @property
    def preparing(self) -> bool:
        return self.status in (PdfStatus.PENDING, PdfStatus.RUNNING)

    @property
    def ready(self) -> bool:
        return self.status == PdfStatus.READY

    @property
    def failed(self) -> bool:
        return self.status == PdfStatus.FAILED

    @property
    def can_prepare(self) -> bool:
        """Asking makes a PDF that is absent or failed; one being made or ready needs nothing."""
        return not (self.preparing or self.ready)

    @property
    def label(self) -> str:
        if self.preparing:
            return _("The PDF is being prepared.")
        if self.ready:
            return _("The PDF is ready.")
        if self.failed:
            return _("The PDF could not be prepared.")
        return _("The PDF is not prepared yet.")


def pdf_state(check: ClarityCheck, pdf: CheckPdf | None) -> PdfState:
    status = pdf_status(check, pdf)
    return PdfState(status, pdf.finished_at if pdf is not None and status == "ready" else None)


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


def _literal(text: str) -> str:
    """A pattern for the literal words of a message. Its French has a narrow no-break space
    before ":" ";" "?" "!" and inside « »; a report stored before had a plain space there: both
    are read back."""
    return "[ \u202f]".join(re.escape(piece) for piece in text.split("\u202f"))


# Compiled from the clarity library's message table, which is code: it never changes at run
# time, so every process builds the same patterns (nothing here can go stale).
@functools.cache
def _message_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """The analyzer's finding messages as written in `language`, each as a pattern whose groups
    are its values ("Long sentence: {words} words…" → words); the most specific first."""
    from tandem.clarity import messages

    found = []
    for key, table in messages._MESSAGES.items():
        template = table.get(language) or table["en"]
        parts, seen = [], set()
        for literal, name, _spec, _conversion in string.Formatter().parse(template):
            parts.append(_literal(literal))
            if name is None:
                continue
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
        found.append((key, re.compile("".join(parts), re.DOTALL)))
    # Longer wording first: a message that is another's prefix does not win by accident.
    return sorted(found, key=lambda item: -len(item[1].pattern))


# Values of a finding's message that come from the document (a quoted passage, the lexicon's
# explanation, plainer words): shown marked with the document's language.
DOCUMENT_VALUES = frozenset({"text", "explanation", "plain"})


@dataclass(frozen=True)
class Piece:
    """A piece of a finding's message; `lang` set when it is in the document's language."""

    text: str
    lang: str = ""


def finding_parts(
    text: str,
    written_in: str,
    language: str,
    *,
    document_language: str = "",
    suggestions: Any = (),
) -> list[Piece]:
    """A finding's message, stored in the language of the person who asked for the analysis,
    in the reader's `language`, in pieces: read back into the analyzer's message key and
    values, then written again, the values taken from the document marked with its language.
    A message the analyzer does not know is one piece, as stored."""
    from tandem.clarity import messages

    for key, pattern in _message_patterns(written_in):
        match = pattern.fullmatch(text or "")
        if match is None:
            continue
        values: dict[str, Any] = match.groupdict()
        if "plain" in values and suggestions:  # in the reader's quotes
            values["plain"] = messages.quote_list(list(suggestions), language)
        table = messages._MESSAGES[key]
        pieces = []
        for literal, name, _spec, _conversion in string.Formatter().parse(
            table.get(language) or table["en"]
        ):
            if literal:
                pieces.append(Piece(literal))
            if name is not None:
                if name not in values:
                    return [Piece(text)]
                lang = document_language if name in DOCUMENT_VALUES else ""
                pieces.append(Piece(str(values[name]), lang))
        return pieces
    return [Piece(text)]


def in_reader_language(report: dict[str, Any], language: str) -> dict[str, Any]:
    """A stored report with its required elements' names and sources, its readability bands and its
    findings' messages in the reader's language: they were written in the owner's language
    when it was made (issue 14: a French page showed English names)."""
    from tandem.clarity.checklist import item_label, item_source, source_in
    from tandem.clarity.readability import band_in

    language = (language or "fr")[:2]
    written_in = report.get("interface_language") or language
    return {
        **report,
        "findings": [
            {**f, "message": "".join(p.text for p in parts), "message_parts": parts}
            for f in report.get("findings", [])
            for parts in [
                finding_parts(
                    f.get("message", ""),
                    written_in,
                    language,
                    document_language=report.get("language", ""),
                    suggestions=f.get("suggestions", ()),
                )
            ]
        ],
        "readability": [
            {**r, "band": band_in(r["formula"], r.get("value"), language) or r.get("band")}
            for r in report.get("readability", [])
        ],
        "checklist": [
            {
                **c,
                "label": item_label(c["id"], language) or c.get("label"),
                "source": item_source(c["id"], language)
                or source_in(c.get("source", ""), language),
            }
            for c in report.get("checklist", [])
        ],
    }
