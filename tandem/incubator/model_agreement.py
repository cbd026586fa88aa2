"""The department's model partnership agreement, written as a Word template in code (so that no
binary file is committed): the demo puts it in the library, and an officer can download it,
change it in Word and upload it back as a new version."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _


def agreement_template(language: str = "fr", *, extra: str = "") -> bytes:
    """A .docx whose paragraphs hold the Jinja tags of `agreements.VARIABLES`; `extra` is one
    more paragraph (tests add a broken tag or an unknown variable with it)."""
    from docx import Document

    with translation.override(language):
        document = Document()
        document.add_heading(_("Partnership agreement"), level=1)
        document.add_paragraph("{{ project.title }}")
        document.add_heading(_("Parties"), level=2)
        document.add_paragraph(
            "{% for party in parties %}{{ party.name }} ({{ party.role }}){% if not loop.last %}; "
            "{% endif %}{% endfor %}"
        )
        document.add_paragraph(
            _("Followed by the Science and Society department") + ": {{ officer }}"
        )
        for heading, tag in (
            (_("Purpose"), "{{ project.purpose }}"),
            (_("Duration"), "{{ project.duration_months }} " + _("months")),
            (_("Data"), "{{ project.data }}"),
            (_("Publication"), "{{ project.publication }}"),
            (_("Compensation of volunteers"), "{{ project.compensation }}"),
        ):
            document.add_heading(heading, level=2)
            document.add_paragraph(tag)
        document.add_paragraph(_("Date") + ": {{ date|date }}")
        if extra:
            document.add_paragraph(extra)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
