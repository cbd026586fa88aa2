"""Issue 14, point 13: a four-word file scored 75/100. Too little text to judge says so, in the
page's language, instead of a score; a text long enough keeps its score."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.checks import services
from tandem.checks.models import MIN_WORDS_TO_JUDGE
from tandem.checks.tests.test_checks import LEAFLET_FR

pytestmark = pytest.mark.django_db

SAYS = {"en": ("Too short to judge", "too short to judge"), "fr": ("Trop court", "trop court")}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_four_words_are_too_short_to_judge(client, researcher, language):
    researcher.language = language
    researcher.save()
    check = services.submit_check(
        researcher, title="Quatre mots", document_kind="leaflet", text="Vous pouvez arrêter demain."
    )
    check.refresh_from_db()
    assert check.words is not None and check.words < MIN_WORDS_TO_JUDGE
    assert check.too_short
    assert check.score is None  # nothing stored to be shown or exported as a score
    client.force_login(researcher)
    page = client.get(check.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="too-short"' in text
    assert SAYS[language][0] in text
    assert "/100" not in text
    history = client.get(reverse("checks:history"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert SAYS[language][1] in history


def test_a_text_long_enough_keeps_its_score(client, researcher):
    check = services.submit_check(
        researcher, title="Notice", document_kind="leaflet", text=LEAFLET_FR
    )
    check.refresh_from_db()
    assert not check.too_short
    assert check.score is not None
    client.force_login(researcher)
    text = client.get(check.get_absolute_url()).content.decode()
    assert 'id="too-short"' not in text
    assert f"{check.score}<span" in text
