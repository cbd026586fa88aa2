"""A registration's status in French agrees with what it speaks of: the person ("Inscrit·e",
"Présent·e", "Absent·e", inclusive as everywhere else) or the registration ("Annulée", not the
masculine "Annulé" of a cancelled event), on the person's pages and in the officers' tables."""

from __future__ import annotations

from django.utils import translation

from tandem.events.models import EventStatus, RegistrationStatus


def test_registration_statuses_in_french_speak_of_the_person_or_the_registration():
    with translation.override("fr"):
        labels = {status.value: str(status.label) for status in RegistrationStatus}
        event_cancelled = str(EventStatus.CANCELLED.label)
    assert labels == {
        "registered": "Inscrit·e",
        "waiting": "Sur la liste d'attente",
        "offered": "Place proposée",
        "confirmed": "Place confirmée",
        "cancelled": "Annulée",
        "attended": "Présent·e",
        "no_show": "Absent·e",
    }
    assert event_cancelled == "Annulé"
