"""Erasure reaches exactly the person's own rows: the tests written for the mutants of
`erase_account` that the broader scan (tests/test_erasure.py) let survive (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from tandem.accounts import services
from tandem.accounts.models import Invitation
from tandem.core import erasure
from tandem.core.audit import log_action
from tandem.core.models import ActionLogEntry, Notification
from tandem.core.notifications import notify

pytestmark = pytest.mark.django_db


def _invitation(email: str, **extra: object) -> Invitation:
    return Invitation.objects.create(
        email=email,
        first_name="Invited",
        last_name="Person",
        message="Welcome",
        token_hash=email,
        expires_at=timezone.now() + dt.timedelta(days=7),
        **extra,
    )


def test_the_log_calls_her_by_the_label_of_her_own_account(member, officer):
    log_action(member, "accounts.profile.updated", by=member)
    services.erase_account(member, by=officer)
    label = erasure.erased_label(member.pk)
    assert label.endswith(f"#{member.pk}")
    entry = ActionLogEntry.objects.get(action="accounts.profile.updated")
    assert entry.actor_label == label


def test_entries_about_her_forget_a_name_she_no_longer_bears(member, officer):
    from tandem.directory.models import Organization

    entry = log_action(member, "accounts.profile.updated", by=officer)  # her old name
    about_officer = log_action(officer, "accounts.profile.updated", by=officer)
    # Another kind of object that happens to have the same number as her account.
    other = log_action(Organization(pk=member.pk, name="Asso"), "directory.test", by=officer)
    member.last_name = "Renamed"
    member.save()
    services.erase_account(member, by=officer)
    for row in (entry, about_officer, other):
        row.refresh_from_db()
    assert entry.object_repr == erasure.erased_label(member.pk)
    # Entries about someone else, or about another kind of object, keep their description.
    assert about_officer.object_repr == str(officer)
    assert other.object_repr == "Asso"


def test_her_second_address_is_redacted_from_what_others_received(member, officer):
    EmailAddress.objects.create(user=member, email="old.address@example.net", primary=False)
    notify(officer, kind="test", title="Sent by old.address@example.net", email=False)
    services.erase_account(member, by=officer)
    note = Notification.objects.get(recipient=officer)
    assert "old.address@example.net" not in note.title
    assert erasure.erased_label(member.pk) in note.title


def test_the_invitation_she_accepted_is_erased_whatever_address_it_was_sent_to(member, officer):
    hers = _invitation("earlier.address@example.net", accepted_user=member)
    to_her_address = _invitation(member.email.upper())  # sent again, never accepted
    pending = _invitation("someone.else@example.net")
    services.erase_account(member, by=officer)
    for row in (hers, to_her_address, pending):
        row.refresh_from_db()
    assert hers.email.startswith("erased-") and hers.first_name == hers.message == ""
    assert to_her_address.email.startswith("erased-")
    # Somebody else's pending invitation is left as it was.
    assert (pending.email, pending.first_name, pending.message) == (
        "someone.else@example.net",
        "Invited",
        "Welcome",
    )


def test_every_personal_field_and_power_of_the_account_is_reset(member, officer):
    from allauth.mfa.models import Authenticator

    member.last_name = "Dupont"
    member.phone = "+33 6 12 34 56 78"
    member.accessibility_notes = "Large print, please"
    member.contact_by_email = member.contact_by_phone = True
    member.is_staff = member.is_superuser = True
    member.save()
    for person in (member, officer):
        Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    services.erase_account(member, by=officer)
    member.refresh_from_db()
    assert (member.first_name, member.last_name, member.phone, member.accessibility_notes) == (
        "",
        "",
        "",
        "",
    )
    assert member.accessibility_needs == []
    assert not (member.contact_by_email or member.contact_by_phone)
    assert not (member.is_active or member.is_staff or member.is_superuser)
    assert not Authenticator.objects.filter(user=member).exists()
    assert Authenticator.objects.filter(user=officer).exists()  # only hers
    entry = ActionLogEntry.objects.get(action="accounts.account.erased")
    assert (entry.object_id, entry.actor) == (str(member.pk), officer)


def test_a_person_who_erases_herself_is_not_named_as_its_author(member):
    services.erase_account(member, by=member)
    entry = ActionLogEntry.objects.get(action="accounts.account.erased")
    assert entry.object_id == str(member.pk) and entry.actor is None
