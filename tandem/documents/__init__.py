"""Documents for every module, in one place: DOCX from Word templates (docxtpl, in Jinja's
sandbox) and PDF from the same HTML as the page (WeasyPrint, tagged PDF/UA, Unicode fonts).

Imports nothing of the project but `tandem.core`: any module may use it (docs/development.md,
"Making documents")."""

from tandem.documents.pdf import render_pdf
from tandem.documents.responses import document_response
from tandem.documents.word import render_docx

__all__ = ["document_response", "render_docx", "render_pdf"]
