"""Hostile files for the upload tests, made here rather than committed: each builder returns
bytes. `HOSTILE_DOCUMENTS` is what every document door must refuse, with the error code
`tandem.core.uploads.validate_upload` gives."""

from __future__ import annotations

import functools
import io
import random
import zipfile

from tandem.clarity.tests.documents import MIB, pdf, pdf_bomb

__all__ = ["MIB", "pdf", "pdf_bomb"]


@functools.cache  # built once per test process: the bombs take a moment
def encrypted_pdf() -> bytes:
    """A PDF that opens only with a password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(["Secret"]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx(text: str = "Nous vous proposons de participer à une recherche.") -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, *, extra: dict[str, bytes], replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in extra.items():
            target.writestr(name, content)
    return out.getvalue()


@functools.cache  # built once per test process: the bombs take a moment
def docm() -> bytes:
    """A Word document with macros (DOCM), whatever its name."""
    data = docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    return _rezip(
        data,
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 512},
        replace={"[Content_Types].xml": types},
    )


@functools.cache  # built once per test process: the bombs take a moment
def zip_bomb_docx(expanded: int = 150 * MIB) -> bytes:
    """A real DOCX with one more member that inflates to ``expanded`` bytes."""
    return _with_bomb(docx(), expanded)


@functools.cache
def zip_bomb_xlsx(expanded: int = 150 * MIB) -> bytes:
    """A real XLSX with one more member that inflates to ``expanded`` bytes."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["name", "kind"])
    workbook.save(buffer)
    return _with_bomb(buffer.getvalue(), expanded)


def _with_bomb(data: bytes, expanded: int) -> bytes:
    out = io.BytesIO(data)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("media/image1.bin", "w") as member,
    ):
        chunk = b"\x00" * MIB  # written piece by piece: building it costs no memory
        for _ in range(expanded // MIB):
            member.write(chunk)
    return out.getvalue()


def odt(text: str = "We invite you to take part in a research study.") -> bytes:
    from odfdo import Document, Paragraph

    document = Document("text")
    document.body.append(Paragraph(text))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HTML_WITH_PDF_HEADER = (
    b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script></svg>"
)
GARBAGE = random.Random(11).randbytes(4096)

# (what, bytes builder, name it is sent under, error code) for every document door.
HOSTILE_DOCUMENTS = [
    ("empty", lambda: b"", "leaflet.pdf", "empty"),
    ("garbage", lambda: GARBAGE, "leaflet.pdf", "wrong_type"),
    ("an executable renamed .pdf", lambda: EXE, "leaflet.pdf", "wrong_type"),
    ("an HTML page renamed .pdf", lambda: HTML, "leaflet.pdf", "wrong_type"),
    (
        "an HTML page with a %PDF- header",
        lambda: HTML_WITH_PDF_HEADER,
        "leaflet.html",
        "wrong_type",
    ),
    ("a PDF with a password", encrypted_pdf, "leaflet.pdf", "encrypted"),
    ("a Word document with macros", docm, "leaflet.docx", "macro"),
    ("a zip bomb DOCX", zip_bomb_docx, "leaflet.docx", "zip_bomb"),
    ("a PDF decompression bomb", pdf_bomb, "leaflet.pdf", "bomb"),
    ("an SVG with a script", lambda: SVG_WITH_SCRIPT, "leaflet.svg", "wrong_type"),
]

# Names that try to escape the storage folder, hide an extension or break a header.
HOSTILE_NAMES = [
    "../../../etc/passwd.pdf",
    "..\\..\\windows\\system32\\leaflet.pdf",
    "notice\u202efdp.exe",
    "notice\x07\r\nX-Injected: yes.pdf",
    "noti\u0301ce d\u2019information \U0001f600.pdf",
    ".htaccess",
]


def stored_files(media_root) -> list[str]:
    """Every file under the storage folder (the tests' MEDIA_ROOT)."""
    from pathlib import Path

    root = Path(media_root)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


LARGE = 50 * MIB  # "a 50 MB file"
