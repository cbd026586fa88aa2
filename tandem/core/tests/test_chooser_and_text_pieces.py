"""The chooser of long lists and the extracted text's pieces (issue 14)."""

from __future__ import annotations

from django import forms

from tandem.core.templatetags.tandem import text_pieces
from tandem.core.widgets import Chooser, UncutTextInput


class _Form(forms.Form):
    fruits = forms.MultipleChoiceField(
        choices=[
            ("Agrumes", [("lemon", "Lemon"), ("orange", "Orange")]),
            ("Baies", [("cassis", "Blackcurrant")]),
        ],
        widget=Chooser,
        required=False,
    )
    name = forms.CharField(max_length=5, widget=UncutTextInput)


def test_the_chooser_writes_one_fieldset_per_group_and_keeps_what_was_ticked():
    html = str(_Form({"fruits": ["orange"], "name": "toolong"})["fruits"])
    assert html.count('<fieldset class="chooser-group"') == 2
    assert "<legend>Agrumes</legend>" in html and "<legend>Baies</legend>" in html
    assert 'value="orange" id="id_fruits_orange" checked' in html
    assert 'value="lemon" id="id_fruits_lemon">' in html
    assert "Chosen:" in html and "Orange" in html
    assert "<select" not in html


def test_a_text_box_that_does_not_cut_still_refuses_a_text_too_long():
    form = _Form({"name": "toolong"})
    assert "maxlength" not in str(form["name"])
    assert not form.is_valid()
    assert "at most 5 characters (it has 7)" in form.errors["name"][0]


def test_heading_markers_are_pieces_of_their_own_and_nothing_is_lost():
    text = "# Objectifs\n\nTexte avec un # dièse.\n## Déroulement\n"
    pieces = text_pieces(text)
    assert "".join(piece for _, piece in pieces) == text
    assert [piece for kind, piece in pieces if kind == "marker"] == ["# ", "## "]
    assert [piece for kind, piece in pieces if kind == "heading"] == ["Objectifs", "Déroulement"]
    assert ("", "\n\nTexte avec un # dièse.\n") in pieces
    assert text_pieces("Sans titre.") == [("", "Sans titre.")]
