"""DOCX from Word templates: docxtpl fills a `.docx` that staff can edit in Word, with Jinja
in its immutable sandbox and XML autoescaping.

A Word template lives beside the module's HTML templates (`<app>/templates/<app>/<name>.docx`)
and is found the way Django finds a template. It holds Jinja tags in its text; every word
shown comes from the context (translated in Python, so `make messages` sees it)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.template import TemplateDoesNotExist, engines
from django.utils import formats, translation
from django.utils._os import safe_join
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tandem.core.validators import strip_forbidden


def _finalize(value: Any) -> Any:
    # Word's XML cannot hold control characters: text stored before they were refused would
    # make the document unreadable.
    return strip_forbidden(value, multiline=True) if isinstance(value, str) else value


def _date(value: Any, format_name: str = "DATE_FORMAT") -> str:
    """A date (or datetime) in the format of the language being rendered."""
    return formats.date_format(value, format_name) if value else ""


def jinja_environment() -> ImmutableSandboxedEnvironment:
    """The sandbox every Word template is rendered in: no `__class__` or other internal
    attribute, no method that alters data (Django's `alters_data`), no change to the context's
    lists and dicts, and an error on a misspelt variable rather than an empty hole."""
    env = ImmutableSandboxedEnvironment(
        autoescape=True, undefined=StrictUndefined, finalize=_finalize
    )
    env.filters["date"] = _date
    return env


def find_template(template_name: str) -> Path:
    """The Word template's file, looked up in the template folders, apps' ones included."""
    for engine in engines.all():
        for folder in engine.template_dirs:  # type: ignore[attr-defined]
            try:
                path = Path(safe_join(str(folder), template_name))
            except SuspiciousFileOperation:  # outside the folder
                continue
            if path.is_file():
                return path
    raise TemplateDoesNotExist(template_name)


def _set_language(document: Any, language: str) -> None:
    """The document's language (core properties and the default of its runs), so that Word
    checks the spelling and screen readers speak in it."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document.core_properties.language = language
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    run_properties = run_defaults.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPr")
        run_defaults.append(run_properties)
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def render_docx(
    template_name: str,
    context: Mapping[str, Any],
    *,
    language: str,
    title: str = "",
) -> bytes:
    """The Word template filled with `context`, in `language` (lazy strings and dates are
    rendered in it). Raises `jinja2.exceptions.SecurityError` when the template reaches for
    what the sandbox refuses."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(find_template(template_name))
    with translation.override(language):
        template.render(dict(context), jinja_env=jinja_environment(), autoescape=True)
        if title:
            template.docx.core_properties.title = strip_forbidden(str(title))
    _set_language(template.docx, language)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
