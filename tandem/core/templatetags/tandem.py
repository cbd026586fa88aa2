from __future__ import annotations

from django import template

from tandem.core.action_labels import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    """`reviews.request.accepted` → "Request accepted" (translated)."""
    return _action_label(action)
