from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is always ISO (YYYY-MM-DD), whatever the language:
    a localised value ("01/02/2028") would show an empty field and lose the saved date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


@dataclass(frozen=True)
class ChooserOption:
    """One choice of a chooser: its value, its words, and a code shown beside them (an ICD-10
    code, an acronym), indented by `depth` under the option above it; `keywords` are not shown
    but found by the filter box."""

    value: str
    label: str
    code: str = ""
    depth: int = 0
    keywords: str = ""  # other words the filter box finds it by (synonyms, other language)


@dataclass(frozen=True)
class ChooserGroup:
    label: str  # the group's legend; "" for a list without groups
    options: list[ChooserOption] = field(default_factory=list)


class Chooser(forms.CheckboxSelectMultiple):
    """A long list (disease areas, organizations) chosen with checkboxes grouped in fieldsets:
    no Ctrl-click, usable with the keyboard, on a phone and without JavaScript. static/js/tandem.js
    adds a filter box (the fieldset's `[data-chooser-filter]`) and keeps the summary of what is
    chosen up to date. field.html puts it in a fieldset with the field's label (`grouped`).

    The groups come from the field's choices (grouped choices give one fieldset per group);
    subclasses give richer options (codes, depth) by overriding `chooser_groups`. The options are
    written by one template loop, not one template per option."""

    grouped = True
    template_name = "core/widgets/chooser.html"

    def chooser_groups(self) -> list[ChooserGroup]:
        loose: list[ChooserOption] = []
        groups: list[ChooserGroup] = []
        for value, label in self.choices:
            if isinstance(label, list | tuple):
                options = [ChooserOption(str(v), str(text)) for v, text in label]
                groups.append(ChooserGroup(str(value), options))
            elif str(value) != "":
                loose.append(ChooserOption(str(value), str(label)))
        return ([ChooserGroup("", loose)] if loose else []) + groups

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # The choice widget's own context would build a dict per option (and run a model
        # field's query once more): the chooser's template needs only the groups.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = {str(item) for item in context["widget"]["value"]}
        prefix = context["widget"]["attrs"].get("id") or f"id_{name}"
        groups = []
        summary = []
        for group in self.chooser_groups():
            options = []
            for option in group.options:
                checked = option.value in chosen
                if checked:
                    summary.append(option)
                options.append(
                    {"option": option, "checked": checked, "id": f"{prefix}_{option.value}"}
                )
            groups.append({"label": group.label, "options": options})
        context["widget"].update({"groups": groups, "chosen": summary, "id_prefix": prefix})
        return context


class UncutTextInput(forms.TextInput):
    """A one-line text box that does not stop typing at the field's maximum length: the browser
    would silently cut a pasted title. The form refuses a text that is too long with a message
    that gives both lengths, and the page shows the text as it was typed."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("maxlength", None)
        return context
