from __future__ import annotations

from django import template
from django.core.paginator import Page
from django.utils.formats import number_format
from django.utils.translation import gettext

from tandem.core import cache
from tandem.core.action_labels import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    """`reviews.request.accepted` → "Request accepted" (translated)."""
    return _action_label(action)


@register.simple_tag
def versions(*kinds: str) -> str:
    """`{% versions "disease-areas" as v %}{% cache 86400 name LANGUAGE_CODE v … %}`: the
    versions of the data a fragment shows, and of the release, for its key (one cache read)."""
    return cache.versions(*kinds)


@register.simple_tag
def page_label(page: Page) -> str:
    """ "Page 3 of 4,609" with the numbers grouped as the language writes them."""
    return gettext("Page %(n)s of %(total)s") % {
        "n": number_format(page.number, 0, force_grouping=True),
        "total": number_format(page.paginator.num_pages, 0, force_grouping=True),
    }
