"""Characters that have no place in what people type: one rule for every app.

A name or a title is one line: no control character, no line or paragraph separator, no
bidirectional override (which can make a name read backwards on screen). A longer text (a
description, a comment) may keep its line breaks and tabs, nothing else of the kind. A BEL in a
name broke the XLSX export and a newline lost an e-mail (its subject is a header), so they are
refused where they are typed, with a message that says what to remove."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\n\r\t")


def is_forbidden(char: str, *, multiline: bool = False) -> bool:
    """True for a control character (Unicode Cc), a line or paragraph separator and a
    bidirectional control; with ``multiline``, newline, carriage return and tab are allowed."""
    if multiline and char in _LINE_BREAKS:
        return False
    return unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS


def strip_forbidden(value: str, *, multiline: bool = False) -> str:
    """``value`` without the characters `is_forbidden` names (for text that was stored before
    the rule, or that comes from elsewhere: exports, e-mail subjects, file names)."""
    return "".join(ch for ch in value if not is_forbidden(ch, multiline=multiline))


def single_line(value: str) -> str:
    """One line, safe for a header such as an e-mail subject: every line break or other
    control character becomes a space, runs of spaces one space."""
    return " ".join(
        "".join(" " if is_forbidden(ch) or ch in _LINE_BREAKS else ch for ch in value).split()
    )


@deconstructible
class NoControlCharacters:
    """Refuse control characters in a name or a title (``multiline=False``) or in a longer text
    that may keep its line breaks and tabs (``multiline=True``)."""

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        if not isinstance(value, str):
            return
        found = sorted({ch for ch in value if is_forbidden(ch, multiline=self.multiline)})
        if not found:
            return
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in found)
        if self.multiline:
            message = _(
                "This text contains invisible control characters (%(chars)s). Remove them, for example by typing the text again instead of pasting it."
            )
        else:
            message = _(
                "This must be one line without invisible control characters (found: %(chars)s). Remove line breaks and tabs, for example by typing it again instead of pasting it."
            )
        raise ValidationError(message, code="control_characters", params={"chars": shown})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash(("NoControlCharacters", self.multiline))


validate_single_line = NoControlCharacters()
validate_text = NoControlCharacters(multiline=True)


# Digits with the usual separators, a leading + for an international number.
_PHONE_SIGNS = frozenset("0123456789 .-()")


def validate_phone(value: str) -> None:
    """A phone number as people write it: digits, spaces, dots, dashes and brackets, a leading
    +, and 6 to 20 digits in all; an empty value is left to the field's `required`."""
    text = value.strip()
    if not text:
        return
    body = text.removeprefix("+")
    digits = sum(ch.isascii() and ch.isdigit() for ch in body)
    if not set(body) <= _PHONE_SIGNS or not 6 <= digits <= 20:
        raise ValidationError(
            _(
                "Enter a phone number: 6 to 20 digits, which may be separated by spaces, dots,"
                " dashes or brackets, with a + in front for an international number."
            ),
            code="invalid_phone",
        )
