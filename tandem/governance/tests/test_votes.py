"""Votes: quorum before each vote, ballots (whose vote, who cast it), majorities overall and per
college, the frozen record, results only after closing, secret votes without a breakdown."""

from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import UserFactory
from tandem.core.errors import DomainError
from tandem.governance import presenters, queries, services
from tandem.governance.models import Majority, Mandate, ProposalStatus

from .conftest import check_in_all, mandates, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(meeting, officer):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    return meeting


def ballot(vote, mandate, choice, officer, cast_by=None):
    return services.cast_ballot(
        vote, mandate=mandate, cast_by=cast_by or mandate, choice=choice, by=officer
    )


def test_a_vote_without_quorum_is_refused(live, officer):
    with pytest.raises(DomainError) as refusal:
        services.open_vote(live.items.get(), question="Adopt?", by=officer)
    assert refusal.value.code == "no_quorum"
    assert not live.items.get().votes.exists()


def test_ballots_are_counted_per_college_and_frozen_at_closing(live, officer):
    check_in_all(live, officer)
    vote = services.open_vote(
        live.items.get(), question="Adopt?", majority=Majority.DOUBLE, by=officer
    )
    for m in mandates(live.body, "patients"):
        ballot(vote, m, "for", officer)
    for m in mandates(live.body, "researchers"):
        ballot(vote, m, "against", officer)
    assert presenters.vote_page(vote, mandate=None, secretariat=True)["result"] is None  # not yet
    vote = services.close_vote(vote, by=officer)
    # 10 for, 5 against overall, but no majority among the researchers: a double majority fails
    assert vote.record["counts"] == {"for": 10, "against": 5, "abstain": 0}
    assert vote.record["colleges"]["researchers"] == {
        "for": 0,
        "against": 5,
        "abstain": 0,
        "passed": False,
    }
    assert vote.record["majority_reached"] is False and vote.adopted is False
    assert len(vote.record["electorate"]) == 20 and len(vote.record["voted"]) == 15
    with pytest.raises(DomainError):
        ballot(vote, mandates(live.body, "administration")[0], "for", officer)


def test_a_member_votes_once_and_a_non_member_not_at_all(live, officer):
    check_in_all(live, officer)
    vote = services.open_vote(live.items.get(), question="Adopt?", by=officer)
    first = mandates(live.body, "patients")[0]
    ballot(vote, first, "for", officer)
    with pytest.raises(DomainError) as refusal:
        ballot(vote, first, "against", officer)
    assert refusal.value.code == "already_voted"
    # a former member: their mandate ended long before the meeting
    former = Mandate.objects.create(
        college=first.college,
        seat=1,
        person=UserFactory(),
        start=first.start.replace(year=2000),
        end=first.start.replace(year=2001),
    )
    with pytest.raises(DomainError) as refusal:
        ballot(vote, former, "for", officer)
    assert refusal.value.code == "not_member"
    assert vote.ballots.count() == 1


def test_a_proxy_holder_casts_the_principals_vote_and_the_record_says_through_whom(live, officer):
    patients = mandates(live.body, "patients")
    services.give_proxy(live, person=patients[9].person, holder=patients[0])
    check_in_all(live, officer, skip={patients[9].pk})
    vote = services.open_vote(live.items.get(), question="Adopt?", by=officer)
    ballot(vote, patients[9], "for", officer, cast_by=patients[0])
    with pytest.raises(DomainError) as refusal:
        ballot(vote, patients[9], "for", officer, cast_by=patients[1])
    assert refusal.value.code == "no_proxy"
    vote = services.close_vote(vote, by=officer)
    assert vote.record["voted"] == [
        {"mandate": patients[9].pk, "person": patients[9].person_id, "cast_by": patients[0].pk}
    ]


def test_a_secret_vote_keeps_no_choice_by_name_and_no_count_per_college(live, officer):
    check_in_all(live, officer)
    vote = services.open_vote(live.items.get(), question="Elect?", method="secret", by=officer)
    for m in mandates(live.body, "administration"):
        ballot(vote, m, "against", officer)
    ballot(vote, mandates(live.body, "patients")[0], "for", officer)
    assert set(vote.ballots.values_list("choice", flat=True)) == {""}
    vote = services.close_vote(vote, by=officer)
    assert vote.record["counts"] == {"for": 1, "against": 5, "abstain": 0}
    assert vote.record["colleges"]["administration"] == {"passed": False}
    assert vote.secret_tally == {}
    page = presenters.vote_page(vote, mandate=None, secretariat=False)
    assert page["result"]["secret"] and not page["show_choices"]


@pytest.mark.parametrize(
    ("majority", "counts", "carried"),
    [
        ("simple", {"for": 3, "against": 2, "abstain": 9}, True),
        ("absolute", {"for": 3, "against": 2, "abstain": 9}, False),
        ("absolute", {"for": 8, "against": 2, "abstain": 5}, True),
        ("two_thirds", {"for": 6, "against": 3, "abstain": 0}, True),
        ("two_thirds", {"for": 6, "against": 4, "abstain": 0}, False),
        ("simple", {"for": 2, "against": 2, "abstain": 0}, False),
    ],
)
def test_majorities(majority, counts, carried):
    assert queries.majority_reached(majority, counts) is carried


def test_a_conflicted_member_cannot_vote_on_the_item(live, officer, gram_member):
    item = live.items.get()
    services.declare_conflict(item, person=gram_member)
    check_in_all(live, officer)
    vote = services.open_vote(item, question="Adopt?", by=officer)
    with pytest.raises(DomainError) as refusal:
        ballot(vote, mandates(live.body, "patients")[0], "for", officer)
    assert refusal.value.code == "conflict"


def test_an_adopted_vote_adopts_the_proposal_on_the_agenda(full_body, officer, gram_member):
    proposal = services.draft_proposal(
        full_body, author=gram_member, title="Paid time", text="Members get paid time to prepare."
    )
    meeting = services.schedule_meeting(
        full_body, title="Next", starts_at=soon(), place="Paris", by=officer
    )
    item = services.put_on_agenda(proposal, meeting=meeting, by=officer)
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    check_in_all(meeting, officer)
    vote = services.open_vote(item, question="Adopt?", by=officer)
    for m in mandates(meeting.body, "patients")[:6]:
        ballot(vote, m, "for", officer)
    services.close_vote(vote, by=officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED
