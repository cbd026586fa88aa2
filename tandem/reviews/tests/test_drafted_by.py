"""A draft is not sent yet: its page says who is preparing it, not who sent it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_draft_says_drafted_by_and_a_sent_request_submitted_by(client, draft, researcher):
    client.force_login(researcher)
    page = client.get(draft.get_absolute_url()).text
    assert "drafted by" in page and "submitted by" not in page
    type(researcher).objects.filter(pk=researcher.pk).update(language="fr")
    page = client.get(draft.get_absolute_url()).text
    assert "rédigée par" in page and "envoyée par" not in page


def test_a_sent_request_says_submitted_by(client, submitted, researcher):
    client.force_login(researcher)
    assert "submitted by" in client.get(submitted.get_absolute_url()).text
