"""The GRAM's public page through the API: the same for everyone, signed in or not, and no
more than the page shows; a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from tandem.governance import services
from tandem.governance.models import Minutes, MinutesStatus, Proposal, ProposalStatus

from .conftest import seat, soon

pytestmark = pytest.mark.django_db


def _adopted(body, author, title: str) -> Proposal:
    proposal = services.draft_proposal(body, author=author, title=title, text="A text.")
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ADOPTED)
    return proposal


@pytest.fixture
def public_gram(body, gram_member, officer):
    """A seat held, a coming meeting, a draft and an adopted proposal, public minutes."""
    seat(body, "patients", gram_member)
    services.schedule_meeting(body, title="Coming", starts_at=soon(), place="Paris", by=officer)
    services.draft_proposal(body, author=gram_member, title="Secret draft", text="A text.")
    _adopted(body, gram_member, "Adopted one")
    return body


def test_the_public_page_gives_the_composition_meetings_and_public_proposals(
    client, public_gram, gram_member
):
    answer = client.get(reverse("api-gram-public"))
    assert answer.status_code == 200
    page = answer.json()
    patients = next(c for c in page["composition"] if c["code"] == "patients")
    assert patients["members"] == [
        {"name": gram_member.get_full_name(), "organization": None, "role": "member"}
    ]
    assert patients["vacant_seats"] == patients["seats"] - 1
    assert [m["title"] for m in page["upcoming"]] == ["Coming"]
    assert set(page["upcoming"][0]) == {"title", "starts_at", "place", "status"}
    assert [p["title"] for p in page["proposals"]] == ["Adopted one"]
    assert page["proposals"][0]["decision"] is None


def test_only_approved_public_minutes_are_listed(client, held, officer):
    minutes = services.draft_minutes(held, by=officer)
    assert client.get(reverse("api-gram-public")).json()["minutes"] == []
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.APPROVED, is_public=True)
    (listed,) = client.get(reverse("api-gram-public")).json()["minutes"]
    assert listed["id"] == minutes.pk and listed["meeting"] == held.title


def test_without_a_gram_the_public_page_is_not_found(client, db):
    assert client.get(reverse("api-gram-public")).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_what_the_public_page_shows_them(persona, as_persona, public_gram):
    client, _user = as_persona(persona)
    page = client.get(reverse("governance:public"))
    answer = client.get(reverse("api-gram-public"))
    assert page.status_code == answer.status_code == 200
    shown = answer.json()
    assert [p["id"] for p in shown["proposals"]] == [
        row["proposal"].pk for row in page.context["proposals"]
    ]
    assert [m["title"] for m in shown["upcoming"]] == [m.title for m in page.context["upcoming"]]
    members = [m["name"] for c in shown["composition"] for m in c["members"]]
    assert members == [
        m.person.get_full_name() for c in page.context["composition"] for m in c.mandates
    ]


def _count(client) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(reverse("api-gram-public")).status_code == 200
    return len(seen)


def test_the_public_page_runs_a_constant_number_of_queries(client, public_gram, officer):
    def grow() -> None:
        author = seat(public_gram, "researchers").person
        _adopted(public_gram, author, "More")
        services.schedule_meeting(
            public_gram, title="More", starts_at=soon(40), place="Lyon", by=officer
        )

    grow()
    few = _count(client)
    for _ in range(4):
        grow()
    assert _count(client) == few
