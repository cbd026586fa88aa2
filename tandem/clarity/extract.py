"""Text extraction from uploaded documents: DOCX, ODT, PDF with a text layer, plain text.

Beside the pure core: it uses pypdf, python-docx and odfdo, but no Django. The type is
detected from the content (magic bytes, zip member names), never from the file name, which only
serves messages. Headings come out as markdown-like ``# `` lines and list items as ``- `` lines,
one block per paragraph, so that :mod:`tandem.clarity.segment` sees the structure.

Every refusal is an :class:`ExtractionError` with a stable ``code`` and a message in French and
English. Bounded time and memory, by the :class:`Limits` the caller passes (the project reads
them from its settings): the size is checked first; zip archives are checked (member count,
total uncompressed size, compression ratio, size of each XML part) before anything is
decompressed; a PDF's pages are counted before they are read, each of its streams is
decompressed up to a cap, and the text stops at a number of characters. :func:`check_archive`
and :func:`check_pdf` run the same checks without extracting, for the upload forms.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .text import normalize

__all__ = [
    "MAX_BYTES",
    "ExtractedDocument",
    "ExtractionError",
    "Limits",
    "check_archive",
    "check_pdf",
    "extract_text",
]

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one document may cost. The defaults fit information leaflets with room to spare."""

    max_bytes: int = MAX_BYTES
    max_uncompressed: int = 64 * 1024 * 1024  # all the members of a DOCX or ODT together
    max_xml_part: int = 16 * 1024 * 1024  # one XML member, parsed whole into memory
    max_ratio: int = 100  # uncompressed / compressed, for members over 1 MiB
    max_members: int = 5000
    max_pdf_pages: int = 1000
    max_pdf_stream: int = 8 * 1024 * 1024  # one decompressed PDF stream
    max_chars: int = 2_000_000  # extracted text (a leaflet holds about 20,000)


DEFAULT_LIMITS = Limits()

_ERRORS: dict[str, tuple[str, str]] = {
    "too_large": (
        "Le fichier est trop volumineux ({size} Mo, au plus {limit} Mo).",
        "The file is too large ({size} MB, at most {limit} MB).",
    ),
    "empty": (
        "Le document ne contient pas de texte.",
        "The document contains no text.",
    ),
    "binary": (
        "Ce fichier n'est pas un document texte lisible (DOCX, ODT, PDF ou texte brut).",
        "This file is not a readable text document (DOCX, ODT, PDF or plain text).",
    ),
    "unsupported": (
        "Ce format n'est pas pris en charge ({what}) : enregistrez le document en DOCX, ODT ou"
        " PDF.",
        "This format is not supported ({what}): save the document as DOCX, ODT or PDF.",
    ),
    "macro": (
        "Le document contient des macros : enregistrez-le sans macros (DOCX ou ODT).",
        "The document contains macros: save it without macros (DOCX or ODT).",
    ),
    "encrypted": (
        "Le document est protégé par un mot de passe : enregistrez-en une version sans protection.",
        "The document is password-protected: save a copy without protection.",
    ),
    "too_many_pages": (
        "Le document a trop de pages ({pages}, au plus {limit}).",
        "The document has too many pages ({pages}, at most {limit}).",
    ),
    "too_long": (
        "Le document contient trop de texte (plus de {limit} caractères).",
        "The document holds too much text (more than {limit} characters).",
    ),
    "zip_bomb": (
        "L'archive du document est anormale (taille décompressée excessive) : elle n'a pas été"
        " ouverte.",
        "The document's archive is abnormal (excessive uncompressed size): it was not opened.",
    ),
    "bomb": (
        "Le document se décompresse en une taille excessive : il n'a pas été lu.",
        "The document decompresses to an excessive size: it was not read.",
    ),
    "corrupt": (
        "Le document est endommagé et n'a pas pu être lu.",
        "The document is damaged and could not be read.",
    ),
    "no_text_layer": (
        "Ce PDF ne contient pas de texte (document scanné ?) : fournissez le fichier d'origine"
        " ou un PDF avec texte.",
        "This PDF has no text layer (a scan?): provide the original file or a PDF with text.",
    ),
}


class ExtractionError(Exception):
    """A document that cannot be analysed, with a stable code and a bilingual message."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        fr, en = _ERRORS[code]
        self.message_fr = fr.format(**values)
        self.message_en = en.format(**values)
        super().__init__(self.message_en)

    def message(self, language: str = "en") -> str:
        return self.message_fr if language == "fr" else self.message_en


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    text: str
    format: str  # "docx", "odt", "pdf" or "text"
    encoding: str | None = None
    pages: int | None = None
    # DOCX and ODT: where each non-empty line of ``text`` comes from in the file, in order
    # ("paragraph 12": the twelfth paragraph of the body, empty ones counted; "table 1, row 3")
    paragraphs: tuple[str, ...] = ()

    def paragraph_at(self, offset: int) -> str | None:
        """Where the line holding ``offset`` (an offset of ``text``) comes from in the file,
        or None (plain text, PDF, or an offset outside the text)."""
        if not self.paragraphs or not 0 <= offset <= len(self.text):
            return None
        line_start = self.text.rfind("\n", 0, offset) + 1
        index = sum(1 for line in self.text[:line_start].split("\n") if line)
        return self.paragraphs[index] if index < len(self.paragraphs) else None


def extract_text(
    data: bytes,
    filename: str = "",
    *,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ExtractedDocument:
    """Extract normalised text from ``data``; raise :class:`ExtractionError` when impossible
    or when the document goes beyond ``limits`` (``max_bytes`` overrides its size limit)."""
    if max_bytes is not None:
        limits = dataclasses.replace(limits, max_bytes=max_bytes)
    if len(data) > limits.max_bytes:
        raise ExtractionError(
            "too_large",
            size=_mb(len(data)),
            limit=_mb(limits.max_bytes),
        )
    try:
        document = _dispatch(data, limits)
    except ExtractionError:
        raise
    except MemoryError as error:  # over the limits of a library we did not foresee
        raise ExtractionError(
            "too_large", size=_mb(len(data)), limit=_mb(limits.max_bytes)
        ) from error
    except Exception as error:  # a damaged file must never crash the caller
        raise ExtractionError("corrupt") from error
    if len(document.text) > limits.max_chars:
        raise ExtractionError("too_long", limit=f"{limits.max_chars:,}".replace(",", " "))
    if not any(ch.isalpha() for ch in document.text):
        if document.format == "pdf":
            raise ExtractionError("no_text_layer")
        raise ExtractionError("empty")
    return document


def _dispatch(data: bytes, limits: Limits) -> ExtractedDocument:
    head = data[:1024]
    if b"%PDF-" in head:
        document = _pdf(data, limits)
    elif data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        document = _zip_document(data, limits)
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data[:65536] or b"EncryptedPackage" in data:
            raise ExtractionError("encrypted")
        raise ExtractionError("unsupported", what="DOC/XLS 97-2003")
    elif data.lstrip()[:5] == b"{\\rtf":
        raise ExtractionError("unsupported", what="RTF")
    else:
        document = _plain_text(data)
    return document


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------- plain text


def _plain_text(data: bytes) -> ExtractedDocument:
    # The size is capped (Limits.max_bytes), so the text is too: at most one character a byte.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return ExtractedDocument(normalize(data.decode("utf-16")), "text", "utf-16")
        except UnicodeDecodeError as error:
            raise ExtractionError("binary") from error
    if b"\x00" in data[:65536]:
        raise ExtractionError("binary")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.01:
        raise ExtractionError("binary")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        # Latin-1 family: cp1252 is a superset for printable characters (€, œ, ’)
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
    letters = sum(1 for ch in text[:65536] if ch.isalpha())
    if letters and letters / max(1, len(text[:65536].strip())) < 0.3:
        raise ExtractionError("binary")
    return ExtractedDocument(normalize(text), "text", encoding)


# ---------------------------------------------------------------------------- zip documents


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


def _zip_document(data: bytes, limits: Limits) -> ExtractedDocument:
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


# ---------------------------------------------------------------------------- PDF


@contextmanager
def _pdf_limits(limits: Limits) -> Iterator[None]:
    """pypdf's own caps on decompression, for this call only (a context variable)."""
    from pypdf import apply_configuration

    stream = limits.max_pdf_stream
    with apply_configuration(
        maximum_declared_stream_length=stream,
        array_based_stream_maximum_output_length=stream,
        zlib_maximum_output_length=stream,
        lzw_maximum_output_length=stream,
        run_length_maximum_output_length=stream,
        brotli_maximum_output_length=stream,
        jbig2_maximum_output_length=stream,
        image_maximum_buffer_size=stream,
        stream_decoding_work_maximum_length=4 * stream,
    ):
        yield


def _open_pdf(data: bytes, limits: Limits) -> Any:
    """A pypdf reader over ``data``, decrypted when an empty password opens it, with its page
    count checked. Call inside ``_pdf_limits``."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        # owner-password-only files (print or copy restrictions) open with an empty password
        try:
            opened = reader.decrypt("")
        except Exception as error:  # unsupported algorithm, missing crypto backend
            raise ExtractionError("encrypted") from error
        if not opened:
            raise ExtractionError("encrypted")
    pages = len(reader.pages)
    if pages < 1:
        raise ExtractionError("corrupt")
    if pages > limits.max_pdf_pages:
        raise ExtractionError("too_many_pages", pages=pages, limit=limits.max_pdf_pages)
    _check_pdf_content(reader, limits)
    return reader


def _check_pdf_content(reader: Any, limits: Limits) -> None:
    """Decompress every page's content streams (each up to the stream limit, by pypdf): all
    together they may not exceed the archive limit, so that a decompression bomb is refused
    before any of it is parsed. pypdf keeps them decoded for the text extraction that follows."""
    from pypdf.generic import ArrayObject

    total = 0
    for page in reader.pages:
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        streams = contents if isinstance(contents, ArrayObject) else [contents]
        for stream in streams:
            if stream is None:
                continue
            total += len(stream.get_object().get_data())
            if total > limits.max_uncompressed:
                raise ExtractionError("bomb")


def check_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS) -> int:
    """Parse a PDF's structure without extracting its text: it must open (a file that merely
    starts with ``%PDF-`` does not), without a password, within the page limit. Returns the
    number of pages; raises :class:`ExtractionError` (``corrupt``, ``encrypted``,
    ``too_many_pages``)."""
    if len(data) > limits.max_bytes:
        raise ExtractionError("too_large", size=_mb(len(data)), limit=_mb(limits.max_bytes))
    from pypdf.errors import LimitReachedError

    try:
        with _pdf_limits(limits):
            return len(_open_pdf(data, limits).pages)
    except ExtractionError:
        raise
    except LimitReachedError as error:
        raise ExtractionError("bomb") from error
    except Exception as error:  # pypdf raises many kinds on damaged or hostile files
        raise ExtractionError("corrupt") from error


def _pdf(data: bytes, limits: Limits) -> ExtractedDocument:
    try:
        from pypdf.errors import LimitReachedError, PdfReadError
    except ImportError as error:  # pragma: no cover - declared dependency
        raise ExtractionError("unsupported", what="PDF") from error
    texts: list[str] = []
    length = 0
    try:
        with _pdf_limits(limits):
            reader = _open_pdf(data, limits)
            for page in reader.pages:
                text = page.extract_text() or ""
                length += len(text)
                if length > limits.max_chars:  # stop reading, rather than after the last page
                    raise ExtractionError(
                        "too_long", limit=f"{limits.max_chars:,}".replace(",", " ")
                    )
                texts.append(text)
    except ExtractionError:
        raise
    except LimitReachedError as error:
        raise ExtractionError("bomb") from error
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractionError("corrupt") from error
    text = normalize("\n\n".join(drop_running_lines(texts)))
    return ExtractedDocument(text, "pdf", pages=len(texts))


_PAGE_NUMBER_RE = re.compile(
    r"(?:page|p\.)?\s*[-–(]?\s*\d{1,4}\s*(?:(?:/|sur|of|de)\s*\d{1,4})?\s*[-–)]?",
    re.IGNORECASE,
)
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running lines


def drop_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running headers and footers and page numbers.

    A line among the first or last two of a page is dropped when it is a page number ("3",
    "Page 3 sur 10", "- 3 -", "3/10") or when the same line (digits aside) is at the edge of at
    least half the pages, three pages or more ("Version 2 du 20/03/2026 – page 4",
    "Note d'information GENOU-CALME").
    """
    split = [page.split("\n") for page in pages]

    def edges(lines: list[str]) -> list[int]:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        if len(filled) < 3:  # too short to have both a header or footer and a body
            return []
        width = _EDGE_LINES if len(filled) > 2 * _EDGE_LINES else 1
        return sorted(set(filled[:width] + filled[-width:]))

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.lower().split()))

    counts: dict[str, int] = {}
    for lines in split:
        for k in {key(lines[i]) for i in edges(lines)}:
            counts[k] = counts.get(k, 0) + 1
    running = (
        {k for k, n in counts.items() if n >= max(3, (len(pages) + 1) // 2)}
        if len(pages) >= 3
        else set()
    )
    result = []
    for lines in split:
        drop = {
            i
            for i in edges(lines)
            if key(lines[i]) in running or _PAGE_NUMBER_RE.fullmatch(lines[i].strip())
        }
        result.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return result
