"""Identifiers of French organizations and researchers (DOMAIN.md "Organizations in France").

Each validator raises a translated ValidationError that shows the expected format."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RNA_RE = re.compile(r"^W\d{9}$")
SIREN_RE = re.compile(r"^\d{9}$")
SIRET_RE = re.compile(r"^\d{14}$")
ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
UNIT_CODE_RE = re.compile(r"^(U|UMR|UMR-S|UMS|ERL|CIC|US)\s?\d{2,4}$")

# La Poste's establishments share one SIREN and use a different SIRET check (sum of digits).
LA_POSTE_SIREN = "356000000"


def compact(value: str) -> str:
    """Drop the spaces, dots and dashes people type in identifiers."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def orcid_check_digit(base: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 15 digits of an ORCID iD."""
    total = 0
    for char in base:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def validate_rna(value: str) -> None:
    if not RNA_RE.match(value):
        raise ValidationError(
            _("Enter an RNA number: the letter W followed by 9 digits, for example W751234567."),
            code="rna_format",
        )


def validate_siren(value: str) -> None:
    if not SIREN_RE.match(value):
        raise ValidationError(
            _("Enter a SIREN number: 9 digits, for example 775 672 272."), code="siren_format"
        )
    if not luhn_ok(value):
        raise ValidationError(
            _(
                "This SIREN number is not valid: its last digit does not match (Luhn check). Check for a typing error."
            ),
            code="siren_checksum",
        )


def validate_siret(value: str) -> None:
    if not SIRET_RE.match(value):
        raise ValidationError(
            _(
                "Enter a SIRET number: 14 digits (the SIREN then 5 digits), for example 775 672 272 00011."
            ),
            code="siret_format",
        )
    if value.startswith(LA_POSTE_SIREN):
        valid = sum(int(c) for c in value) % 5 == 0
    else:
        valid = luhn_ok(value)
    if not valid:
        raise ValidationError(
            _(
                "This SIRET number is not valid: its last digit does not match (Luhn check). Check for a typing error."
            ),
            code="siret_checksum",
        )


def normalize_orcid(value: str) -> str:
    raw = re.sub(r"^https?://orcid\.org/", "", (value or "").strip(), flags=re.IGNORECASE)
    digits = re.sub(r"[\s\-]", "", raw).upper()
    if re.fullmatch(r"\d{15}[\dX]", digits):
        return "-".join(digits[i : i + 4] for i in range(0, 16, 4))
    return raw


def validate_orcid(value: str) -> None:
    if not ORCID_RE.match(value):
        raise ValidationError(
            _(
                "Enter an ORCID iD: 16 characters in groups of four, for example 0000-0002-1825-0097."
            ),
            code="orcid_format",
        )
    digits = value.replace("-", "")
    if orcid_check_digit(digits[:15]) != digits[15]:
        raise ValidationError(
            _(
                "This ORCID iD is not valid: its last character does not match (check digit). Check for a typing error."
            ),
            code="orcid_checksum",
        )


def unit_code(value: str) -> str:
    """A unit code as stored: capitals, single spaces ("umr  1234" is "UMR 1234"); the form and
    the API both write it so."""
    return " ".join(value.upper().split())


def validate_unit_code(value: str) -> None:
    if not UNIT_CODE_RE.match(value):
        raise ValidationError(
            _("Enter a unit code such as U1234 (or UMR 1234, UMS 12, CIC 1401)."),
            code="unit_code_format",
        )
