"""A standalone, accessible, print-friendly HTML rendering of a report.

The text is shown block by block with its passages marked (``<mark>`` with a visible number and
kind label in brackets, and a distinct underline style per kind, so nothing relies on colour),
and the notes for each block beside it. Then the readability table and the checklist. All text
is escaped; the page has no script and no external resource.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .findings.finding import Finding
from .report import Report
from .segment import Block, segment

__all__ = ["render_html"]

_LABELS: dict[str, dict[str, str]] = {
    "title": {"fr": "Rapport de clarté", "en": "Clarity report"},
    "summary": {"fr": "En bref", "en": "Summary"},
    "score": {"fr": "Indicateur global (sur 100)", "en": "Overall indicator (out of 100)"},
    "score_note": {
        "fr": "Un repère pour progresser, pas une note de réussite ou d'échec.",
        "en": "A guide for improvement, not a pass or fail mark.",
    },
    "language": {"fr": "Langue", "en": "Language"},
    "kind": {"fr": "Type de document", "en": "Document kind"},
    "category": {"fr": "Catégorie de recherche", "en": "Research category"},
    "words": {"fr": "Mots", "en": "Words"},
    "sentences": {"fr": "Phrases", "en": "Sentences"},
    "reading": {"fr": "Temps de lecture estimé", "en": "Estimated reading time"},
    "minutes": {"fr": "min", "en": "min"},
    "findings_count": {"fr": "Remarques", "en": "Findings"},
    "text": {"fr": "Le texte et les remarques", "en": "The text and the findings"},
    "legend": {
        "fr": "Chaque passage signalé porte un numéro et un type entre crochets\u202f; la remarque"
        " correspondante est à côté.",
        "en": "Each marked passage carries a number and a kind in brackets; its note is beside it.",
    },
    "notes": {"fr": "Remarques", "en": "Notes"},
    "suggestions": {"fr": "Suggestions", "en": "Suggestions"},
    "readability": {"fr": "Lisibilité", "en": "Readability"},
    "formula": {"fr": "Indice", "en": "Index"},
    "value": {"fr": "Valeur", "en": "Value"},
    "band": {"fr": "Niveau", "en": "Band"},
    "note": {"fr": "Note", "en": "Note"},
    "checklist": {"fr": "Éléments attendus", "en": "Required elements"},
    "checklist_note": {
        "fr": "«\u202fNon trouvé\u202f» ne veut pas dire absent\u202f: l'élément peut être formulé autrement."
        " Un relecteur confirme.",
        "en": "“Not found” does not mean absent: it may be worded differently. A reviewer"
        " confirms.",
    },
    "element": {"fr": "Élément", "en": "Element"},
    "status": {"fr": "Statut", "en": "Status"},
    "evidence": {"fr": "Passage", "en": "Passage"},
    "source": {"fr": "Source", "en": "Source"},
    "found": {"fr": "✓ trouvé", "en": "✓ found"},
    "not_found": {"fr": "? non trouvé", "en": "? not found"},
    "not_applicable": {"fr": "– sans objet", "en": "– not applicable"},
    "none": {"fr": "aucune", "en": "none"},
    "inferred": {"fr": " (déduit du texte)", "en": " (inferred from the text)"},
}
_KINDS: dict[str, dict[str, str]] = {
    "long_sentence": {"fr": "phrase longue", "en": "long sentence"},
    "jargon": {"fr": "jargon", "en": "jargon"},
    "plain_word": {"fr": "mot plus simple", "en": "plainer word"},
    "language": {"fr": "langue", "en": "language"},
    "rare_word": {"fr": "mot rare", "en": "rare word"},
    "acronym": {"fr": "sigle", "en": "acronym"},
    "passive": {"fr": "passif", "en": "passive"},
    "number": {"fr": "chiffres", "en": "numbers"},
}
_SEVERITIES: dict[str, dict[str, str]] = {
    "error": {"fr": "à revoir", "en": "to rework"},
    "warning": {"fr": "à vérifier", "en": "to check"},
    "info": {"fr": "pour information", "en": "for information"},
}
_FORMULAS: dict[str, str] = {
    "kandel_moles": "Kandel et Moles",
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog": "SMOG",
    "coleman_liau": "Coleman-Liau",
    "ari": "ARI",
}

_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #bbb; }
body { font: 1rem/1.6 system-ui, sans-serif; color: var(--ink); margin: 0 auto;
  max-width: 72rem; padding: 1rem 1.5rem; }
h1, h2, h3 { line-height: 1.25; }
.summary { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: 0; }
.summary div { min-width: 10rem; }
.summary dt { font-weight: 600; }
.summary dd { margin: 0; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem;
  border-top: 1px solid var(--line); padding: .5rem 0; break-inside: avoid; }
.row aside { font-size: .9rem; }
.row aside ol { margin: 0; padding-left: 1.5rem; }
.row aside li { margin-bottom: .5rem; }
mark { background: #fff3b0; color: inherit; padding: 0 .1em; }
mark .tag, .long .tag { font-size: .75em; font-weight: 700; white-space: nowrap; }
mark.jargon { text-decoration: underline solid 2px; }
mark.plain_word { text-decoration: underline dotted 1px; }
mark.rare_word { text-decoration: underline dotted 2px; background: #e8f0ff; }
mark.acronym { text-decoration: underline double; background: #e6f7e6; }
mark.passive { text-decoration: underline wavy; background: #f7e6f7; }
mark.number { text-decoration: underline dashed 2px; background: #ffe6d5; }
.long { border-left: 4px double var(--ink); padding-left: .3em; }
.severity { font-style: italic; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  mark { background: none; }
  .row { grid-template-columns: 3fr 2fr; }
  a { color: inherit; text-decoration: none; }
}
@media (max-width: 48rem) { .row { grid-template-columns: 1fr; } }
"""


def _t(key: str, ui: str) -> str:
    table = _LABELS[key]
    return table.get(ui) or table["en"]


def render_html(report: Report, *, title: str | None = None) -> str:
    """The report as a complete HTML page (UTF-8, no script, no external resource)."""
    ui = report.interface_language
    e = escape
    parts: list[str] = []
    heading = title or _t("title", ui)
    parts.append(
        f'<!doctype html>\n<html lang="{e(ui)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{e(heading)}</h1>\n"
    )
    parts.append(_summary(report, ui))
    parts.append(_text_section(report, ui))
    parts.append(_readability(report, ui))
    parts.append(_checklist(report, ui))
    parts.append("</main>\n</body>\n</html>\n")
    return "".join(parts)


def _summary(report: Report, ui: str) -> str:
    e = escape
    stats = report.stats
    rows = [
        (
            _t("score", ui),
            report.too_short_message or ""
            if report.score is None
            else f"{report.score} — {_t('score_note', ui)}",
        ),
        (_t("language", ui), report.language),
        (
            _t("kind", ui),
            report.document_kind + (_t("inferred", ui) if report.document_kind_inferred else ""),
        ),
        (_t("category", ui), report.category or "—"),
        (_t("words", ui), str(stats.words)),
        (_t("sentences", ui), str(stats.sentences)),
        (_t("reading", ui), f"{report.reading_minutes:g} {_t('minutes', ui)}"),
        (_t("findings_count", ui), str(len(report.findings))),
    ]
    items = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in rows)
    return (
        f'<section aria-labelledby="summary"><h2 id="summary">{e(_t("summary", ui))}</h2>'
        f'<dl class="summary">{items}</dl></section>\n'
    )


def _text_section(report: Report, ui: str) -> str:
    e = escape
    text = report.text
    doc = segment(text, language=report.language)
    numbered = list(enumerate(report.findings, start=1))
    out = [
        f'<section aria-labelledby="text"><h2 id="text">{e(_t("text", ui))}</h2>'
        f"<p>{e(_t('legend', ui))}</p>\n"
    ]
    for group in _grouped(text, doc.blocks):
        block = group[0]
        if len(group) > 1 or _is_table_row(text, block):
            start, end = group[0].start, group[-1].end
            block_findings = [(n, f) for n, f in numbered if start <= f.start < end]
            inner = _table(text, group, block_findings, ui)
            out.append(_row(inner, block_findings, ui))
            continue
        block_findings = [(n, f) for n, f in numbered if block.start <= f.start < block.end]
        body = _marked(text, block.start, block.end, block_findings, ui)
        if block.kind == "heading":
            inner = f'<h3 class="doc-heading">{body}</h3>'
        elif block.kind == "list_item":
            inner = f'<p class="doc-item">• {body}</p>'
        else:
            inner = f"<p>{body}</p>".replace("\n", "<br>\n")
        out.append(_row(inner, block_findings, ui))
    out.append("</section>\n")
    return "".join(out)


def _row(inner: str, block_findings: list[tuple[int, Finding]], ui: str) -> str:
    """A block of the text with its notes beside it."""
    if block_findings:
        start = block_findings[0][0]
        lis = "".join(_note(n, f, ui) for n, f in block_findings)
        notes = (
            f'<aside aria-label="{escape(_t("notes", ui))}"><ol start="{start}">{lis}</ol></aside>'
        )
    else:
        notes = "<aside></aside>"
    return f'<div class="row"><div class="text">{inner}</div>{notes}</div>\n'


_CELL_SEPARATOR = " | "


def _is_table_row(text: str, block: Block) -> bool:
    """A row of a DOCX or ODT table: a list item whose cells are separated by " | "."""
    return block.kind == "list_item" and _CELL_SEPARATOR in text[block.start : block.end]


def _grouped(text: str, blocks: Sequence[Block]) -> list[list[Block]]:
    """Blocks one by one, except the rows of a table, which stay together."""
    groups: list[list[Block]] = []
    for block in blocks:
        if (
            groups
            and _is_table_row(text, block)
            and _is_table_row(text, groups[-1][-1])
            and "\n\n" not in text[groups[-1][-1].end : block.start]
        ):
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _table(text: str, rows: list[Block], findings: list[tuple[int, Finding]], ui: str) -> str:
    """The rows of a table as a table, the first row as its column headings, passages marked
    in their cells."""
    out = ['<table class="doc-table">']
    for index, row in enumerate(rows):
        start = row.start
        if text.startswith("- ", start):
            start += 2
        cells: list[tuple[int, int]] = []
        line = text[start : row.end]
        offset = 0
        for part in line.split(_CELL_SEPARATOR):
            cells.append((start + offset, start + offset + len(part)))
            offset += len(part) + len(_CELL_SEPARATOR)
        tag = '<th scope="col">' if index == 0 else "<td>"
        close = "</th>" if index == 0 else "</td>"
        html_cells = "".join(
            tag + _marked(text, a, b, [(n, f) for n, f in findings if a <= f.start < b], ui) + close
            for a, b in cells
        )
        out.append(f"<tr>{html_cells}</tr>")
    out.append("</table>")
    return "".join(out)


def _note(number: int, finding: Finding, ui: str) -> str:
    e = escape
    kind = _KINDS.get(finding.kind, {}).get(ui, finding.kind)
    severity = _SEVERITIES[finding.severity].get(ui, finding.severity)
    suggestions = ""
    if finding.suggestions:
        items = ", ".join(
            f"«\u202f{e(s)}\u202f»" if ui == "fr" else f"“{e(s)}”" for s in finding.suggestions
        )
        suggestions = (
            f"<br>{e(_t('suggestions', ui))}\u202f: {items}"
            if ui == "fr"
            else (f"<br>{e(_t('suggestions', ui))}: {items}")
        )
    return (
        f'<li id="n{number}"><a href="#f{number}"><strong>[{number} · {e(kind)}]</strong></a> '
        f'<span class="severity">({e(severity)})</span> {e(finding.message)}{suggestions}</li>'
    )


def _marked(text: str, start: int, end: int, findings: list[tuple[int, Finding]], ui: str) -> str:
    """Block text with findings marked; marks nest or stay apart, never cross."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    accepted: list[tuple[int, int]] = []
    for number, finding in sorted(findings, key=lambda nf: (nf[1].start, -nf[1].end)):
        s, f_end = finding.start, min(finding.end, end)
        if any(a < s < b < f_end or s < a < f_end < b for a, b in accepted):
            continue  # would cross an accepted mark: the note beside still shows it
        accepted.append((s, f_end))
        kind = _KINDS.get(finding.kind, {}).get(ui, finding.kind)
        tag = f'<span class="tag">[{number} · {escape(kind)}]</span> '
        if finding.kind == "long_sentence":
            opens.setdefault(s, []).append(f'<span class="long" id="f{number}">{tag}')
            closes.setdefault(f_end, []).insert(0, "</span>")
        else:
            opens.setdefault(s, []).append(
                f'<mark class="{escape(finding.kind)}" id="f{number}">{tag}'
            )
            closes.setdefault(f_end, []).insert(0, "</mark>")
    points = sorted({start, end, *opens, *closes})
    out: list[str] = []
    previous = start
    for point in points:
        if point > previous:
            out.append(escape(text[previous:point]))
            previous = point
        out.extend(closes.get(point, ()))
        out.extend(opens.get(point, ()))
    return "".join(out)


def _readability(report: Report, ui: str) -> str:
    e = escape
    rows = "".join(
        f'<tr><th scope="row">{e(_FORMULAS.get(f.formula, f.formula))}</th>'
        f"<td>{'' if f.value is None else e(f'{f.value:g}')}</td>"
        f"<td>{e(f.band or '')}</td><td>{e(f.note or '')}</td></tr>"
        for f in report.readability
    )
    section_rows = ""
    for section in report.sections:
        for f in section.readability:
            section_rows += (
                f'<tr><th scope="row">{e(section.heading or "—")}</th>'
                f"<td>{e(_FORMULAS.get(f.formula, f.formula))}</td>"
                f"<td>{'' if f.value is None else e(f'{f.value:g}')}</td>"
                f"<td>{e(f.band or '')}</td><td>{section.words}</td></tr>"
            )
    head = (
        f'<tr><th scope="col">{e(_t("formula", ui))}</th><th scope="col">'
        f'{e(_t("value", ui))}</th><th scope="col">{e(_t("band", ui))}</th>'
        f'<th scope="col">{e(_t("note", ui))}</th></tr>'
    )
    section_head = (
        f'<tr><th scope="col">§</th><th scope="col">{e(_t("formula", ui))}</th>'
        f'<th scope="col">{e(_t("value", ui))}</th><th scope="col">{e(_t("band", ui))}</th>'
        f'<th scope="col">{e(_t("words", ui))}</th></tr>'
    )
    return (
        f'<section aria-labelledby="readability"><h2 id="readability">'
        f"{e(_t('readability', ui))}</h2>"
        f"<table><caption>{e(_t('readability', ui))}</caption>{head}{rows}</table>"
        f"<table><caption>{e(_t('readability', ui))} — §</caption>{section_head}"
        f"{section_rows}</table></section>\n"
    )


def _checklist(report: Report, ui: str) -> str:
    e = escape
    rows = []
    for item in report.checklist:
        evidence = ""
        if item.evidence:
            s, f_end = item.evidence[0]
            evidence = (
                f"«\u202f{e(report.text[s:f_end])}\u202f»"
                if ui == "fr"
                else (f"“{e(report.text[s:f_end])}”")
            )
        note = f"<br><small>{e(item.note)}</small>" if item.note else ""
        rows.append(
            f'<tr><th scope="row">{e(item.label)}{note}</th>'
            f"<td>{e(_t(item.status, ui))}</td><td>{evidence}</td><td>{e(item.source)}</td></tr>"
        )
    head = (
        f'<tr><th scope="col">{e(_t("element", ui))}</th><th scope="col">'
        f'{e(_t("status", ui))}</th><th scope="col">{e(_t("evidence", ui))}</th>'
        f'<th scope="col">{e(_t("source", ui))}</th></tr>'
    )
    return (
        f'<section aria-labelledby="checklist"><h2 id="checklist">{e(_t("checklist", ui))}</h2>'
        f"<p>{e(_t('checklist_note', ui))}</p>"
        f"<table><caption>{e(_t('checklist', ui))}</caption>{head}{''.join(rows)}</table>"
        f"</section>\n"
    )
