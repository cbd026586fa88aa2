"""A draft proposal is edited by its author while it is a draft, from the page and the API (one
service): what was typed is kept on a refusal, the plain-language check runs again, and a long
sentence quoted in a finding is cut at a word boundary."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.services import create_api_token
from tandem.core.errors import DomainError
from tandem.governance import services
from tandem.governance.models import Proposal, ProposalStatus
from tandem.governance.services.proposals import QUOTE_LIMIT, _quote

from .conftest import mandates

pytestmark = pytest.mark.django_db
API = "/api/v1/governance/"
LONG = (
    "Nonobstant les dispositions susmentionnées relatives à la pharmacovigilance, à la "
    "randomisation des participants inclus dans l'étude multicentrique contrôlée et aux "
    "modalités de recueil du consentement éclairé des personnes vulnérables, le comité demande "
    "que la documentation soit transmise intégralement aux représentants des associations."
)


def signed_in(user) -> Client:
    user.language = "en"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def test_the_author_edits_the_draft_from_the_page_and_the_check_runs_again(full_body, gram_member):
    proposal = services.draft_proposal(
        full_body, author=gram_member, title="Short", text="We read the documents early."
    )
    before = proposal.clarity_findings
    client = signed_in(gram_member)
    url = reverse("governance:edit_proposal", args=[proposal.pk])
    assert url in client.get(proposal.get_absolute_url()).content.decode()
    assert "We read the documents early." in client.get(url).content.decode()
    # Refused (no text): what was typed comes back.
    page = client.post(url, {"title": "A title I typed", "text": "", "rationale": "Mine"})
    assert page.status_code == 422 and "A title I typed" in page.content.decode()
    client.post(url, {"title": "Long", "text": LONG, "rationale": "Because."})
    proposal.refresh_from_db()
    assert (proposal.title, proposal.text, proposal.rationale) == ("Long", LONG, "Because.")
    assert proposal.clarity_findings != before and proposal.clarity_findings
    for finding in proposal.clarity_findings:
        assert finding["text"] in LONG or finding["text"].endswith("…")


def test_only_the_author_edits_and_only_a_draft(full_body, gram_member, officer):
    proposal = services.draft_proposal(full_body, author=gram_member, title="T", text="A text.")
    other = mandates(full_body, "researchers")[0].person
    url = reverse("governance:edit_proposal", args=[proposal.pk])
    assert signed_in(other).get(url).status_code == 403
    assert url not in signed_in(other).get(proposal.get_absolute_url()).content.decode()
    with pytest.raises(DomainError) as refusal:
        services.update_proposal(proposal, by=other, title="Mine now")
    assert refusal.value.code == "not_editable"
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ON_AGENDA)
    with pytest.raises(DomainError) as refusal:
        services.update_proposal(proposal, by=gram_member, title="Too late")
    assert refusal.value.code == "not_editable"
    assert signed_in(gram_member).get(url).status_code == 403
    proposal.refresh_from_db()
    assert proposal.title == "T"


def test_the_api_patches_a_draft_with_the_same_service(full_body, gram_member):
    proposal = services.draft_proposal(full_body, author=gram_member, title="T", text="A text.")
    _token, key = create_api_token(gram_member, name="test")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    answer = api.patch(
        f"{API}proposals/{proposal.pk}", {"text": LONG}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["text"] == LONG
    proposal.refresh_from_db()
    assert proposal.title == "T" and proposal.clarity_findings  # only the text changed
    empty = api.patch(
        f"{API}proposals/{proposal.pk}", {"text": " "}, content_type="application/json"
    )
    assert empty.status_code in (400, 409)
    proposal.refresh_from_db()
    assert proposal.text == LONG


def test_a_long_quoted_sentence_is_cut_at_a_word_boundary():
    quoted = _quote(LONG)
    assert len(quoted) <= QUOTE_LIMIT and quoted.endswith("…")
    kept = quoted[:-1]
    assert LONG.startswith(kept) and LONG[len(kept)] == " "  # the next character is a space
    assert _quote("Short enough.") == "Short enough."
