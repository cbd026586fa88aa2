"""Django's template engine, with Tandem's `i18n` library (templatetags/translations.py).

Django warns (templates.W003) when one library name stands for two modules, as `i18n` does
here on purpose: its `{% load i18n %}` loads Tandem's library, which is Django's with a cheaper
`{% translate %}`. This engine leaves out of that check this one expected pair, and only it:
any other duplicate name, or a third `i18n`, is still reported.
"""

from __future__ import annotations

from typing import Any

from django.template.backends.django import DjangoTemplates

I18N = "tandem.core.templatetags.translations"
_EXPECTED = (
    f"'i18n' is used for multiple template tag modules: 'django.templatetags.i18n', '{I18N}'"
)


class Templates(DjangoTemplates):
    def __init__(self, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        options["libraries"] = {**options.get("libraries", {}), "i18n": I18N}
        super().__init__({**params, "OPTIONS": options})

    def _check_for_template_tags_with_the_same_name(self) -> list[Any]:
        return [
            warning
            for warning in super()._check_for_template_tags_with_the_same_name()  # type: ignore[misc]  # Django 5.2 has it; its stubs do not
            if warning.msg != _EXPECTED
        ]
