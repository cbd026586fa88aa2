"""Partnership agreements from Word templates that officers upload to the resource library.

A template is a `.docx` holding Jinja tags (`{{ project.title }}`, `{% for party in parties %}`)
filled by docxtpl in the sandbox of `tandem.documents` (`jinja_environment`: immutable,
autoescaped, an error on an unknown variable). A template is tried when it is uploaded, with
sample data of the same shape as a project's, so that a misspelt variable or a broken tag is
refused then, with the variable's name or the paragraph's text, rather than on the day an
officer needs the agreement."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from tandem.core.errors import DomainError
from tandem.core.validators import strip_forbidden
from tandem.documents.word import jinja_environment
from tandem.incubator.models import Project

# The variables a template may use, documented for officers (docs/incubator.md).
VARIABLES = (
    "project.title",
    "project.question",
    "project.why_it_matters",
    "project.purpose",
    "project.duration_months",
    "project.data",
    "project.publication",
    "project.compensation",
    "project.disease_areas",
    "parties",
    "party.name",
    "party.role",
    "officer",
    "institute",
    "regional_office",
    "date",
)

# What an agreement cannot be generated without: (field, label).
REQUIRED = (
    ("title", gettext_lazy("the project's title")),
    ("purpose", gettext_lazy("the purpose of the partnership")),
    ("duration_months", gettext_lazy("the duration")),
    ("data_handling", gettext_lazy("what data is collected and who holds it")),
    ("publication", gettext_lazy("how the results are published")),
    ("volunteer_compensation", gettext_lazy("the compensation of volunteers")),
)


class TemplateProblem(DomainError):
    """A template that cannot be filled: a variable Tandem does not know, a broken tag."""


def missing_data(project: Project) -> list[str]:
    """What the project lacks for an agreement, in words (empty when nothing is missing)."""
    missing = [str(label) for field, label in REQUIRED if not getattr(project, field)]
    if not project.organizations.exists():
        missing.append(_("at least one organization involved"))
    if not project.researchers.exists() and not project.units.exists():
        missing.append(_("at least one researcher or research unit involved"))
    return missing


def agreement_context(project: Project) -> dict[str, Any]:
    """The values a template is filled with, from the project's data."""
    parties = [
        {"name": str(o), "role": _("Partner organization")} for o in project.organizations.all()
    ]
    parties += [{"name": str(u), "role": _("Research unit")} for u in project.units.all()]
    parties += [
        {"name": r.get_full_name() or r.email, "role": _("Researcher")}
        for r in project.researchers.all()
    ]
    return {
        "project": {
            "title": project.title,
            "question": project.question,
            "why_it_matters": project.why_it_matters,
            "purpose": project.purpose,
            "duration_months": project.duration_months,
            "data": project.data_handling,
            "publication": project.publication,
            "compensation": project.volunteer_compensation,
            "disease_areas": [str(a) for a in project.disease_areas.all()],
        },
        "parties": parties,
        "officer": (project.officer.get_full_name() or project.officer.email)
        if project.officer
        else "",
        "institute": str(project.institute) if project.institute else "",
        "regional_office": str(project.regional_office) if project.regional_office else "",
        "date": timezone.localdate(),
    }


def sample_context() -> dict[str, Any]:
    """Values of the same shape as `agreement_context`'s, to try a template on upload."""
    return {
        "project": {
            "title": "Sample",
            "question": "Sample",
            "why_it_matters": "Sample",
            "purpose": "Sample",
            "duration_months": 12,
            "data": "Sample",
            "publication": "Sample",
            "compensation": "Sample",
            "disease_areas": ["Sample"],
        },
        "parties": [{"name": "Sample", "role": "Sample"}],
        "officer": "Sample",
        "institute": "Sample",
        "regional_office": "Sample",
        "date": dt.date(2026, 1, 1),
    }


_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def _problem(exc: Exception) -> TemplateProblem:
    """A translated message that names the variable or shows the paragraph at fault."""
    if isinstance(exc, UndefinedError):
        found = _UNDEFINED.search(str(exc))
        name = next((g for g in found.groups() if g), "") if found else str(exc)
        return TemplateProblem(
            _(
                "The template uses the variable “%(name)s”, which Tandem does not know. "
                "Known variables: %(known)s."
            )
            % {"name": name, "known": ", ".join(VARIABLES)},
            code="undefined_variable",
        )
    if isinstance(exc, SecurityError):
        return TemplateProblem(
            _("The template tries something that is not allowed: %(detail)s")
            % {"detail": strip_forbidden(str(exc))},
            code="unsafe_template",
        )
    lines = [line.strip() for line in getattr(exc, "docx_context", [])]
    near = lines[3] if len(lines) > 3 else " ".join(lines)
    lineno = getattr(exc, "lineno", None)
    return TemplateProblem(
        _("The template has a broken tag near paragraph %(line)s (“%(text)s”): %(detail)s")
        % {
            "line": max((lineno or 1) - 1, 1),
            "text": strip_forbidden(near)[:200],
            "detail": strip_forbidden(getattr(exc, "message", None) or str(exc)),
        },
        code="template_syntax",
    )


def render(data: bytes, context: dict[str, Any], *, language: str) -> bytes:
    """The Word template `data` filled with `context` in `language`, or TemplateProblem."""
    from django.utils import translation
    from docxtpl import DocxTemplate

    try:
        template = DocxTemplate(io.BytesIO(data))
        with translation.override(language):
            template.render(context, jinja_env=jinja_environment(), autoescape=True)
    except (TemplateSyntaxError, UndefinedError, SecurityError) as exc:
        raise _problem(exc) from exc
    except TemplateError as exc:
        raise _problem(exc) from exc
    template.docx.core_properties.language = language
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def check_template(data: bytes) -> None:
    """Refuse (TemplateProblem) a template that the sample data cannot fill."""
    render(data, sample_context(), language="fr")
