"""The shared pieces' part of an erasure: a person's address and name taken out of the action
log's descriptions and of everyone's notifications, whatever their case; nothing else changed."""

from __future__ import annotations

import pytest

from tandem.accounts.models import ApiToken
from tandem.core.audit import log_action
from tandem.core.erasure import erased_label, forget_objects, redact
from tandem.core.models import ActionLogEntry, Notification
from tandem.core.notifications import notify

pytestmark = pytest.mark.django_db


def test_the_name_and_address_are_replaced_wherever_and_however_they_were_written(member, officer):
    entry = log_action(None, "test.named", by=officer)
    ActionLogEntry.objects.filter(pk=entry.pk).update(
        object_repr="Review by ZÉLIE QUARESMA (zelie@example.net)"
    )
    note = notify(
        officer,
        kind="test",
        title="Zélie Quaresma accepted your invitation",
        body="Write to ZELIE@example.net",
        email=False,
    )
    untouched = notify(officer, kind="test", title="Someone else", body="Nothing", email=False)

    changed = redact(["zelie@example.net", "Zélie Quaresma", " ", ""], label="Deleted #7")

    assert changed == 2
    entry.refresh_from_db()
    note.refresh_from_db()
    untouched.refresh_from_db()
    assert entry.object_repr == "Review by Deleted #7 (Deleted #7)"
    assert (note.title, note.body) == ("Deleted #7 accepted your invitation", "Write to Deleted #7")
    assert (untouched.title, untouched.body) == ("Someone else", "Nothing")


def test_a_longer_name_is_replaced_before_a_shorter_one_it_contains(officer):
    entry = log_action(None, "test.named", by=officer)
    ActionLogEntry.objects.filter(pk=entry.pk).update(object_repr="Anne Marie Dupont, Anne")
    redact(["Anne", "Anne Marie Dupont"], label="X")
    entry.refresh_from_db()
    assert entry.object_repr == "X, X"


def test_a_replacement_never_outgrows_the_description(officer):
    entry = log_action(None, "test.named", by=officer)
    ActionLogEntry.objects.filter(pk=entry.pk).update(object_repr="ab " * 100)
    note = notify(officer, kind="test", title="ab " * 100, email=False)
    redact(["ab"], label="a much longer label")
    entry.refresh_from_db()
    note.refresh_from_db()
    assert len(entry.object_repr) == 300 and entry.object_repr.startswith("a much longer label ")
    assert len(note.title) == 300


def test_nothing_to_take_out_changes_nothing(officer):
    entry = log_action(officer, "test.named", by=officer)
    assert redact(["", "  "], label="X") == 0
    assert redact([], label="X") == 0
    entry.refresh_from_db()
    assert entry.object_repr == str(officer)
    assert Notification.objects.count() == 0


def test_objects_forgotten_are_only_those_of_that_kind_and_those_ids(member, officer):
    from tandem.accounts import services

    token, _key = services.create_api_token(member, name="Script de Mona")
    other, _key = services.create_api_token(officer, name="Script d'Olga")
    same_id_other_kind = log_action(member, "test.same_id", by=officer)
    ActionLogEntry.objects.filter(pk=same_id_other_kind.pk).update(object_id=str(token.pk))

    assert forget_objects(ApiToken, [token.pk], label="Gone") == 1

    assert (
        ActionLogEntry.objects.get(
            action="accounts.token.created", object_id=str(token.pk)
        ).object_repr
        == "Gone"
    )
    assert (
        "Olga"
        in ActionLogEntry.objects.get(
            object_id=str(other.pk), action="accounts.token.created"
        ).object_repr
    )
    assert ActionLogEntry.objects.get(pk=same_id_other_kind.pk).object_repr == str(member)


def test_an_erased_person_is_called_by_their_number():
    assert erased_label(42) == "Deleted account #42"


def test_a_name_is_replaced_before_a_shorter_one_whatever_their_case(officer):
    # "marie" sorts after "MARIE CURIE": only the longest-first order replaces the full name.
    entry = log_action(None, "test.named", by=officer)
    ActionLogEntry.objects.filter(pk=entry.pk).update(object_repr="MARIE CURIE wrote; Marie")
    redact(["marie", "MARIE CURIE"], label="X")
    entry.refresh_from_db()
    assert entry.object_repr == "X wrote; X"


def test_names_in_a_notifications_values_are_replaced_and_its_other_values_kept(officer):
    note = notify(
        officer,
        kind="test",
        title="%(name)s accepted your invitation",
        params={"name": "Hélène Dupont", "count": 3, "study": "Sleep study"},
        email=False,
    )
    changed = redact(["Hélène Dupont"], label="Deleted #9")
    note.refresh_from_db()
    assert changed == 1
    assert note.params == {"name": "Deleted #9", "count": 3, "study": "Sleep study"}


def test_the_count_is_of_every_row_changed(officer):
    for _ in range(2):
        entry = log_action(None, "test.named", by=officer)
        ActionLogEntry.objects.filter(pk=entry.pk).update(object_repr="About Zoé Martin")
    for _ in range(2):
        notify(officer, kind="test", title="Zoé Martin wrote", email=False)
    for _ in range(2):
        notify(officer, kind="test", title="%(name)s wrote", params={"name": "Zoé Martin"})
    assert redact(["Zoé Martin"], label="X") == 6
