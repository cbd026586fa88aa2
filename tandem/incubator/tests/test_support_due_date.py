"""A support request's date is one to come: asked by the page or the API (the same
service), and when an officer sets it; a late request keeps its date when its owner changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.accounts import services as accounts
from tandem.incubator import services
from tandem.incubator.models import SupportRequest

pytestmark = pytest.mark.django_db
PAST = "2020-01-01"
MESSAGE = "The deadline must be a date to come."


def _auth(user):
    return {"Authorization": f"Bearer {accounts.create_api_token(user, name='t')[1]}"}


def test_the_page_refuses_a_date_gone_by_and_keeps_what_was_typed(client, member, project):
    client.force_login(member)
    response = client.post(
        reverse("incubator:support_new") + f"?project={project.pk}",
        {"kind": "funding", "subject": "Financement", "description": "Où ?", "due_on": PAST},
    )
    assert response.status_code == 422
    assert MESSAGE in response.text and "Financement" in response.text
    assert response.context["form"].errors["due_on"] == [MESSAGE]
    assert not SupportRequest.objects.exists()


def test_the_page_takes_today(client, member, project):
    client.force_login(member)
    response = client.post(
        reverse("incubator:support_new") + f"?project={project.pk}",
        {"kind": "funding", "subject": "S", "description": "D", "due_on": timezone.localdate()},
    )
    assert response.status_code == 302
    assert SupportRequest.objects.get().due_on == timezone.localdate()


def test_the_api_refuses_a_date_gone_by_with_a_400_on_the_field(client, member, project):
    response = client.post(
        "/api/v1/support-requests",
        {"kind": "ethics", "subject": "CPP", "description": "D", "due_on": PAST},
        content_type="application/json",
        headers=_auth(member),
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == {"due_on": [MESSAGE]}
    assert not SupportRequest.objects.exists()


def test_an_officer_cannot_set_a_date_gone_by_but_a_late_request_keeps_its_own(
    client, member, officer
):
    support = services.request_support(member, kind="training", subject="S", description="D")
    url = f"/api/v1/support-requests/{support.pk}/assign"
    body = {"owner": officer.pk, "due_on": PAST}
    refused = client.post(url, body, content_type="application/json", headers=_auth(officer))
    assert refused.status_code == 400 and refused.json()["errors"] == {"due_on": [MESSAGE]}
    SupportRequest.objects.filter(pk=support.pk).update(due_on=dt.date(2020, 1, 1))
    kept = client.post(url, body, content_type="application/json", headers=_auth(officer))
    assert kept.status_code == 200, kept.content
    support.refresh_from_db()
    assert support.owner == officer and support.due_on == dt.date(2020, 1, 1)


def test_in_french_the_date_is_the_date_wished_and_the_summary_names_it_plainly(
    client, member, project
):
    member.language = "fr"
    member.save(update_fields=["language"])
    client.force_login(member)
    response = client.post(
        reverse("incubator:support_new") + f"?project={project.pk}",
        {"kind": "funding", "subject": "Financement", "description": "Où ?", "due_on": PAST},
    )
    summary = response.text.split('class="error-summary"')[1].split("</div>")[0]
    assert "Date souhaitée</a> — La date limite doit être une date à venir." in summary
    assert "Date souhaitée (facultatif)" in response.text.split("</div>", 1)[1]
