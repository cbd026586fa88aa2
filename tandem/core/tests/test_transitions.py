"""The one transition mechanism: a workflow's table, applied by one helper, asked by predicates;
and every workflow of the project declared through it."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tandem.core.errors import TransitionNotAllowed
from tandem.core.transitions import Workflow


class Light(models.TextChoices):
    GREEN = "green", _("Active")
    AMBER = "amber", _("Draft")
    RED = "red", _("Sent")


LIGHTS = Workflow(
    states=Light,
    table={Light.GREEN: {Light.AMBER}, Light.AMBER: {Light.RED}, Light.RED: set()},
    message=_("This request cannot go from “%(from)s” to “%(to)s”."),
    field="colour",
    code="light",
    messages={Light.RED: _("This report is already sent.")},
)


def test_apply_moves_along_the_table():
    light = SimpleNamespace(colour=Light.GREEN)
    assert LIGHTS.allowed_targets(light) == {Light.AMBER}
    assert LIGHTS.can(light, Light.AMBER) and not LIGHTS.can(light, Light.RED)
    LIGHTS.apply(light, Light.AMBER)
    assert light.colour == Light.AMBER


def test_a_forbidden_move_raises_with_the_labels_and_changes_nothing():
    light = SimpleNamespace(colour=Light.GREEN)
    with pytest.raises(TransitionNotAllowed) as error:
        LIGHTS.apply(light, Light.RED)
    assert str(error.value) == "This request cannot go from “Active” to “Sent”."
    assert error.value.code == "light"
    assert light.colour == Light.GREEN


def test_the_message_is_translated_and_a_state_may_have_its_own():
    with translation.override("fr"), pytest.raises(TransitionNotAllowed) as error:
        LIGHTS.check(Light.GREEN, Light.RED)
    assert "“Active”" not in str(error.value)  # the labels are French too
    with pytest.raises(TransitionNotAllowed, match="already sent"):
        LIGHTS.apply(SimpleNamespace(colour=Light.RED), Light.GREEN)


def test_an_unknown_target_is_refused_by_name():
    with pytest.raises(TransitionNotAllowed, match="“nowhere”"):
        LIGHTS.check(Light.GREEN, "nowhere")


def test_a_table_must_name_every_state_and_only_states():
    with pytest.raises(ValueError):
        Workflow(states=Light, table={Light.GREEN: {Light.AMBER}}, message="x")
    with pytest.raises(ValueError):
        Workflow(
            states=Light,
            table={Light.GREEN: {"blue"}, Light.AMBER: set(), Light.RED: set()},
            message="x",
        )


TANDEM = Path(__file__).resolve().parents[2]
WORKFLOW_FIELDS = {"status", "state", "analysis_status"}


def _direct_moves(path: Path) -> list[str]:
    """`x.status = …` in a services module, but for a re-read (`x.status = current.status`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr in WORKFLOW_FIELDS
                and not (isinstance(node.value, ast.Attribute) and node.value.attr == target.attr)
            ):
                found.append(f"{path.relative_to(TANDEM)}:{node.lineno}")
    return found


def test_services_move_workflows_only_through_their_workflow():
    services = [*TANDEM.glob("*/services.py"), *TANDEM.glob("*/services/*.py")]
    assert services
    assert [m for path in services for m in _direct_moves(path)] == []
