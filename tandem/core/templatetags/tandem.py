from __future__ import annotations

from django import template
from django.core.paginator import Page
from django.template.base import FilterExpression
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from tandem.core.action_labels import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    """`reviews.request.accepted` → "Request accepted" (translated)."""
    return _action_label(action)


# Rendered blocks of {% memo %}, by name and keys; emptied when full.
_MEMO: dict[tuple[str, ...], SafeString] = {}
MEMO_MAX = 1024


class MemoNode(template.Node):
    # Its content is not searched for blocks: the root template's blocks are looked for on
    # every page, through every node (about a tenth of the layout's time). A memo block
    # holds no {% block %}.
    child_nodelists = ()

    def __init__(self, nodelist: template.NodeList, name: str, keys: list[FilterExpression]):
        self.nodelist, self.name, self.keys = nodelist, name, keys

    def render(self, context: template.Context) -> SafeString:
        key = (self.name, *(str(k.resolve(context)) for k in self.keys))
        written = _MEMO.get(key)
        if written is None:
            if len(_MEMO) >= MEMO_MAX:
                _MEMO.clear()
            written = _MEMO[key] = mark_safe(self.nodelist.render(context))  # rendered output
        return written


@register.tag
def memo(parser: template.base.Parser, token: template.base.Token) -> MemoNode:
    """`{% memo name key… %}…{% endmemo %}`: the block is rendered once per process for each
    set of keys, then reused. Only for what depends on the keys alone and on what changes with
    a deployment (templates, translations, URLs, the roles' permissions), so the language is
    always a key. Cheaper than `{% cache %}`, which reads the cache backend on every page (a
    network round trip with Redis), and the parts of the page layout it holds cost about
    0.5 ms of every page."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'memo' needs a name, then its keys")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag
def page_label(page: Page) -> str:
    """ "Page 3 of 4,609" with the numbers grouped as the language writes them."""
    return gettext("Page %(n)s of %(total)s") % {
        "n": number_format(page.number, 0, force_grouping=True),
        "total": number_format(page.paginator.num_pages, 0, force_grouping=True),
    }
