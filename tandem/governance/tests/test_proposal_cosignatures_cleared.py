"""Co-signers support a text: when the author rewrites the text of a draft, their co-signatures
are withdrawn (one service, page and API alike), they are told in their own language, and the
page says so."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tandem.accounts.services import create_api_token
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry, Notification
from tandem.governance import services
from tandem.governance.models import CoSignature

from .conftest import mandates
from .test_meeting_session import signed_in

pytestmark = pytest.mark.django_db
TEXT = "Nous demandons que les associations lisent les notices avant le comité."
NEW_TEXT = "Nous demandons que les associations lisent les notices et les consentements."
KIND = "governance.cosignature_withdrawn"


@pytest.fixture
def cosigned(full_body, gram_member):
    """A draft of the persona `gram_member`, co-signed by two other members."""
    proposal = services.draft_proposal(full_body, author=gram_member, title="Relire tôt", text=TEXT)
    signers = [m.person for m in mandates(full_body, "researchers")[:2]]
    for person in signers:
        services.cosign(proposal, person=person)
    return proposal, signers


def test_a_new_text_withdraws_the_cosignatures_and_tells_the_cosigners(
    cosigned, gram_member, django_capture_on_commit_callbacks
):
    proposal, signers = cosigned
    with django_capture_on_commit_callbacks(execute=True):
        services.update_proposal(proposal, by=gram_member, text=NEW_TEXT)

    assert not CoSignature.objects.filter(proposal=proposal).exists()
    entry = ActionLogEntry.objects.filter(action="governance.proposal.edited").get()
    assert sorted(entry.data["cosigners_withdrawn"]) == sorted(p.pk for p in signers)
    notes = Notification.objects.filter(kind=KIND).order_by("recipient_id")
    assert [n.recipient for n in notes] == sorted(signers, key=lambda p: p.pk)
    note = notes[0]
    assert note.params == {"title": "Relire tôt"}
    assert note.url == proposal.get_absolute_url()
    with translation.override("fr"):
        assert "«\u202fRelire tôt\u202f»" in note.shown_title and "cosign" in note.shown_title
        assert "cosign" in note.shown_body
    with translation.override("en"):
        assert "“Relire tôt”" in note.shown_title and "co-signature" in note.shown_title


def test_other_edits_keep_the_cosignatures(
    cosigned, gram_member, django_capture_on_commit_callbacks
):
    proposal, _signers = cosigned
    with django_capture_on_commit_callbacks(execute=True):
        # The same text sent again, as the page's form does, with another rationale.
        services.update_proposal(proposal, by=gram_member, text=TEXT, rationale="Parce que.")

    assert CoSignature.objects.filter(proposal=proposal).count() == 2
    assert not Notification.objects.filter(kind=KIND).exists()


def test_a_refused_edit_keeps_the_cosignatures(cosigned, gram_member):
    proposal, _signers = cosigned
    with pytest.raises(DomainError):
        services.update_proposal(proposal, by=gram_member, text="  ")
    assert CoSignature.objects.filter(proposal=proposal).count() == 2
    assert not Notification.objects.filter(kind=KIND).exists()


def test_the_edit_page_warns_then_says_the_cosignatures_were_withdrawn(
    cosigned, gram_member, django_capture_on_commit_callbacks
):
    proposal, _signers = cosigned
    client = signed_in(gram_member, "en")
    url = reverse("governance:edit_proposal", args=[proposal.pk])
    form = client.get(url).content.decode()
    assert "2 members co-signed this draft" in form

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, {"title": "Relire tôt", "text": NEW_TEXT}, follow=True)

    page = saved.content.decode()
    assert "The co-signatures were withdrawn" in page
    assert not CoSignature.objects.filter(proposal=proposal).exists()
    assert Notification.objects.filter(kind=KIND).count() == 2


def test_the_edit_page_in_french(cosigned, gram_member, django_capture_on_commit_callbacks):
    proposal, _signers = cosigned
    client = signed_in(gram_member, "fr")
    url = reverse("governance:edit_proposal", args=[proposal.pk])
    assert "2 membres ont cosigné ce brouillon" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, {"title": "Relire tôt", "text": NEW_TEXT}, follow=True)
    assert "Les cosignatures ont été retirées" in saved.content.decode()


def test_the_api_patch_withdraws_the_cosignatures(
    cosigned, gram_member, django_capture_on_commit_callbacks
):
    proposal, signers = cosigned
    _token, key = create_api_token(gram_member, name="test")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.patch(
            f"/api/v1/governance/proposals/{proposal.pk}",
            {"text": NEW_TEXT},
            content_type="application/json",
        )

    assert answer.status_code == 200
    assert answer.json()["cosigners"] == []
    assert not CoSignature.objects.filter(proposal=proposal).exists()
    assert sorted(n.recipient_id for n in Notification.objects.filter(kind=KIND)) == sorted(
        p.pk for p in signers
    )


def test_the_api_patch_of_the_title_keeps_the_cosignatures(cosigned, gram_member):
    proposal, _signers = cosigned
    _token, key = create_api_token(gram_member, name="test")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    answer = api.patch(
        f"/api/v1/governance/proposals/{proposal.pk}",
        {"title": "Relire plus tôt"},
        content_type="application/json",
    )

    assert answer.status_code == 200
    assert len(answer.json()["cosigners"]) == 2
