"""Issue 14, point 5: notifications stored as words before message ids and parameters are read
back (data migration accounts 0006), so that they too follow the reader's language; words that
are no known message stay as they are."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse
from django.utils import translation

from tandem.core.models import Notification

pytestmark = pytest.mark.django_db

migration = importlib.import_module("tandem.accounts.migrations.0006_notifications_as_message_ids")
catalogue_messages, convert, convert_stored = (
    migration.catalogue_messages,
    migration.convert,
    migration.convert_stored,
)

CLOSED = "“%(title)s” is closed"
INVITED = "%(name)s accepted your invitation"


def _words(language: str, msgid: str, **params) -> str:
    with translation.override(language):
        return translation.gettext(msgid) % params


@pytest.fixture(scope="module")
def messages():
    return catalogue_messages()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_words_of_either_language_are_read_back(messages, language):
    words = _words(language, CLOSED, title="Étude GENOU : suite")
    assert convert(words, "", messages) == (CLOSED, "", {"title": "Étude GENOU : suite"})


def test_a_body_of_ones_own_words_is_kept_verbatim(messages):
    title = _words("fr", INVITED, name="Zélie Martin")
    found = convert(title, "Merci, à bientôt !", messages)
    assert found == (INVITED, "%(text)s", {"name": "Zélie Martin", "text": "Merci, à bientôt !"})


def test_words_that_are_no_message_stay_as_they_are(messages):
    assert convert("Bonjour", "", messages) is None
    assert convert("Réunion déplacée au jeudi, salle B", "", messages) is None


def test_the_migration_converts_stored_rows_and_the_page_follows_the_reader(client, member):
    member.language = "en"
    member.save()
    old = Notification.objects.create(
        recipient=member, kind="reviews.request.closed", title=_words("fr", CLOSED, title="X")
    )
    kept = Notification.objects.create(recipient=member, kind="note", title="Bonjour à tous")
    from django.apps import apps

    migration.forwards(apps, None)
    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.title, old.params) == (CLOSED, {"title": "X"})
    assert kept.params is None and kept.title == "Bonjour à tous"
    client.force_login(member)
    page = client.get(reverse("core:notifications")).content.decode()
    assert "“X” is closed" in page
    assert convert_stored(Notification) == 0  # nothing left to read back: a second run is a no-op
