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
# (tandem.clarity.extract: "# Title", "## Subtitle"), and the rest of the heading's line.
_HEADING = re.compile(r"^(#{1,6} )([^\n]*)", re.MULTILINE)


@register.filter
def text_pieces(text: str) -> list[tuple[str, str]]:
    """An extracted text (or a piece of it) as (kind, words) pieces: "marker" for a heading's
    "#" marks, which templates write hidden (the page's text keeps them, so that offsets
    counted in it, for passage comments, stay those of the stored text), "heading" for the
    heading's words, which they write in bold, "" for the rest."""
    if "#" not in text:
        return [("", text)]
    pieces: list[tuple[str, str]] = []
    end = 0
    for match in _HEADING.finditer(text):
        if match.start() > end:
            pieces.append(("", text[end : match.start()]))
        pieces.append(("marker", match.group(1)))
        if match.group(2):
            pieces.append(("heading", match.group(2)))
        end = match.end()
    if end < len(text):
        pieces.append(("", text[end:]))
    return pieces
