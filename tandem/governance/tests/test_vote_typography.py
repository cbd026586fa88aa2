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
