"""The vote page in French: a narrow no-break space before the colon of "Pour : 6" and "Name :
Pour" (each a translated string with its punctuation inside), none in English."""

from __future__ import annotations

import pytest
from django.test import Client

from tandem.governance import services

from .conftest import check_in_all, mandates

pytestmark = pytest.mark.django_db
NNBSP = "\u202f"


def signed_in(user, language: str) -> Client:
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def test_the_vote_counts_and_choices_have_the_french_colon(meeting, officer):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    check_in_all(meeting, officer)
    vote = services.open_vote(meeting.items.get(), question="Adopt?", by=officer)
    first = mandates(meeting.body, "patients")[0]
    services.cast_ballot(vote, mandate=first, cast_by=first, choice="for", by=officer)
    services.close_vote(vote, by=officer)
    page = signed_in(officer, "fr").get(vote.get_absolute_url()).content.decode()
    assert f"Pour{NNBSP}: 1" in page and f"Contre{NNBSP}: 0" in page
    assert f"{first.person.get_full_name()}{NNBSP}: Pour" in page
    english = signed_in(officer, "en").get(vote.get_absolute_url()).content.decode()
    assert "For: 1" in english and f"{first.person.get_full_name()}: For" in english


def test_one_member_who_voted_is_said_in_the_singular_in_french(meeting, officer):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    check_in_all(meeting, officer)
    vote = services.open_vote(meeting.items.get(), question="Adopt?", by=officer)
    voters = mandates(meeting.body, "patients")
    services.cast_ballot(vote, mandate=voters[0], cast_by=voters[0], choice="for", by=officer)
    services.close_vote(vote, by=officer)
    page = signed_in(officer, "fr").get(vote.get_absolute_url()).content.decode()
    assert "1 membre sur " in page and " a voté, dont 0 par pouvoir." in page
    assert "1 membres" not in page
    other = services.open_vote(meeting.items.get(), question="Again?", by=officer)
    for m in voters[:2]:
        services.cast_ballot(other, mandate=m, cast_by=m, choice="for", by=officer)
    services.close_vote(other, by=officer)
    page = signed_in(officer, "fr").get(other.get_absolute_url()).content.decode()
    assert "2 membres sur " in page and " ont voté, dont 0 par pouvoir." in page
