"""A date field shows its saved date in French too: the browser's date picker takes only ISO
dates, and a French one ("15/01/2030") shows an empty field, so saving the form erased the date
(a support request's due date, an organization's approval end)."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

import tandem
from tandem.directory.tests.factories import OrganizationFactory
from tandem.incubator import services

SAVED = dt.date(2030, 1, 15)


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(tandem.__path__, "tandem."):
        name = module.name
        if ".tests" in name or ".migrations" in name or ".management" in name:
            continue
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        if origin and origin.endswith(".py") and "forms." in Path(origin).read_text():
            importlib.import_module(name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("tandem.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def test_every_date_picker_of_every_form_shows_a_saved_date_in_french():
    localised = []
    pickers = 0
    for form in _project_forms():
        for name, field in getattr(form, "base_fields", {}).items():
            if getattr(field.widget, "input_type", None) != "date":
                continue
            pickers += 1
            with translation.override("fr"):
                html = field.widget.render(name, SAVED)
            if 'value="2030-01-15"' not in html:
                localised.append(f"{form.__module__}.{form.__name__}.{name}")
    assert pickers > 10  # the walk found the project's forms
    assert localised == []


@pytest.mark.django_db
def test_the_officer_sees_the_requested_date_in_the_form_that_would_save_it(
    client, member, officer
):
    support = services.request_support(
        member, kind="training", subject="Former", description="D", due_on=SAVED
    )
    officer.language = "fr"
    officer.save(update_fields=["language"])
    client.force_login(officer)
    page = client.get(reverse("incubator:support_request", args=[support.pk]))
    assert page.status_code == 200 and "Échéance" in page.text
    assert 'name="due_on" value="2030-01-15"' in page.text


@pytest.mark.django_db
def test_the_organization_form_shows_its_approval_end(client, officer):
    organization = OrganizationFactory(approval_end=SAVED)
    officer.language = "fr"
    officer.save(update_fields=["language"])
    client.force_login(officer)
    page = client.get(reverse("directory:edit", args=[organization.pk]))
    assert page.status_code == 200
    assert 'name="approval_end" value="2030-01-15"' in page.text
