"""Control characters in names and titles (finding 9): refused where they are typed, removed
from exports and e-mail subjects where older data still holds them."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tandem.core.exports import spreadsheet_cell, unescape_cell
from tandem.core.notifications import notify
from tandem.core.validators import single_line, validate_single_line, validate_text


@pytest.mark.parametrize(
    "value",
    [
        "Ligue\x07",
        "Ligue\ncontre",
        "Ligue\tcontre",
        "Ligue\x00",
        "Ligue\u2028",
        "eugiL\u202e",
        "\x85",
    ],
)
def test_a_name_with_a_control_character_is_refused_with_the_character_named(value):
    with pytest.raises(ValidationError) as raised:
        validate_single_line(value)
    assert raised.value.code == "control_characters"
    assert "U+" in raised.value.messages[0]


def test_a_name_with_accents_apostrophes_and_emoji_is_accepted():
    validate_single_line("Association d\u2019aide aux malades — Île-de-France 🙂")


def test_a_description_keeps_its_line_breaks_and_tabs_but_not_other_controls():
    validate_text("Première ligne\r\n\tdeuxième ligne")
    with pytest.raises(ValidationError):
        validate_text("Une cloche\x07")


def test_the_message_is_translated():
    from django.utils import translation

    with translation.override("fr"):
        with pytest.raises(ValidationError) as raised:
            validate_single_line("a\x07")
        assert "caractères de contrôle" in raised.value.messages[0]


def test_an_email_subject_is_one_line_even_for_a_name_stored_with_a_newline(
    member, django_capture_on_commit_callbacks
):
    # Before, the newline raised BadHeaderError in the task and the e-mail was lost.
    with django_capture_on_commit_callbacks(execute=True):
        notify(member, kind="test", title="Ligue\r\nBcc: victim@example.org\x07 nouvelle")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Tandem] Ligue Bcc: victim@example.org nouvelle"
    assert mail.outbox[0].bcc == []


def test_single_line_collapses_every_break_and_control():
    assert single_line(" a\r\n b\tc\x07d\u2029e ") == "a b c d e"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1 02", "'+33 1 02"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("Ligue\x07 contre\x1b", "Ligue contre"),
        ("ligne 1\nligne 2", "ligne 1\nligne 2"),
        ("Ligue", "Ligue"),
        (2020, 2020),
        (None, None),
    ],
)
def test_every_export_cell_is_safe_for_a_spreadsheet(value, cell):
    assert spreadsheet_cell(value) == cell
    if isinstance(value, str) and "\x07" not in value:
        assert unescape_cell(cell) == value
