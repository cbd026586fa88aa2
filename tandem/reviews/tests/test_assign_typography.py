"""The assign page's sentences joined from clauses follow each language's punctuation: French
puts a narrow no-break space (U+202F) before ";"."""

from __future__ import annotations

import re

import lxml.html
from django.urls import reverse
from django.utils import translation

from tandem.reviews import assignment as optimiser
from tandem.reviews.explanations import SUGGESTED, reason_sentence
from tandem.reviews.presenters import shortfall

PARAMS = {"affinity": "none", "area": "", "before": 1, "max": 3, "language": "fr"}
BARE_SEMICOLON = re.compile("(?<!\u202f);")


def test_a_reason_joins_its_clauses_as_each_language_does():
    with translation.override("fr"):
        french = reason_sentence(SUGGESTED, PARAMS)
    with translation.override("en"):
        english = reason_sentence(SUGGESTED, PARAMS)
    assert "pour relire\u202f; 1 relecture" in french
    assert not BARE_SEMICOLON.search(french)
    assert "free to review; 1 open review" in english


def test_a_shortfall_lists_its_blockers_as_each_language_does():
    result = optimiser.NeedResult(
        need=optimiser.Need(id=1, wanted=3),
        blocked={optimiser.UNTRAINED: 2, optimiser.FULL: 1},
    )
    with translation.override("fr"):
        french = shortfall(result, 5)
    with translation.override("en"):
        english = shortfall(result, 5)
    assert "\u202f; " in french and not BARE_SEMICOLON.search(french)
    assert "; " in english and "\u202f" not in english


def test_the_assign_page_in_french_has_no_bare_semicolon(client, accepted, coordinator, pool):
    coordinator.language = "fr"
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(reverse("reviews:assign", args=[accepted.pk])).content.decode()
    text = lxml.html.fromstring(page).xpath("//main")[0].text_content()
    assert "\u202f; " in text
    assert BARE_SEMICOLON.findall(text) == []
