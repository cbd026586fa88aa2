"""The involvement of an organization as documents, made by `tandem.documents`: DOCX from the
Word template reporting/involvement.docx (written by scripts/make_involvement_template.py) and
tagged PDF from reporting/involvement_print.html, the print variant of the page. Both in the
reader's language; the same files for the page and the API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.formatting import local_date
from tandem.documents import document_response, render_docx, render_pdf
from tandem.reporting.involvement import Involvement


def title_of(involvement: Involvement) -> str:
    if involvement.year is None:
        return _("Involvement of %(organization)s") % {"organization": involvement.organization}
    return _("Involvement of %(organization)s in %(year)s") % {
        "organization": involvement.organization,
        "year": involvement.year,
    }


def _number(value: Decimal) -> str:
    """4.5 hours as the reader writes it ("4,5" in French), without a useless ",0"."""
    return formats.number_format(value.normalize() if value == value.to_integral() else value)


def _people(names: list[str]) -> str:
    return ", ".join(names)


def word_context(involvement: Involvement) -> dict[str, Any]:
    """What the Word document says, as plain translated text (the sandbox gets no model)."""
    inv = involvement
    sections = [
        {
            "title": _("Participatory projects"),
            "empty": _("No participatory project yet."),
            "lines": [
                _("%(title)s — stage: %(stage)s; hours given by members: %(hours)s")
                % {"title": p.title, "stage": p.stage_label, "hours": _number(p.member_hours)}
                for p in inv.projects
            ],
        },
        {
            "title": _("Reviews for the College of Reviewers"),
            "empty": _("No review sent by a member."),
            "lines": [
                _("%(date)s — %(reviewer)s (%(category)s)")
                % {"date": local_date(r.sent_on), "reviewer": r.reviewer, "category": r.category}
                for r in inv.reviews
            ],
        },
        {
            "title": _("Trainings attended"),
            "empty": _("No training attended by a member."),
            "lines": [
                _("%(date)s — %(title)s: %(people)s")
                % {
                    "date": local_date(e.starts_on),
                    "title": e.title,
                    "people": _people(e.attendees),
                }
                for e in inv.trainings
            ],
        },
        {
            "title": _("Events attended"),
            "empty": _("No event attended by a member."),
            "lines": [
                _("%(date)s — %(title)s (%(kind)s): %(people)s")
                % {
                    "date": local_date(e.starts_on),
                    "title": e.title,
                    "kind": e.kind_label,
                    "people": _people(e.attendees),
                }
                for e in inv.events
            ],
        },
        {
            "title": _("Seats in the GRAM"),
            "empty": _("No seat in the GRAM."),
            "lines": [
                _("%(person)s — %(college)s, %(role)s, from %(start)s to %(end)s")
                % {
                    "person": s.person,
                    "college": s.college,
                    "role": s.role,
                    "start": local_date(s.start),
                    "end": local_date(s.end),
                }
                for s in inv.seats
            ],
        },
    ]
    return {
        "title": title_of(inv),
        "summary_title": _("In short"),
        "summary": summary_lines(inv),
        "sections": sections,
        "issued": _("Made by Tandem on %(date)s.") % {"date": local_date(timezone.localdate())},
    }


def summary_lines(inv: Involvement) -> list[str]:
    return [
        _("Participatory projects: %(n)s") % {"n": len(inv.projects)},
        _("Hours given to projects by members: %(n)s") % {"n": _number(inv.member_hours)},
        _("Reviews sent: %(n)s, by %(people)s reviewers")
        % {"n": len(inv.reviews), "people": inv.reviewers},
        _("Members trained: %(n)s") % {"n": inv.people_trained},
        _("Attendances at trainings and events: %(n)s") % {"n": inv.attendances},
        _("Current seats in the GRAM: %(n)s") % {"n": inv.current_seats},
    ]


def involvement_docx(involvement: Involvement, *, language: str | None = None) -> bytes:
    language = language or translation.get_language()
    with translation.override(language):
        values = word_context(involvement)
    return render_docx(
        "reporting/involvement.docx", values, language=language, title=values["title"]
    )


def involvement_pdf(involvement: Involvement, *, language: str | None = None) -> bytes:
    language = language or translation.get_language()
    with translation.override(language):
        context = {
            "inv": involvement,
            "title": title_of(involvement),
            "summary": summary_lines(involvement),
            "printed": True,
        }
    return render_pdf("reporting/involvement_print.html", context, language=language)


def involvement_response(involvement: Involvement, extension: str, *, by: User) -> HttpResponse:
    """The involvement as `docx` or `pdf`, for the page and the API alike: logged on the
    organization (`reporting.involvement.downloaded`, with the format and the year)."""
    make = involvement_docx if extension == "docx" else involvement_pdf
    name = _("involvement-%(organization)s") % {"organization": involvement.organization.pk}
    if involvement.year is not None:
        name = f"{name}-{involvement.year}"
    response = document_response(make(involvement), f"{name}.{extension}")
    log_action(
        involvement.organization,
        "reporting.involvement.downloaded",
        by=by,
        data={"format": extension, "year": involvement.year},
    )
    return response
