"""The team's own DOCX back, with every finding as a Word comment at its passage.

The report's offsets point into the normalised text; here each finding's passage is looked up
again, in document order, in the paragraphs of the original file (body and table cells), with any
run of spaces matching any run of spaces. The runs are split at the passage's edges so that the
comment covers exactly the passage (python-docx ≥ 1.2 writes comments). A finding whose passage
cannot be found (a passage across paragraphs, text inside a text box or a field) is listed in a
comment on the first paragraph instead, so that nothing is lost.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .findings.finding import Finding
from .messages import message

if TYPE_CHECKING:  # pragma: no cover
    from .report import Report

__all__ = ["annotate_docx"]

_KIND_LABELS = {
    "long_sentence": {"fr": "Phrase longue", "en": "Long sentence"},
    "jargon": {"fr": "Terme spécialisé", "en": "Technical term"},
    "plain_word": {"fr": "Mot plus simple", "en": "Plainer word"},
    "rare_word": {"fr": "Mot peu courant", "en": "Uncommon word"},
    "acronym": {"fr": "Sigle", "en": "Acronym"},
    "passive": {"fr": "Tournure passive", "en": "Passive voice"},
    "number": {"fr": "Chiffres", "en": "Numbers"},
    "language": {"fr": "Langue", "en": "Language"},
}
_AUTHOR = "Tandem"


def annotate_docx(data: bytes, report: Report, *, author: str = _AUTHOR) -> tuple[bytes, int]:
    """``data`` (a DOCX file) with the findings of ``report`` as comments.

    Returns the new file and the number of findings placed at their own passage (the others are
    summarised in one comment on the first paragraph).
    """
    import docx

    document = docx.Document(io.BytesIO(data))
    ui = report.interface_language
    paragraphs = list(_paragraphs(document))
    cursor = (0, 0)  # paragraph index, character offset: passages are looked up in order
    unplaced: list[Finding] = []
    placed = 0
    for finding in report.findings:
        found = _find(paragraphs, finding.text, cursor)
        if found is None:
            unplaced.append(finding)
            continue
        index, start, end = found
        runs = _isolate(paragraphs[index], start, end)
        if not runs:
            unplaced.append(finding)
            continue
        document.add_comment(runs, text=_comment_text(finding, ui), author=author, initials="T")
        placed += 1
        cursor = (index, start)
    if unplaced and paragraphs and paragraphs[0].runs:
        lines = [_comment_text(f, ui) + f" [{f.text[:60]}]" for f in unplaced]
        heading = (
            "Remarques sans passage retrouvé dans le fichier\u202f:"
            if ui == "fr"
            else "Findings whose passage was not found in the file:"
        )
        document.add_comment(
            paragraphs[0].runs, text="\n".join([heading, *lines]), author=author, initials="T"
        )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placed


def _comment_text(finding: Finding, ui: str) -> str:
    label = _KIND_LABELS.get(finding.kind, {}).get(ui, finding.kind)
    text = f"{label} — {finding.message}"
    if finding.suggestions:
        prefix = "Suggestions\u202f: " if ui == "fr" else "Suggestions: "
        text += "\n" + prefix + ", ".join(finding.suggestions[:3])
    return text


def _paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs and table cells' paragraphs, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def walk(container: Any) -> Iterator[Any]:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Table):
                seen: set[int] = set()
                for row in block.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell)

    yield from walk(document)


def _pattern(passage: str) -> re.Pattern[str]:
    words = passage.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def _find(
    paragraphs: Sequence[Any], passage: str, cursor: tuple[int, int]
) -> tuple[int, int, int] | None:
    """(paragraph index, start, end) of the passage's next occurrence from ``cursor``."""
    if not passage.strip():
        return None
    pattern = _pattern(passage.lstrip("#- ").strip() or passage)
    first, offset = cursor
    for index in range(first, len(paragraphs)):
        text = "".join(run.text for run in paragraphs[index].runs).replace("\u00a0", " ")
        match = pattern.search(text, offset if index == first else 0)
        if match is not None:
            return index, match.start(), match.end()
    return None


def _isolate(paragraph: Any, start: int, end: int) -> list[Any]:
    """The runs that cover exactly ``[start, end)`` of the paragraph's run text, splitting the
    runs at both edges (a split run keeps its formatting)."""
    _split_at(paragraph, end)
    _split_at(paragraph, start)
    runs = []
    position = 0
    for run in paragraph.runs:
        length = len(run.text)
        if position >= start and position + length <= end and length:
            runs.append(run)
        position += length
    return runs


def _split_at(paragraph: Any, offset: int) -> None:
    position = 0
    for run in paragraph.runs:
        text = run.text
        if position < offset < position + len(text):
            cut = offset - position
            twin = copy.deepcopy(run._r)
            run._r.addnext(twin)
            run.text = text[:cut]
            from docx.text.run import Run

            Run(twin, run._parent).text = text[cut:]
            return
        position += len(text)


def summary(placed: int, total: int, ui: str) -> str:
    return message("docx_comments", ui, placed=placed, total=total)
