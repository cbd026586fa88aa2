from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tandem.accounts import services
from tandem.core.audit import log_action
from tandem.core.models import ActionLogEntry, Notification
from tandem.core.notifications import notify

pytestmark = pytest.mark.django_db


def test_the_export_holds_everything_about_the_person(client, member):
    member.accessibility_needs = ["large_print"]
    member.save()
    notify(member, kind="test", title="Hello", email=False)
    services.create_api_token(member, name="script")
    client.force_login(member)
    response = client.get(reverse("accounts:export_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["account"]["accessibility_needs"] == ["large_print"]
    assert data["roles"] == ["member"]
    assert data["notifications"][0]["title"] == "Hello"
    assert data["api_tokens"][0]["name"] == "script"
    assert any(a["action"] == "accounts.token.created" for a in data["actions"])


def test_erasure_removes_personal_data_and_keeps_an_anonymous_history(member, officer):
    log_action(member, "accounts.profile.updated", by=member)
    notify(member, kind="test", title="Hello", email=False)
    services.erase_account(member, by=member)
    member.refresh_from_db()
    assert member.first_name == "" and member.email.startswith("erased-")
    assert not member.is_active and not member.has_usable_password()
    assert not Notification.objects.filter(recipient=member).exists()
    entry = ActionLogEntry.objects.filter(actor=member, action="accounts.profile.updated").get()
    assert "Mona" not in entry.actor_label
    assert "#" in entry.actor_label
    assert member.role_codes == frozenset()


def test_erasing_through_the_page_requires_typing_ones_email(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:erase"), {"confirm": "someone@else.net"})
    assert response.status_code == 422
    response = client.post(reverse("accounts:erase"), {"confirm": member.email})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None


def test_profile_changes_are_saved_and_logged(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Mona",
            "last_name": "Lisa",
            "language": "fr",
            "phone": "",
            "contact_by_email": "on",
            "accessibility_needs": ["wheelchair", "easy_read"],
            "accessibility_notes": "Je viens avec mon chien guide",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.accessibility_needs == ["wheelchair", "easy_read"]
    assert member.language == "fr"
    assert ActionLogEntry.objects.filter(
        action="accounts.profile.updated", object_id=str(member.pk)
    ).exists()


def test_an_invalid_profile_keeps_what_was_typed(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Mona",
            "last_name": "Lisa",
            "language": "xx",
            "accessibility_notes": "Grands caractères",
        },
    )
    assert response.status_code == 422
    assert "Grands caractères" in response.content.decode()
