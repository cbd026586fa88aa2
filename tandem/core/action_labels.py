"""Plain words for the dotted action names of the action log, shown in history panels.

Each app names its own actions in its `action_labels.py` with `register_action_labels({...})`;
core imports those modules at start-up (`CoreConfig.ready`, through the app registry), so that
core never imports an app."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise

_labels: dict[str, str | Promise] = {}


def register_action_labels(labels: Mapping[str, str | Promise]) -> None:
    """Name some actions (`"app.subject.verb": gettext_lazy("…")`); a name is given once."""
    taken = sorted(set(labels) & set(_labels))
    if taken:
        raise ValueError(f"Action labels registered twice: {', '.join(taken)}")
    _labels.update(labels)


def action_label(action: str) -> str:
    label = _labels.get(action)
    if label is not None:
        return str(label)
    # An action nobody named yet: its last two words, readable.
    parts = action.split(".")
    subject = parts[-2] if len(parts) > 1 else parts[0]
    return f"{subject.replace('_', ' ').capitalize()} — {parts[-1].replace('_', ' ')}"


def named_actions() -> dict[str, str]:
    """Every named action, code → words, in the current language."""
    return {code: str(label) for code, label in _labels.items()}
