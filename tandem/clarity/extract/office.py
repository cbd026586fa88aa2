"""DOCX and ODT: the zip archive checked before anything is decompressed, macros refused,
then headings as ``# `` lines, list items and table rows as ``- `` lines, each line with the
paragraph or table row it comes from."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..text import normalize
from .document import ExtractedDocument
from .errors import ExtractionError
from .limits import DEFAULT_LIMITS, Limits

__all__ = ["check_archive", "zip_document"]


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    # zipfile stops each member at its declared size (a member that holds more fails its CRC
    # check), so checking the declared sizes bounds what is decompressed.
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ExtractionError("corrupt") from error
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise ExtractionError("zip_bomb")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(
            1, info.compress_size
        ):
            raise ExtractionError("zip_bomb")
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.max_xml_part:
            raise ExtractionError("zip_bomb")
    if total > limits.max_uncompressed:
        raise ExtractionError("zip_bomb")
    # OOXML and ODF parts never declare a DTD: one that does may hide an entity expansion bomb
    for info in infos:
        if info.filename.endswith(".xml"):
            with archive.open(info) as member:
                if b"<!DOCTYPE" in member.read(4096).upper():
                    raise ExtractionError("corrupt")
    return archive


def check_archive(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Check a zip document without extracting its text: sizes, macros, type. Returns
    "docx", "odt" or "xlsx"; raises :class:`ExtractionError` (``zip_bomb``, ``macro``,
    ``corrupt``, ``unsupported``)."""
    return _classify_zip(_open_zip(data, limits))


def _classify_zip(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    lowered = {name.lower() for name in names}
    if any(name.endswith("vbaproject.bin") or name.endswith("vbadata.xml") for name in lowered):
        raise ExtractionError("macro")
    if "[Content_Types].xml" in names:
        content_types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in content_types or b"vbaProject" in content_types:
            raise ExtractionError("macro")
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise ExtractionError("unsupported", what="Office (PPTX)")
    if "mimetype" in names or "content.xml" in names:
        mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
        if any(
            (name.startswith("Basic/") and name != "Basic/script-lc.xml")
            or name.startswith("Scripts/")
            for name in names
        ):
            raise ExtractionError("macro")
        if mimetype and not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            raise ExtractionError("unsupported", what=mimetype[:80].decode("ascii", "replace"))
        return "odt"
    raise ExtractionError("unsupported", what="ZIP")


def zip_document(data: bytes, limits: Limits) -> ExtractedDocument:
    kind = _classify_zip(_open_zip(data, limits))
    if kind == "docx":
        return _docx(data)
    if kind == "odt":
        return _odt(data)
    raise ExtractionError("unsupported", what="Office (XLSX)")


def _docx(data: bytes) -> ExtractedDocument:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as error:  # pragma: no cover - declared dependency
        raise ExtractionError("unsupported", what="DOCX") from error
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on damaged files
        raise ExtractionError("corrupt") from error
    lines: list[str] = []
    where: list[str] = []

    def paragraph_line(paragraph: Any, number: int) -> None:
        text = " ".join(paragraph.text.split())
        if not text:
            return
        where.append(f"paragraph {number}")
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        lowered = style.lower()
        if lowered.startswith(("heading", "titre", "title")):
            digits = "".join(ch for ch in style if ch.isdigit())
            level = min(6, int(digits)) if digits else 1
            lines.append("#" * level + " " + text)
            return
        p_pr = paragraph._p.pPr
        if "list" in lowered or (p_pr is not None and p_pr.numPr is not None):
            lines.append("- " + text)
            return
        lines.append(text)

    body = document.element.body
    paragraph_number = table_number = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_number += 1
            paragraph_line(Paragraph(child, document), paragraph_number)
        elif tag == "tbl":
            table_number += 1
            for row_number, row in enumerate(Table(child, document).rows, start=1):
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(cell.text.split()))
                line = _table_row(cells)
                if line:
                    lines.append(line)
                    where.append(f"table {table_number}, row {row_number}")
    return _with_paragraphs(_join(lines), "docx", where)


def _with_paragraphs(text: str, kind: str, where: list[str]) -> ExtractedDocument:
    """The document, with the origin of each line when every line kept its own."""
    lines = [line for line in text.split("\n") if line]
    return ExtractedDocument(
        text, kind, paragraphs=tuple(where) if len(lines) == len(where) else ()
    )


def _table_row(cells: list[str]) -> str:
    """A table row as one list item, its cells separated by " | " ("- Visite 1 | Prise de
    sang"): the row stays one line of the report, counted as body text, never a heading."""
    cells = [cell for cell in cells if cell]
    return "- " + " | ".join(cells) if cells else ""


def _odt(data: bytes) -> ExtractedDocument:
    try:
        from odfdo import Document
    except ImportError as error:  # pragma: no cover - declared dependency
        raise ExtractionError("unsupported", what="ODT") from error
    try:
        document = Document(io.BytesIO(data))
        body = document.body
    except Exception as error:  # odfdo raises many kinds on damaged files
        raise ExtractionError("corrupt") from error
    lines: list[str] = []
    where: list[str] = []
    counts = {"paragraph": 0, "table": 0, "row": 0}

    def walk(element: Any, in_list: bool) -> None:
        tag = element.tag
        if tag in ("text:h", "text:p"):
            counts["paragraph"] += 1
        if tag == "table:table":
            counts["table"] += 1
            counts["row"] = 0
        if tag == "text:h":
            text = " ".join(str(element.text_recursive or "").split())
            if text:
                where.append(f"paragraph {counts['paragraph']}")
                level = element.get_attribute("text:outline-level") or 1
                try:
                    depth = max(1, min(6, int(str(level))))
                except ValueError:
                    depth = 1
                lines.append("#" * depth + " " + text)
        elif tag == "text:p":
            text = " ".join(str(element.text_recursive or "").split())
            if text:
                where.append(f"paragraph {counts['paragraph']}")
                lines.append(("- " if in_list else "") + text)
        elif tag in ("text:list", "text:list-item", "text:list-header"):
            for child in element.children:
                walk(child, True)
        elif tag == "table:table-row":
            counts["row"] += 1
            cells = [
                " ".join(str(cell.text_recursive or "").split())
                for cell in element.children
                if cell.tag == "table:table-cell"
            ]
            line = _table_row(cells)
            if line:
                where.append(f"table {counts['table']}, row {counts['row']}")
                lines.append(line)
        elif tag.startswith("table:") or tag in ("text:section", "office:text"):
            for child in element.children:
                walk(child, in_list)

    for child in body.children:
        walk(child, False)
    return _with_paragraphs(_join(lines), "odt", where)


def _join(lines: list[str]) -> str:
    return normalize("\n\n".join(lines))
