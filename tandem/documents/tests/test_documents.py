"""The documents service on templates of its own: a tagged, Unicode-complete PDF that fetches
nothing from the network, a DOCX filled in Jinja's sandbox, and the download's headers."""

from __future__ import annotations

import copy
import io

import pytest
from django.template import TemplateDoesNotExist
from docx import Document
from jinja2.exceptions import SecurityError, UndefinedError
from pypdf import PdfReader

from tandem.documents import document_response, render_docx, render_pdf
from tandem.documents.pdf import BASE_URL, _fetcher, static_file

UNICODE = "Cœur : 12 € ; l’âge ≥ 18 ans"

PRINT_TEMPLATE = """{% extends "documents/print.html" %}
{% block title %}Le cœur{% endblock title %}
{% block content %}<h1>Titre</h1><p>{{ text }}</p><ul><li>un</li></ul>
<img src="http://example.com/pixel.png" alt="pixel">
<img src="file:///etc/hostname" alt="file">{% endblock content %}"""


@pytest.fixture
def templates(settings, tmp_path):
    """A template folder of the test's own, searched before the project's."""
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [tmp_path, *engines[0]["DIRS"]]
    settings.TEMPLATES = engines
    (tmp_path / "sample").mkdir()
    return tmp_path / "sample"


def _word_template(folder, *paragraphs: str, name: str = "sample.docx") -> str:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(folder / name)
    return f"sample/{name}"


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


# --- PDF -----------------------------------------------------------------------------------


def test_the_pdf_is_tagged_in_its_language_with_a_title_and_prints_every_character(templates):
    (templates / "sample.html").write_text(PRINT_TEMPLATE, encoding="utf-8")
    for language in ("fr", "en"):
        reader = PdfReader(
            io.BytesIO(render_pdf("sample/sample.html", {"text": UNICODE}, language=language))
        )
        catalog = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog
        assert catalog["/MarkInfo"]["/Marked"].value is True
        assert catalog["/Lang"] == language
        assert reader.metadata.title == "Le cœur · Tandem"
        text = reader.pages[0].extract_text()
        assert UNICODE in text
        assert "?" not in text
        assert "1 / 1" in text  # the print style sheet was read: numbered pages


def test_the_pdf_fonts_are_embedded_unicode_ones(templates):
    (templates / "sample.html").write_text(PRINT_TEMPLATE, encoding="utf-8")
    reader = PdfReader(
        io.BytesIO(render_pdf("sample/sample.html", {"text": UNICODE}, language="fr"))
    )
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu" in name or "Liberation" in name for name in fonts)


def test_the_pdf_fetches_static_files_and_data_uris_only():
    fetcher = _fetcher()
    css = fetcher.fetch(f"{BASE_URL}static/documents/print.css")
    assert b"@page" in css.read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (
        "http://example.com/pixel.png",
        "https://tandem.invalid/media/secret.pdf",
        "file:///etc/hostname",
        f"{BASE_URL}static/../../config/settings.py",
        f"{BASE_URL}static/%2e%2e/%2e%2e/config/settings.py",
        "ftp://example.com/x",
    ):
        with pytest.raises(ValueError, match="static files"):
            fetcher.fetch(url)


def test_the_pdf_reads_collected_static_files_by_their_hashed_name(settings, tmp_path):
    # In production `{% static %}` names the collected, hashed copy: found in STATIC_ROOT.
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "print.0123abcd.css").write_text("@page { size: A5 }")
    assert static_file(f"{BASE_URL}static/documents/print.0123abcd.css") == (
        tmp_path / "documents" / "print.0123abcd.css"
    )
    assert static_file(f"{BASE_URL}static/documents/absent.css") is None
    assert static_file(f"{BASE_URL}media/documents/print.0123abcd.css") is None


def test_the_pdf_renders_html_escaped(templates):
    (templates / "sample.html").write_text(PRINT_TEMPLATE, encoding="utf-8")
    text = '<img src="http://example.com/x.png"> & <b>not bold</b>'
    data = render_pdf("sample/sample.html", {"text": text}, language="en")
    assert text in PdfReader(io.BytesIO(data)).pages[0].extract_text()


# --- DOCX ----------------------------------------------------------------------------------


def test_the_docx_is_filled_in_its_language_and_escaped(templates):
    name = _word_template(
        templates,
        "{{ title }}",
        "{{ markup }}",
        "{%p for line in lines %}",
        "{{ line }}",
        "{%p endfor %}",
    )
    context = {"title": UNICODE, "markup": "<w:p> & </w:p>", "lines": ["one", "two"]}
    data = render_docx(name, context, language="en", title="A title")
    document = Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == [UNICODE, "<w:p> & </w:p>", "one", "two"]
    assert document.core_properties.language == "en"
    assert document.core_properties.title == "A title"
    assert 'w:val="en"' in document.styles.element.xml


def test_the_docx_drops_characters_word_cannot_hold(templates):
    name = _word_template(templates, "{{ text }}")
    assert (
        _docx_text(render_docx(name, {"text": "Étude\x07 GENOU\x0b"}, language="fr"))
        == "Étude GENOU"
    )


class Dangerous:
    secret = "kept"

    def delete(self) -> str:
        return "deleted"

    delete.alters_data = True  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "tag",
    [
        "{{ thing.__class__ }}",
        "{{ thing.__class__.__mro__[1].__subclasses__() }}",
        "{{ thing.__init__.__globals__ }}",
        "{{ thing.delete() }}",
        "{{ items.append(1) }}",
        "{{ ''.__class__.__base__ }}",
        "{{ lipsum.__globals__ }}",
    ],
)
def test_the_sandbox_refuses_what_a_template_must_not_reach(templates, tag):
    name = _word_template(templates, tag)
    with pytest.raises(SecurityError):
        render_docx(name, {"thing": Dangerous(), "items": [0]}, language="fr")


def test_the_sandbox_still_reads_plain_data(templates):
    name = _word_template(templates, "{{ thing.secret }} {{ items|length }}")
    assert (
        _docx_text(render_docx(name, {"thing": Dangerous(), "items": [0]}, language="fr"))
        == "kept 1"
    )


def test_a_misspelt_variable_is_an_error_not_a_hole(templates):
    name = _word_template(templates, "{{ titel }}")
    with pytest.raises(UndefinedError):
        render_docx(name, {"title": "x"}, language="fr")


def test_a_word_template_is_looked_up_inside_the_template_folders_only(templates):
    with pytest.raises(TemplateDoesNotExist):
        render_docx("../../../../etc/hostname", {}, language="fr")
    with pytest.raises(TemplateDoesNotExist):
        render_docx("sample/missing.docx", {}, language="fr")


# --- The download --------------------------------------------------------------------------


def test_the_response_names_the_file_safely_in_any_language():
    response = document_response(b"%PDF", "../rapport été\r\n2.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''rapport%20%C3%A9t%C3%A9%202.pdf"
    )
    docx = document_response(b"PK", "report-1-round-2.docx")
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx["Content-Disposition"] == 'attachment; filename="report-1-round-2.docx"'
