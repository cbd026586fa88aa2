"""The coordinator's triage form on a request's page: a refused decision keeps what was typed
and shows each error beside its field."""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from tandem.reviews.models import RequestStatus

MESSAGE = "Le résumé du protocole manque. Merci d'envoyer aussi la notice mise à jour."


def _triage(client, coordinator, request, data):
    client.force_login(coordinator)
    response = client.post(reverse("reviews:triage", args=[request.pk]), data)
    form = lxml.html.fromstring(response.content.decode()).xpath(
        f"//form[@action='{reverse('reviews:triage', args=[request.pk])}']"
    )[0]
    return response, form


def _error_of(form, name):
    """The error shown in the field block of the input called `name`."""
    (block,) = form.xpath(f".//div[contains(@class, 'field')][.//*[@name='{name}']]")
    texts = block.xpath(".//*[@class='error-text']/text()")  # without the ✖ mark
    return " ".join(t.strip() for t in texts)


def test_a_message_without_a_decision_is_kept_and_the_decision_is_asked_for(
    client, submitted, coordinator
):
    response, form = _triage(client, coordinator, submitted, {"note": MESSAGE})

    assert response.status_code == 422
    assert form.xpath(".//textarea[@name='note']")[0].text_content().strip() == MESSAGE
    assert _error_of(form, "decision") == "Choose a decision."
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED


def test_declining_without_a_reason_keeps_the_choice_and_asks_for_the_reason(
    client, submitted, coordinator
):
    response, form = _triage(client, coordinator, submitted, {"decision": "decline", "note": " "})

    assert response.status_code == 422
    assert form.xpath(".//input[@name='decision'][@checked]/@value") == ["decline"]
    assert _error_of(form, "note") == "Give the reason for declining."
    assert _error_of(form, "decision") == ""
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED and not submitted.status_note


def test_a_decision_with_its_message_is_recorded(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("reviews:triage", args=[submitted.pk]), {"decision": "missing", "note": MESSAGE}
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.MISSING_DOCUMENTS
    assert submitted.status_note == MESSAGE
