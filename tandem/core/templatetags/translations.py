"""Django's `i18n` library with a cheaper `{% translate "literal" %}`.

Django's tag turns even a constant message into a lazy translation object, then asks that
object whether it is a string, a date, a number and safe HTML before it finally translates it
(about three quarters of the tag's time; the page skeleton alone holds some thirty of them).
For the common form, a quoted message with no filter, no `noop` and no `context`, this node
calls `gettext` at render time, in the reader's language, and returns what Django's node
returns: the translation, marked safe as Django marks a template's own literals, with its
doubled percent signs restored. Every other form, and every other tag and filter of the
library, is Django's own. Installed in the settings under the name `i18n`, so that
`{% load i18n %}` loads it and templates do not change.
"""

from __future__ import annotations

from django import template
from django.template import Variable
from django.template.base import Node, Parser, Token
from django.templatetags import i18n as django_i18n
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


class LiteralTranslateNode(Node):
    child_nodelists = ()

    def __init__(self, message: str, asvar: str | None) -> None:
        # As Django's `Variable`: the percent signs doubled, as `makemessages` extracted them.
        # Marked safe as Django marks it, so that `gettext` marks the translation safe too.
        self.message = mark_safe(message.replace("%", "%%"))  # noqa: S308 - the template's own text
        self.asvar = asvar

    def render(self, context: template.Context) -> str:
        # The translation of the template's own text, written by the project: Django's node
        # does not escape it either.
        value = mark_safe(gettext(self.message).replace("%%", "%"))  # noqa: S308
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


def _translate(parser: Parser, token: Token) -> Node:
    node = django_i18n.do_translate(parser, token)
    expression = node.filter_expression
    variable = expression.var
    if (
        not node.noop
        and node.message_context is None
        and not expression.filters
        and isinstance(variable, Variable)
        and variable.lookups is None
        and isinstance(variable.literal, SafeString)
    ):
        return LiteralTranslateNode(str(variable.literal), node.asvar)
    return node


register.tag("translate", _translate)
register.tag("trans", _translate)
