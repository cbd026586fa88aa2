from __future__ import annotations

from html.parser import HTMLParser

from tandem.clarity import analyze
from tandem.clarity.html import render_html
from tandem.clarity.tests.conftest import DATA

FR = (DATA / "planted_fr.txt").read_text(encoding="utf-8")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.crossed = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in {"meta", "br"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.crossed = True
        else:
            self.stack.pop()


def test_the_page_is_standalone_accessible_and_well_nested():
    page = render_html(analyze(FR, document_kind="leaflet"))
    collector = _Collector()
    collector.feed(page)
    assert not collector.crossed and collector.stack == []
    assert page.startswith("<!doctype html>") and '<html lang="fr">' in page
    assert "<script" not in page and "http" not in page
    assert "<caption>" in page and 'scope="col"' in page


def test_every_finding_has_a_numbered_text_label_and_a_note_beside_it():
    report = analyze(FR, document_kind="leaflet")
    page = render_html(report)
    for number, finding in enumerate(report.findings, start=1):
        assert f'id="n{number}"' in page
        if finding.kind != "long_sentence":
            assert f'id="f{number}"' in page or finding.kind == "number"
    assert "[1 · " in page and "<mark" in page and "<aside" in page


def test_all_text_is_escaped():
    report = analyze("<script>alert(1)</script> Le CPP & vous.", language="fr")
    page = render_html(report)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page


def test_the_readability_table_and_checklist_are_in_the_interface_language():
    page = render_html(analyze(FR, document_kind="leaflet", interface_language="en"))
    assert "Readability" in page and "Required elements" in page and "not found" in page


def test_a_text_too_short_to_judge_says_so_instead_of_a_score():
    page = render_html(analyze("Vous pouvez arrêter à tout moment.", language="fr"))
    assert "Texte trop court pour être jugé" in page
    assert "None" not in page


def test_the_rows_of_a_table_are_shown_as_a_table_with_passages_marked_in_their_cells():
    text = (
        "# Calendrier des visites\n"
        "Voici le calendrier des visites de l'étude.\n"
        "- Semaine | Examen\n"
        "- Semaine 1 | Prise de sang et ponction lombaire\n"
        "- Semaine 4 | Questionnaire\n"
        "À la fin, nous vous appelons."
    )
    page = render_html(analyze(text, language="fr"))
    table = page[page.index('<table class="doc-table">') : page.index("</table>")]
    assert table.count("<tr>") == 3
    assert '<th scope="col">Semaine</th><th scope="col">Examen</th>' in table
    assert "<td>Semaine 4</td><td>Questionnaire</td>" in table
    cell = table[table.index("<td>Prise de sang") :].split("</td>")[0]
    assert '<mark class="jargon"' in cell and "ponction lombaire</mark>" in cell
    # an ordinary list stays a list
    listed = render_html(
        analyze("Vous devrez :\n- venir deux fois\n- remplir un carnet", language="fr")
    )
    assert "doc-table" not in listed and "• venir deux fois" in listed


def test_the_checklist_sources_are_in_the_interface_language():
    french = render_html(analyze(FR, document_kind="leaflet", interface_language="fr"))
    english = render_html(analyze(FR, document_kind="leaflet", interface_language="en"))
    assert "(assurance)" in french and "(insurance)" not in french
    assert "(insurance)" in english and "(assurance)" not in english
