"""The GRAM's public pages through the API (the public page, a public proposal, public
minutes): the same for everyone, signed in or not, no more than the pages show an anonymous
visitor, 404 for what is not public; a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from tandem.governance import services
from tandem.governance.models import (
    AgendaItem,
    Minutes,
    MinutesStatus,
    MinutesVersion,
    Proposal,
    ProposalStatus,
)

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


# --- A public proposal's page and public minutes' page ------------------------------------


@pytest.fixture
def answered(body, gram_member, officer, director):
    """An adopted proposal co-signed, transmitted, answered by the director, with an action."""
    seat(body, "patients", gram_member)
    proposal = services.draft_proposal(body, author=gram_member, title="Answered", text="Do.")
    services.cosign(proposal, person=seat(body, "researchers").person)
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ADOPTED)
    services.transmit(proposal, by=officer)
    services.answer_proposal(proposal, decision="accepted", by=director)
    services.add_action(proposal, title="Follow", owner=officer, due=soon().date(), by=officer)
    return proposal


def test_a_public_proposal_reads_as_its_page_with_names_and_no_person_ids(
    client, answered, gram_member, officer
):
    answer = client.get(reverse("api-gram-public-proposal", args=[answered.pk]))
    assert answer.status_code == 200
    shown = answer.json()
    assert shown["title"] == "Answered" and shown["status"] == ProposalStatus.ANSWERED
    assert shown["author"] == gram_member.get_full_name()
    assert shown["cosigners"] == [answered.cosignatures.get().person.get_full_name()]
    assert shown["answer"]["decision"] == "accepted" and shown["answer_due"] is None
    (action,) = shown["actions"]
    assert action["title"] == "Follow" and action["owner"] == officer.get_full_name()
    assert set(action) == {
        "title",
        "evidence",
        "owner",
        "due",
        "overdue",
        "status",
        "status_label",
        "progress",
    }
    assert [s["state"] for s in shown["steps"]].count("current") == 1


@pytest.mark.parametrize("persona", ["anonymous", "gram_member", "officer"])
def test_a_proposal_not_public_is_not_found_even_for_those_who_read_it(
    persona, as_persona, body, gram_member
):
    seat(body, "patients", gram_member)
    draft = services.draft_proposal(body, author=gram_member, title="Draft", text="A text.")
    client, _user = as_persona(persona)
    assert client.get(reverse("api-gram-public-proposal", args=[draft.pk])).status_code == 404
    assert client.get(reverse("api-gram-public-proposal", args=[draft.pk + 99])).status_code == 404


@pytest.mark.parametrize("persona", ["anonymous", "member", "gram_member", "director", "officer"])
def test_every_persona_reads_the_public_proposal_its_page_shows(persona, as_persona, answered):
    client, _user = as_persona(persona)
    page = client.get(reverse("governance:proposal", args=[answered.pk])).context
    shown = client.get(reverse("api-gram-public-proposal", args=[answered.pk])).json()
    assert shown["text"] == page["proposal"].text
    assert shown["cosigners"] == [p.get_full_name() for p in page["signers"]]
    assert shown["answer"]["reason"] == page["answer"].reason
    assert [(a["title"], a["overdue"]) for a in shown["actions"]] == [
        (row["action"].title, row["overdue"]) for row in page["actions"]
    ]
    assert [s["name"] for s in shown["steps"]] == [str(s["label"]) for s in page["steps"]]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def test_a_public_proposal_runs_a_constant_number_of_queries(client, body, answered, officer):
    url = reverse("api-gram-public-proposal", args=[answered.pk])
    few = _queries(client, url)
    for n in range(3):
        services.add_action(
            answered, title=f"More {n}", owner=officer, due=soon().date(), by=officer
        )
    assert _queries(client, url) == few


@pytest.fixture
def approved(held, officer):
    minutes = services.draft_minutes(held, by=officer)
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.APPROVED, is_public=True)
    return minutes


def test_approved_public_minutes_read_as_their_page(client, approved, held):
    answer = client.get(reverse("api-gram-public-minutes", args=[approved.pk]))
    assert answer.status_code == 200
    shown = answer.json()
    assert shown["meeting"] == held.title and shown["status"] == MinutesStatus.APPROVED
    assert shown["lines"] == approved.versions.get().lines
    assert [i["title"] for i in shown["items"]] == [i.title for i in held.items.all()]
    assert shown["pdf"] == reverse("governance:minutes_pdf", args=[approved.pk])
    assert "amendments" not in shown


def test_minutes_not_approved_or_not_public_are_not_found(client, gram_member, held, officer):
    minutes = services.draft_minutes(held, by=officer)
    url = reverse("api-gram-public-minutes", args=[minutes.pk])
    assert client.get(url).status_code == 404
    client.force_login(gram_member)
    assert client.get(url).status_code == 404
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.APPROVED, is_public=False)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "gram_member", "officer"])
def test_every_persona_reads_the_public_minutes_their_page_shows(persona, as_persona, approved):
    client, _user = as_persona(persona)
    page = client.get(reverse("governance:minutes", args=[approved.pk])).context
    shown = client.get(reverse("api-gram-public-minutes", args=[approved.pk])).json()
    assert shown["lines"] == page["lines"] and shown["version"] == page["latest"].number
    assert [v["number"] for v in shown["versions"]] == [v.number for v in page["versions"]]
    assert [(i["position"], i["title"]) for i in shown["items"]] == [
        (row["item"].position, row["item"].title) for row in page["item_rows"]
    ]


def test_public_minutes_run_a_constant_number_of_queries(client, approved, held):
    url = reverse("api-gram-public-minutes", args=[approved.pk])
    few = _queries(client, url)
    for n in range(3):
        AgendaItem.objects.create(meeting=held, position=10 + n, title=f"Item {n}")
        MinutesVersion.objects.create(minutes=approved, number=2 + n, text=f"Version {n}")
    assert _queries(client, url) == few
