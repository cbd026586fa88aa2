"""Proposals: draft with the plain-language check, co-sign, the Directorate General's answer
(reason required unless accepted), actions until done, waiting days, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from tandem.core.errors import DomainError
from tandem.core.formatting import local_date
from tandem.core.models import Notification
from tandem.governance import queries, services
from tandem.governance.models import ActionStatus, Proposal, ProposalStatus

from .conftest import mandates

pytestmark = pytest.mark.django_db

TEXT = "Les membres du GRAM reçoivent les documents deux semaines avant chaque réunion."


def adopted(body, author) -> Proposal:
    proposal = services.draft_proposal(body, author=author, title="Documents early", text=TEXT)
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ADOPTED)
    proposal.refresh_from_db()
    return proposal


def test_a_member_drafts_a_proposal_that_gets_the_plain_language_check(full_body, gram_member):
    proposal = services.draft_proposal(
        full_body,
        author=gram_member,
        title="Documents early",
        text=TEXT,
        easy_read_summary="On lit avant.",
    )
    assert proposal.status == ProposalStatus.DRAFT
    # Thirteen words: findings, but too short for an indicator, as in Check my document.
    assert proposal.clarity_score is None
    longer = services.draft_proposal(
        full_body, author=gram_member, title="Documents early", text=" ".join([TEXT] * 9)
    )
    assert longer.clarity_score is not None and 0 <= longer.clarity_score <= 100


def test_a_short_proposal_says_it_is_too_short_to_judge(client, full_body, gram_member):
    text = "Les membres reçoivent une documentation pharmacocinétique exhaustive préalablement."
    proposal = services.draft_proposal(full_body, author=gram_member, title="Court", text=text)
    assert proposal.clarity_score is None and proposal.clarity_findings
    client.force_login(gram_member)
    page = client.get(proposal.get_absolute_url()).text
    assert "Too short to judge" in page and "at least 100 words of text" in page
    assert "/100." not in page


def test_a_non_member_cannot_draft_or_cosign(full_body, member, gram_member):
    with pytest.raises(DomainError) as refusal:
        services.draft_proposal(full_body, author=member, title="X", text=TEXT)
    assert refusal.value.code == "not_member"
    proposal = services.draft_proposal(full_body, author=gram_member, title="X", text=TEXT)
    with pytest.raises(DomainError):
        services.cosign(proposal, person=member)
    with pytest.raises(DomainError) as refusal:
        services.cosign(proposal, person=gram_member)
    assert refusal.value.code == "author"
    services.cosign(proposal, person=mandates(full_body, "researchers")[0].person)
    assert proposal.cosignatures.count() == 1


def test_an_adopted_proposal_goes_to_the_director_who_must_give_a_reason_to_decline(
    full_body, gram_member, officer, director, django_capture_on_commit_callbacks
):
    proposal = adopted(full_body, gram_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.transmit(proposal, by=officer)
    proposal.refresh_from_db()
    assert proposal.answer_due == timezone.localdate() + dt.timedelta(days=90)
    assert Notification.objects.filter(recipient=director, kind="governance.proposal").exists()
    with pytest.raises(DomainError) as refusal:
        services.answer_proposal(proposal, decision="declined", reason=" ", by=director)
    assert refusal.value.code == "reason"
    with pytest.raises(DomainError) as refusal:
        services.answer_proposal(proposal, decision="accepted", by=officer)
    assert refusal.value.code == "not_director"
    services.answer_proposal(
        proposal, decision="partly", reason="Ten days, not fifteen.", by=director
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED and proposal.answer.decision == "partly"


def test_actions_follow_until_done_and_the_proposal_is_implemented(
    full_body, gram_member, officer, director
):
    proposal = adopted(full_body, gram_member)
    services.transmit(proposal, by=officer)
    services.answer_proposal(proposal, decision="accepted", by=director)
    first = services.add_action(
        proposal, title="Change the rules", owner=officer, due=timezone.localdate(), by=director
    )
    second = services.add_action(
        proposal, title="Tell the members", owner=officer, due=timezone.localdate(), by=director
    )
    services.update_action(
        first, status=ActionStatus.IN_PROGRESS, progress=50, evidence="Draft", by=officer
    )
    services.update_action(first, status=ActionStatus.DONE, progress=50, by=officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED
    services.update_action(second, status=ActionStatus.DONE, progress=100, by=officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.IMPLEMENTED
    with pytest.raises(DomainError):
        services.update_action(second, status=ActionStatus.PLANNED, progress=0, by=officer)


def test_no_action_follows_a_declined_proposal(full_body, gram_member, officer, director):
    proposal = adopted(full_body, gram_member)
    services.transmit(proposal, by=officer)
    services.answer_proposal(proposal, decision="declined", reason="No budget.", by=director)
    with pytest.raises(DomainError) as refusal:
        services.add_action(
            proposal, title="x", owner=officer, due=timezone.localdate(), by=director
        )
    assert refusal.value.code == "no_actions"


def test_an_overdue_answer_is_flagged_with_its_waiting_days_and_reminded(
    full_body, gram_member, officer, director
):
    proposal = adopted(full_body, gram_member)
    services.transmit(proposal, by=officer)
    proposal.refresh_from_db()
    later = timezone.localdate() + dt.timedelta(days=100)
    assert queries.waiting_days(proposal, later) == 100
    assert queries.answer_overdue(proposal, later)
    assert services.send_reminders(today=later) == 1
    assert services.send_reminders(today=later) == 0  # once a day
    with time_machine.travel(dt.datetime(later.year, later.month, later.day, 12, tzinfo=dt.UTC)):
        assert queries.waiting_days(proposal) == 100


def test_an_action_due_within_a_week_is_reminded_once_before_its_day(
    full_body, gram_member, officer, director
):
    from tandem.core.models import Notification

    proposal = adopted(full_body, gram_member)
    services.transmit(proposal, by=officer)
    services.answer_proposal(proposal, decision="accepted", by=director)
    today = timezone.localdate()
    due = today + dt.timedelta(days=5)
    services.add_action(proposal, title="Soon", owner=officer, due=due, by=director)
    services.add_action(
        proposal, title="Later", owner=director, due=today + dt.timedelta(days=30), by=director
    )
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert services.send_reminders(today=today + dt.timedelta(days=1)) == 0  # told once
    (reminder,) = Notification.objects.filter(kind="governance.reminder")
    with translation.override("en"):  # the day, the reader's way
        assert (reminder.recipient, reminder.shown_title) == (
            officer,
            f"Action due on {local_date(due)}: Soon",
        )
    # Once its day has passed, the overdue reminders take over.
    assert services.send_reminders(today=due + dt.timedelta(days=1)) == 1


def test_an_overdue_action_is_flagged_on_the_proposal_and_its_owner_reminded(
    client, full_body, gram_member, officer, director
):
    from tandem.core.models import Notification

    proposal = adopted(full_body, gram_member)
    services.transmit(proposal, by=officer)
    services.answer_proposal(proposal, decision="accepted", by=director)
    due = timezone.localdate() - dt.timedelta(days=1)
    late = services.add_action(proposal, title="Late one", owner=officer, due=due, by=director)
    services.add_action(
        proposal,
        title="On time",
        owner=director,
        due=timezone.localdate() + dt.timedelta(days=30),
        by=director,
    )
    client.force_login(gram_member)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert page.count('<span class="message-warning">overdue</span>') == 1
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0  # once a day
    reminders = Notification.objects.filter(kind="governance.reminder")
    assert [(n.recipient, n.shown_title) for n in reminders] == [
        (officer, "Overdue action: Late one")
    ]
    services.update_action(late, status=ActionStatus.DONE, progress=100, by=officer)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert services.send_reminders(today=tomorrow) == 0  # done: no longer reminded


@pytest.mark.parametrize(
    ("language", "opening", "closing"), [("fr", "«\u202f", "\u202f»"), ("en", "“", "”")]
)
def test_the_plain_language_findings_are_quoted_the_readers_way(
    client, full_body, gram_member, language, opening, closing
):
    proposal = services.draft_proposal(
        full_body,
        author=gram_member,
        title="Jargon",
        text="Nonobstant les dispositions susmentionnées relatives à la pharmacovigilance et à "
        "la randomisation des participants inclus dans l'étude multicentrique contrôlée.",
    )
    finding = proposal.clarity_findings[0]["text"]
    gram_member.language = language
    gram_member.save(update_fields=["language"])
    client.force_login(gram_member)
    page = client.get(reverse("governance:proposal", args=[proposal.pk])).text
    # The passage is the proposal's, in its language (WCAG 3.1.2), between the reader's marks.
    assert f'{opening}<span lang="fr">{escape(finding)}</span>{closing}' in page


def test_a_closed_author_is_not_told_of_the_answer(
    full_body, gram_member, officer, director, django_capture_on_commit_callbacks
):
    from django.core import mail

    proposal = adopted(full_body, gram_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.transmit(proposal, by=officer)
    gram_member.is_active = False
    gram_member.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_proposal(proposal, decision="accepted", by=director)
    assert not Notification.objects.filter(recipient=gram_member, kind="governance.answer").exists()
    assert gram_member.email not in [address for m in mail.outbox for address in m.to]
