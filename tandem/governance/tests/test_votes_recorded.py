"""A vote recorded by the secretariat on a member's behalf (a show of hands): never in a secret
ballot (service, page and API); in an open vote the member is told, the page says who recorded
it, and the member may change it while the vote is open."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tandem.accounts.services import create_api_token
from tandem.core.errors import DomainError
from tandem.core.models import Notification
from tandem.governance import services
from tandem.governance.models import Mandate

from .conftest import check_in_all

pytestmark = pytest.mark.django_db
API = "/api/v1/governance/"


@pytest.fixture
def live(meeting, officer):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    check_in_all(meeting, officer)
    return meeting


def mine(meeting, person) -> Mandate:
    return Mandate.objects.get(college__body=meeting.body, person=person)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> Client:
    _token, key = create_api_token(user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": "en"})


def test_nobody_records_a_members_vote_in_a_secret_ballot(live, officer, gram_member):
    vote = services.open_vote(live.items.get(), question="Elect?", method="secret", by=officer)
    member = mine(live, gram_member)
    with pytest.raises(DomainError) as refusal:
        services.record_ballot(vote, mandate=member, choice="against", by=officer)
    assert refusal.value.code == "secret_ballot"
    # The page hides the box and refuses a forged post; the API refuses with the same code.
    page = signed_in(officer).get(vote.get_absolute_url())
    assert reverse("governance:record_ballot", args=[vote.pk]) not in page.content.decode()
    signed_in(officer).post(
        reverse("governance:record_ballot", args=[vote.pk]),
        {"mandate": member.pk, "choice": "against"},
    )
    answer = api(officer).post(
        f"{API}votes/{vote.pk}/ballots",
        {"choice": "against", "for_mandate": member.pk},
        content_type="application/json",
    )
    assert (answer.status_code, answer.json()["code"]) == (409, "secret_ballot")
    assert not vote.ballots.exists() and vote.secret_tally == {}
    # The member still votes in person.
    services.cast_ballot(vote, mandate=member, cast_by=member, choice="for", by=gram_member)
    assert vote.ballots.count() == 1


def test_an_open_vote_recorded_on_a_members_behalf_is_told_shown_and_can_be_changed(
    live, officer, gram_member, django_capture_on_commit_callbacks
):
    vote = services.open_vote(live.items.get(), question="Adopt the report?", by=officer)
    member = mine(live, gram_member)
    with django_capture_on_commit_callbacks(execute=True):
        answer = api(officer).post(
            f"{API}votes/{vote.pk}/ballots",
            {"choice": "against", "for_mandate": member.pk},
            content_type="application/json",
        )
    assert answer.status_code == 201
    assert answer.json()["voted"] == [
        {"mandate": member.pk, "cast_by": member.pk, "recorded_by": officer.pk}
    ]
    # Told, as codes and parameters, in the reader's language.
    note = Notification.objects.get(recipient=gram_member, kind="governance.ballot_recorded")
    assert note.params["name"] == officer.get_full_name()
    with translation.override("fr"):
        assert "enregistré" in note.shown_title and "contre" in note.shown_body
    with translation.override("en"):
        assert "recorded as against" in note.shown_body
    # The page says who recorded it, and offers to change it.
    gram_member.language = "en"
    gram_member.save(update_fields=["language"])
    client = signed_in(gram_member)
    page = client.get(vote.get_absolute_url()).content.decode()
    assert f"recorded by {officer.get_full_name()} on their behalf" in page
    assert "Change my vote" in page
    client.post(reverse("governance:cast_ballot", args=[vote.pk]), {"choice": "for"})
    ballot = vote.ballots.get()
    assert (ballot.choice, ballot.recorded_by_id) == ("for", None)
    # Changed once: now it is the member's own vote, final like any other.
    with pytest.raises(DomainError) as refusal:
        services.cast_ballot(vote, mandate=member, cast_by=member, choice="against", by=gram_member)
    assert refusal.value.code == "already_voted"


def test_a_recorded_vote_cannot_be_changed_once_closed_nor_recorded_twice(live, officer):
    vote = services.open_vote(live.items.get(), question="Adopt?", by=officer)
    member = Mandate.objects.filter(college__body=live.body).first()
    services.record_ballot(vote, mandate=member, choice="for", by=officer)
    with pytest.raises(DomainError) as refusal:
        services.record_ballot(vote, mandate=member, choice="against", by=officer)
    assert refusal.value.code == "already_voted"
    services.close_vote(vote, by=officer)
    with pytest.raises(DomainError) as refusal:
        services.cast_ballot(vote, mandate=member, cast_by=member, choice="against", by=officer)
    assert refusal.value.code == "vote_closed"
