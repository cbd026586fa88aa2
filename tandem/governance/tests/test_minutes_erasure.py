"""Erasing an account takes the person's full name and address out of every free text of the
GRAM: the minutes (the record of the meeting and each version's note, the amendments' wording,
each agenda item's summary of the discussion and decision), the agenda and the proposals (and
their findings); other people's names stay, even a longer name that begins with the erased
one."""

from __future__ import annotations

import pytest

from tandem.accounts.services import erase_account
from tandem.core.erasure import erased_label
from tandem.governance import personal_data, services
from tandem.governance.models import Amendment, MinutesItem

from .conftest import current_items, mandates

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(held):
    """The erased person (Zoé Martin) and another member (Zoé Martinez), both in the room."""
    first, second = (m.person for m in mandates(held.body, "patients")[:2])
    for person, last in ((first, "Martin"), (second, "Martinez")):
        person.first_name, person.last_name = "Zoé", last
        person.save(update_fields=["first_name", "last_name"])
    return first, second


@pytest.fixture
def minutes(held, officer, named):
    minutes = services.draft_minutes(held, by=officer)
    erased, other = named
    item = current_items(minutes).get()
    services.record_minutes_items(
        minutes,
        entries=[
            {
                "item": item.item_id,
                "discussion": f"ZOÉ MARTIN ({erased.email}) asked for a vote; Zoé Martinez agreed.",
                "outcome": "Report adopted on Zoé Martin's proposal.",
            }
        ],
        by=officer,
    )
    amendment = services.amend_minutes(
        minutes, line=1, replacement="Present: Zoé Martin and Zoé Martinez.", by=other
    )
    services.decide_amendment(amendment, accept=True, by=officer)
    return minutes


def test_erasure_takes_the_name_out_of_the_items_the_versions_and_the_amendments(minutes, named):
    erased, _other = named
    label = erased_label(erased.pk)
    personal_data.erase(erased)

    # Every version that recorded the item (the one written and the amendment's copy).
    written = MinutesItem.objects.filter(version__minutes=minutes).exclude(discussion="")
    assert written.count() == 2
    for item in written:
        assert item.discussion == f"{label} ({label}) asked for a vote; Zoé Martinez agreed."
        assert item.outcome == f"Report adopted on {label}'s proposal."
    assert Amendment.objects.get().replacement == f"Present: {label} and Zoé Martinez."
    for version in minutes.versions.all():
        assert "Zoé Martin " not in f"{version.text} " and "Zoé Martin\n" not in version.text
        assert "Zoé Martinez" in version.text


def test_another_persons_erasure_leaves_the_minutes_as_they_were(minutes, named):
    _erased, other = named
    before = current_items(minutes).get()
    personal_data.erase(other)
    after = current_items(minutes).get()
    assert after.discussion.startswith("ZOÉ MARTIN (") and after.outcome == before.outcome


def test_erasing_the_account_cleans_the_minutes(minutes, named, officer):
    erased, _other = named
    email = erased.email
    erase_account(erased, by=officer)
    items = MinutesItem.objects.filter(version__minutes=minutes)
    texts = [text for item in items for text in (item.discussion, item.outcome)]
    texts += [Amendment.objects.get().replacement]
    texts += [v.text for v in minutes.versions.all()]
    assert not [t for t in texts if email in t or "Zoé Martin " in t or "ZOÉ MARTIN" in t]
    assert all("Zoé Martinez" in t for t in texts if "Martinez" in t)


def test_erasure_takes_the_name_out_of_proposals_and_their_findings(held, named):
    """A proposal's text names the person; its plain-language findings, which quote the text,
    are checked again once it is redacted. The agenda and the votes' questions are cleaned too;
    the author (another member) and other names stay."""
    erased, other = named
    sentence = (
        "Conformément à la demande formulée par Zoé Martin lors de la précédente réunion "
        "plénière, nonobstant les dispositions réglementaires afférentes à la "
        "pharmacovigilance, il est proposé que les documents soient transmis préalablement."
    )
    proposal = services.draft_proposal(
        held.body, author=other, title="Documents for Zoé Martin", text=sentence
    )
    assert any("Zoé Martin" in f["text"] for f in proposal.clarity_findings)
    item = held.items.first()
    item.description = f"Raised by {erased.email}; Zoé Martinez seconded."
    item.save(update_fields=["description"])

    personal_data.erase(erased)

    label = erased_label(erased.pk)
    proposal.refresh_from_db()
    assert proposal.title == f"Documents for {label}"
    assert "Zoé Martin " not in proposal.text and label in proposal.text
    assert proposal.clarity_findings
    assert not any("Zoé Martin " in f["text"] for f in proposal.clarity_findings)
    item.refresh_from_db()
    assert item.description == f"Raised by {label}; Zoé Martinez seconded."
    assert proposal.author == other
