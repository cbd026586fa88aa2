"""What the incubator expects at each stage of a project, and the checklist that says it is
done. Words in code (translated); a project stores the codes of the items ticked."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tandem.incubator.models import ProjectStage


@dataclass(frozen=True)
class Stage:
    code: str
    expected: str | Promise
    checklist: tuple[tuple[str, str | Promise], ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(code for code, _label in self.checklist)


STAGES: dict[str, Stage] = {
    ProjectStage.IDEA: Stage(
        ProjectStage.IDEA,
        _("The question is written down with the people it concerns; the incubator meets them."),
        (
            ("question", _("The research question is clear to patients and researchers")),
            ("partners", _("At least one organization and one researcher are involved")),
            ("meeting", _("A first meeting with the incubator took place")),
        ),
    ),
    ProjectStage.DESIGN: Stage(
        ProjectStage.DESIGN,
        _("The partners design the study together: method, roles, calendar and funding."),
        (
            ("method", _("The method is chosen with the organizations")),
            ("roles", _("Everyone's role is written down")),
            ("funding", _("The funding is found or asked for")),
            ("ethics", _("The ethical and regulatory steps are known")),
        ),
    ),
    ProjectStage.AGREEMENT: Stage(
        ProjectStage.AGREEMENT,
        _("A partnership agreement states purpose, duration, data, publication and compensation."),
        (
            ("drafted", _("The agreement is generated and read by every party")),
            ("signed", _("Every party has signed")),
            ("stored", _("The signed copy is stored")),
        ),
    ),
    ProjectStage.RUNNING: Stage(
        ProjectStage.RUNNING,
        _("The study runs; the partners meet and the volunteers' time is recorded."),
        (
            ("started", _("The study has started")),
            ("meetings", _("Follow-up meetings are planned")),
            ("contributions", _("Volunteers' contributions are recorded")),
        ),
    ),
    ProjectStage.RESULTS_SHARED: Stage(
        ProjectStage.RESULTS_SHARED,
        _("The results are shared with the participants and the public, in plain words."),
        (
            ("participants", _("The results are sent to the participants")),
            ("plain", _("A plain-language summary is published")),
        ),
    ),
    ProjectStage.CLOSED: Stage(
        ProjectStage.CLOSED,
        _("The project is over; what was learnt is kept for the next ones."),
        (("lessons", _("What was learnt is written down")),),
    ),
}


def missing_items(stage: str, done: list[str]) -> list[str]:
    """The labels of the stage's checklist items not ticked."""
    return [str(label) for code, label in STAGES[stage].checklist if code not in done]
