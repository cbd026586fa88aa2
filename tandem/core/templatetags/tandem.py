from __future__ import annotations

import re

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


# The markdown-like heading markers the text extraction puts at the start of heading lines
# (tandem.clarity.extract: "# Title", "## Subtitle").
_HEADING_MARKER = re.compile(r"^#{1,6} ", re.MULTILINE)


@register.filter
def text_pieces(text: str) -> list[tuple[bool, str]]:
    """An extracted text (or a piece of it) as (is_marker, words) pieces: templates write the
    heading markers hidden, so that readers do not see "##", while the page's text keeps them
    and offsets counted in it (passage comments) stay those of the stored text."""
    if "#" not in text:
        return [(False, text)]
    pieces: list[tuple[bool, str]] = []
    end = 0
    for match in _HEADING_MARKER.finditer(text):
        if match.start() > end:
            pieces.append((False, text[end : match.start()]))
        pieces.append((True, match.group()))
        end = match.end()
    if end < len(text):
        pieces.append((False, text[end:]))
    return pieces
