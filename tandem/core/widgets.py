from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO (YYYY-MM-DD), whatever the language:
    a localised value ("01/02/2028") would show an empty field and lose the saved date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
