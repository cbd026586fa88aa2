"""The `i18n` library's cheaper `{% translate "literal" %}`: Django's answer in every form."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template import Context, Engine, Template, engines
from django.templatetags.i18n import TranslateNode
from django.utils import translation

from tandem.core.template_engine import Templates
from tandem.core.templatetags.translations import LiteralTranslateNode

# Django's own library, as a project without the setting would load it.
DJANGO = Engine(libraries={"i18n": "django.templatetags.i18n"})

CASES = [
    '{% translate "Sign out" %}',
    "{% trans 'Sign out' %}",
    '{% translate "Legal notice" as label %}[{{ label }}]',
    '{% translate "100% of <b>you</b> & me" %}',  # percent signs and markup, as Django keeps them
    '{% translate "Sign out" context "verb" %}',
    '{% translate "Sign out" noop %}',
    '{% translate "sign out"|upper %}',
    "{% translate message %}",
    "{% translate message as label %}{{ label }}",
    "{% autoescape off %}{% translate 'a < b' %}{% endautoescape %}",
]


@pytest.mark.parametrize("source", CASES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_output_is_djangos(source: str, language: str) -> None:
    context = {"message": "Legal notice <b>"}
    with translation.override(language):
        ours = Template("{% load i18n %}" + source).render(Context(context))
        theirs = DJANGO.from_string("{% load i18n %}" + source).render(Context(context))
    assert ours == theirs


def test_a_french_reader_gets_french() -> None:
    template = Template('{% load i18n %}{% translate "Sign out" %}')
    with translation.override("fr"):
        assert template.render(Context()) == "Se déconnecter"
    with translation.override("en"):  # the same compiled template, the reader's language
        assert template.render(Context()) == "Sign out"


def _nodes(source: str) -> list[type]:
    return [type(node) for node in Template("{% load i18n %}" + source).nodelist]


def test_only_a_plain_literal_takes_the_cheaper_node() -> None:
    assert LiteralTranslateNode in _nodes('{% translate "Sign out" %}')
    assert LiteralTranslateNode in _nodes('{% translate "Sign out" as label %}')
    for source in CASES[4:9]:  # context, noop, a filter, a variable: Django's node
        assert TranslateNode in _nodes(source), source


def _duplicates(libraries: dict[str, str]) -> list[str]:
    engine = Templates(
        {"NAME": "t", "DIRS": [], "APP_DIRS": False, "OPTIONS": {"libraries": libraries}}
    )
    return [warning.msg for warning in engine.check() if warning.id == "templates.W003"]


def test_the_engine_loads_this_library_as_i18n_and_reports_every_other_duplicate() -> None:
    assert _duplicates({}) == []
    assert Templates.__module__ in settings.TEMPLATES[0]["BACKEND"]
    assert isinstance(engines["django"], Templates)  # the name other libraries ask for
    reported = _duplicates({"static": "tandem.core.templatetags.links"})
    assert len(reported) == 1
    assert reported[0].startswith("'static' is used for multiple")
