"""Forms of core's own pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from tandem.core.action_labels import named_actions

SIGN_IN = "accounts.login"


def _module_label(module: str) -> str:
    try:
        return str(apps.get_app_config(module).verbose_name)
    except LookupError:
        return module


class ActionLogFilterForm(forms.Form):
    """The activity log's filter: a module and an action chosen in words, never typed codes;
    sign-ins, the bulk of the log, hidden unless asked for."""

    module = forms.ChoiceField(label=_("Module"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    sign_ins = forms.BooleanField(label=_("Show sign-ins"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = named_actions()
        by_module: dict[str, list[tuple[str, str]]] = {}
        for code, label in actions.items():
            by_module.setdefault(code.split(".", 1)[0], []).append((code, label))
        modules = sorted(by_module, key=lambda m: _module_label(m).casefold())
        module_field = self.fields["module"]
        action_field = self.fields["action"]
        assert isinstance(module_field, forms.ChoiceField)
        assert isinstance(action_field, forms.ChoiceField)
        module_field.choices = [("", _("All modules"))] + [(m, _module_label(m)) for m in modules]
        action_field.choices = [("", _("All actions"))] + [
            (_module_label(m), sorted(by_module[m], key=lambda c: c[1].casefold())) for m in modules
        ]

    def filter(self, qs: Any) -> Any:
        """The entries the filter keeps; an invalid choice filters nothing out but sign-ins."""
        data = self.cleaned_data if self.is_valid() else {}
        module, action = data.get("module"), data.get("action")
        if module:
            qs = qs.filter(action__startswith=f"{module}.")
        if action:
            qs = qs.filter(action=action)
        if not data.get("sign_ins") and action != SIGN_IN:
            qs = qs.exclude(action=SIGN_IN)
        return qs
