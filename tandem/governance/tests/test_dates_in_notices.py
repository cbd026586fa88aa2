"""The GRAM's notices write their dates in the reader's language ("12 mars 2027", "March 12,
2027"), not as "2027-03-12": a mandate, a proposal's answer due, an action's due day, the end of
the amendment period."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from tandem.core.errors import DomainError
from tandem.core.formatting import local_date
from tandem.core.models import Notification
from tandem.governance import presenters, queries, services
from tandem.governance.models import Proposal, ProposalStatus

from .conftest import seat

pytestmark = pytest.mark.django_db


def _both(note: Notification) -> tuple[str, str]:
    shown = []
    for language in ("fr", "en"):
        with translation.override(language):
            shown.append(f"{note.shown_title} {note.shown_body}")
    return shown[0], shown[1]


def _dates(day: dt.date) -> tuple[str, str]:
    shown = []
    for language in ("fr", "en"):
        with translation.override(language):
            shown.append(local_date(day))
    return shown[0], shown[1]


def test_a_new_mandate_says_its_dates_the_readers_way(
    body, gram_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mandate = seat(body, "patients", gram_member)

    french, english = _both(Notification.objects.get(kind="governance.mandate"))
    assert _dates(mandate.start)[0] in french and _dates(mandate.end)[0] in french
    assert _dates(mandate.start)[1] in english and _dates(mandate.end)[1] in english
    assert mandate.start.isoformat() not in french + english


def test_the_answer_due_and_an_actions_day_are_the_readers_way(
    full_body, gram_member, officer, director, django_capture_on_commit_callbacks
):
    proposal = services.draft_proposal(full_body, author=gram_member, title="Tôt", text="Lire.")
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ADOPTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.transmit(proposal, by=officer)
        services.answer_proposal(proposal, decision="accepted", by=director)
        services.add_action(
            proposal, title="Envoyer", owner=officer, due=dt.date(2027, 3, 12), by=director
        )
    proposal.refresh_from_db()

    french, english = _both(Notification.objects.get(kind="governance.proposal"))
    assert _dates(proposal.answer_due)[0] in french and _dates(proposal.answer_due)[1] in english
    french, english = _both(Notification.objects.get(kind="governance.action"))
    assert "12 mars 2027" in french and "March 12, 2027" in english


def test_the_amendment_period_is_the_readers_way(
    held, officer, gram_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.draft_minutes(held, by=officer)
    note = Notification.objects.filter(kind="governance.minutes").first()
    french, english = _both(note)
    until = _dates(minutes.amendments_until)
    assert until[0] in french and until[1] in english

    later = minutes.amendments_until + dt.timedelta(days=1)
    moment = dt.datetime(later.year, later.month, later.day, 12, tzinfo=dt.UTC)
    with (
        translation.override("fr"),
        time_machine.travel(moment),
        pytest.raises(DomainError) as refusal,
    ):
        services.amend_minutes(minutes, line=1, replacement="x", by=gram_member)
    assert str(refusal.value) == (f"La période d'amendement s'est terminée le {until[0]}."), str(
        refusal.value
    )


def test_the_warning_of_a_mandate_ending_soon_says_its_day_the_readers_way(body):
    end = timezone.localdate() + dt.timedelta(days=20)
    seat(body, "patients", end=end)
    ending = [w for w in queries.warnings(body) if w.code == "ending_soon"]
    for language, day in zip(("fr", "en"), _dates(end), strict=True):
        with translation.override(language):
            (warning,) = presenters.warnings(ending)
        assert day in warning and end.isoformat() not in warning
