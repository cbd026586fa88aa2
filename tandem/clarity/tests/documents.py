"""Documents built by the tests (no binary is committed): PDFs written by hand, bombs
compressed piece by piece so that building them costs no memory. Pure Python, no Django."""

from __future__ import annotations

import functools
import io
import zlib

MIB = 1024 * 1024


def pdf(lines: list[str] | None = None, *, content: bytes | None = None, deflate=False) -> bytes:
    """A small PDF written by hand: one page with ``lines`` of text, or the given content
    stream (compressed with Flate when ``deflate``)."""
    if content is None and lines == []:
        content = b"0 0 m 100 100 l S"  # a drawing, no text layer (a scan)
    elif content is None:
        text = " ".join(f"({line}) Tj T*" for line in (lines or ["Hello"]))
        content = f"BT /F1 12 Tf 72 720 Td 14 TL {text} ET".encode("latin-1")
    stream_dict = f"<< /Length {len(content)}{' /Filter /FlateDecode' if deflate else ''} >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream_dict.encode() + b"\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    """A PDF file of the numbered ``objects`` (object 1 the catalogue), with its xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


@functools.cache  # built once per test process
def pdf_bomb(expanded: int = 400 * MIB) -> bytes:
    """A one-page PDF whose content stream inflates to ``expanded`` bytes (a few hundred KiB
    on disk), compressed piece by piece so that building it costs no memory."""
    compressor = zlib.compressobj(9)
    chunk = b" " * MIB
    parts = [compressor.compress(chunk) for _ in range(expanded // MIB)]
    parts.append(compressor.flush())
    return pdf(content=b"".join(parts), deflate=True)


def pdf_pages(pages: list[list[str]]) -> bytes:
    """A PDF of several pages, each with its ``lines`` of text (Helvetica, latin-1)."""
    count = len(pages)
    page_ids = [3 + 2 * i for i in range(count)]
    font_id = 3 + 2 * count
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % i for i in page_ids), count),
    ]
    for index, lines in enumerate(pages):
        text = " ".join(f"({line}) Tj T*" for line in lines)
        content = f"BT /F1 12 Tf 72 720 Td 14 TL {text} ET".encode("latin-1")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page_ids[index] + 1, font_id)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _assemble(objects)
