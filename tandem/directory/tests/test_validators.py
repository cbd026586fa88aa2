from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tandem.directory.validators import (
    compact,
    normalize_orcid,
    validate_orcid,
    validate_rna,
    validate_siren,
    validate_siret,
    validate_unit_code,
)


@pytest.mark.parametrize("value", ["W751234567", "W131000123"])
def test_rna_accepts_w_and_nine_digits(value):
    validate_rna(value)


@pytest.mark.parametrize("value", ["751234567", "W75123456", "W7512345678", "X751234567"])
def test_rna_refuses_other_shapes_and_shows_the_format(value):
    with pytest.raises(ValidationError) as exc:
        validate_rna(value)
    assert "W751234567" in str(exc.value)


def test_siren_with_a_valid_luhn_check_digit_passes():
    validate_siren("775672272")
    validate_siren("732829320")


def test_siren_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as exc:
        validate_siren("775672273")
    assert exc.value.code == "siren_checksum"


def test_siren_of_the_wrong_length_shows_the_format():
    with pytest.raises(ValidationError) as exc:
        validate_siren("12345678")
    assert exc.value.code == "siren_format"


def test_siret_uses_the_luhn_check_too():
    validate_siret("73282932000074")
    with pytest.raises(ValidationError) as exc:
        validate_siret("73282932000075")
    assert exc.value.code == "siret_checksum"


def test_la_poste_siret_uses_the_sum_of_digits_rule():
    validate_siret("35600000000042")  # digits sum to 20, a multiple of 5


def test_people_may_type_spaces_and_dots_in_identifiers():
    assert compact("775 672.272") == "775672272"


def test_orcid_check_digit_is_verified():
    validate_orcid("0000-0002-1825-0097")
    validate_orcid("0000-0002-1694-233X")
    with pytest.raises(ValidationError) as exc:
        validate_orcid("0000-0002-1825-0098")
    assert exc.value.code == "orcid_checksum"


def test_orcid_of_the_wrong_shape_shows_the_format():
    with pytest.raises(ValidationError) as exc:
        validate_orcid("1234")
    assert "0000-0002-1825-0097" in str(exc.value)


def test_orcid_urls_and_bare_digits_are_normalized():
    assert normalize_orcid("https://orcid.org/0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert normalize_orcid("000000021825009 7") == "0000-0002-1825-0097"


@pytest.mark.parametrize("value", ["U1234", "UMR 1234", "UMS 12", "CIC 1401"])
def test_unit_codes(value):
    validate_unit_code(value)


def test_unit_code_without_a_number_is_refused():
    with pytest.raises(ValidationError):
        validate_unit_code("Unit")
