"""Issue 14, point 5: why a reviewer was suggested is stored as a code and its parameters and
worded when shown, in the reader's language (it stayed in the language it was made in). Sentences
stored before are read back into codes by the migration."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tandem.reviews import services
from tandem.reviews.explanations import PREVIOUS_ROUND, SUGGESTED, reason_sentence
from tandem.reviews.models import Assignment

from .conftest import LEAFLET, review_all, upload

migration = importlib.import_module("tandem.reviews.migrations.0004_assignment_reason_code")


def _in(language: str, code: str, params: dict) -> str:
    with translation.override(language):
        return reason_sentence(code, params)


def test_the_suggestion_stores_a_code_and_parameters_not_words(in_review, pool):
    seat = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    assert seat.reason_code == SUGGESTED
    assert seat.reason == ""
    assert seat.reason_params["affinity"] == "exact"
    assert seat.reason_params["language"] == "fr"
    assert {"area", "before", "max"} <= set(seat.reason_params)
    english = _in("en", seat.reason_code, seat.reason_params)
    french = _in("fr", seat.reason_code, seat.reason_params)
    assert english.startswith("Knows this disease area") and "no conflict of interest" in english
    assert french.startswith("Connaît ce domaine de maladies") and "conflit d'intérêts" in french
    with translation.override("fr"):
        assert seat.why == french


def test_a_coordinators_own_choice_has_no_reason(accepted, coordinator, pool):
    """Eli reads only English: the suggestion for a French request does not name him."""
    (seat,) = services.assign_reviewers(
        accepted,
        by=coordinator,
        reviewers=[pool[3]],
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    assert seat.reason_code in ("", SUGGESTED)
    if seat.reason_code == "":
        assert seat.why == ""


def test_a_new_round_records_the_previous_version(
    in_review, coordinator, researcher, django_capture_on_commit_callbacks
):
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document_version(
            in_review,
            kind="leaflet",
            upload=upload(LEAFLET.replace("ponction articulaire", "prise de liquide")),
            by=researcher,
            start_revision=True,
        )
    new = services.open_new_round(
        in_review, by=coordinator, deadline=timezone.localdate() + dt.timedelta(days=7)
    )
    seats = list(Assignment.objects.filter(round=new))
    assert seats and {s.reason_code for s in seats} == {PREVIOUS_ROUND}
    with translation.override("fr"):
        assert seats[0].why == "A relu la version précédente."
    with translation.override("en"):
        assert seats[0].why == "Reviewed the previous version."


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_assign_page_words_the_reason_in_the_readers_language(
    client, in_review, coordinator, language
):
    coordinator.language = language
    coordinator.save()
    client.force_login(coordinator)
    page = client.get(reverse("reviews:assign", args=[in_review.pk])).content.decode()
    expected = {"fr": "Connaît ce domaine de maladies", "en": "Knows this disease area"}
    other = {"fr": "Knows this disease area", "en": "Connaît ce domaine de maladies"}
    assert expected[language] in page
    assert other[language] not in page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_api_words_the_reason_in_the_callers_language(client, in_review, pool, language):
    pool[0].language = language
    pool[0].save()
    client.force_login(pool[0])
    data = client.get(reverse("api-assignments")).json()
    rows = data["results"] if isinstance(data, dict) else data
    (row,) = [r for r in rows if r["request"] == in_review.pk]
    assert row["reason_code"] == SUGGESTED
    start = {"fr": "Connaît ce domaine", "en": "Knows this disease area"}[language]
    assert row["reason"].startswith(start)


@pytest.mark.parametrize(
    ("stored", "code", "params"),
    [
        (
            "Knows this disease area (Type 1 diabetes); 1 open review before this one, of 3 "
            "accepted; reads French, no conflict of interest, available.",
            SUGGESTED,
            {
                "affinity": "exact",
                "area": "Type 1 diabetes",
                "before": 1,
                "max": 3,
                "language": "fr",
            },
        ),
        (
            "Connaît un domaine de maladies proche (Diabète)\u202f; 0\u00a0relecture déjà en cours "
            "(maximum accepté\u202f: 2)\u202f; langue lue\u202f: anglais, pas de conflit "
            "d'intérêts, disponible.",
            SUGGESTED,
            {"affinity": "related", "area": "Diabète", "before": 0, "max": 2, "language": "en"},
        ),
        (
            "Connaît un domaine de maladies proche (Diabète); 0 relecture déjà en cours "
            "(maximum accepté : 2); langue lue : anglais, pas de conflit d'intérêts, disponible.",
            SUGGESTED,
            {"affinity": "related", "area": "Diabète", "before": 0, "max": 2, "language": "en"},
        ),
        ("A relu la version précédente.", PREVIOUS_ROUND, {}),
        ("Reviewed the previous version.", PREVIOUS_ROUND, {}),
        ("Chosen by hand: knows the team.", None, None),
    ],
)
def test_the_migration_reads_stored_sentences_back_into_codes(stored, code, params):
    parsed = migration.parse(stored)
    if code is None:
        assert parsed is None  # kept as stored, shown as it is
        return
    assert parsed == (code, params)
    # Worded again, in either language, it says the same thing.
    assert _in("en", *parsed) and _in("fr", *parsed)
