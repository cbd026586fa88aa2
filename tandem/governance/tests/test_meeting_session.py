"""Opening a meeting's session: not more than a day before its date (service, page and API), a
message that says what happened; the words of attendance fit the meeting's time (nobody is
"Absent" before it, nobody "Will attend" after it); counts and colons in French."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.services import create_api_token
from tandem.core.errors import DomainError
from tandem.governance import services
from tandem.governance.models import MeetingStatus

from .conftest import check_in_all, mandates

pytestmark = pytest.mark.django_db
API = "/api/v1/governance/"
NNBSP = "\u202f"


def signed_in(user, language: str = "fr") -> Client:
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    return client


def test_a_session_opens_from_the_day_before_the_meeting_not_earlier(
    opening_rule, meeting, officer
):
    services.convene(meeting, by=officer)
    with pytest.raises(DomainError) as refusal:
        services.open_meeting(meeting, by=officer)
    assert refusal.value.code == "too_early"
    # The page says why, and nothing changed.
    page = signed_in(officer, "en").post(
        reverse("governance:meeting_transition", args=[meeting.pk, "open"]), follow=True
    )
    assert "its session can be opened from" in page.content.decode()
    _token, key = create_api_token(officer, name="test")
    answer = Client(headers={"Authorization": f"Bearer {key}"}).post(
        f"{API}meetings/{meeting.pk}/status", {"action": "open"}, content_type="application/json"
    )
    assert (answer.status_code, answer.json()["code"]) == (409, "too_early")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    # The day before, it opens, and the page says what happened.
    meeting.starts_at = timezone.now() + dt.timedelta(days=1)
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=2)
    meeting.save(update_fields=["starts_at", "ends_at"])
    page = signed_in(officer, "fr").post(
        reverse("governance:meeting_transition", args=[meeting.pk, "open"]), follow=True
    )
    assert "La séance est ouverte." in page.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS


def test_before_the_meeting_nobody_is_absent_and_after_it_nobody_will_attend(
    meeting, officer, gram_member
):
    services.convene(meeting, by=officer)
    services.answer_convocation(meeting, person=gram_member, answer="yes")
    page = signed_in(gram_member).get(meeting.get_absolute_url()).content.decode()
    assert f"Présence{NNBSP}: pas encore relevée" in page
    assert f"Présence{NNBSP}: Absent" not in page
    services.open_meeting(meeting, by=officer)
    check_in_all(meeting, officer)
    services.close_meeting(meeting, by=officer)
    page = signed_in(gram_member).get(meeting.get_absolute_url()).content.decode()
    assert "Sera présent·e" not in page
    assert "Avait annoncé sa présence" in page


def test_counts_and_labels_read_well_in_french(meeting, officer):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    client = signed_in(officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "0 membre présent ou représenté" in page
    member = mandates(meeting.body, "patients")[0]
    assert f"Présence{NNBSP}: {member.person.get_full_name()}" in page
    assert "Présence de " not in page


def test_the_member_finds_their_answer_chosen_and_a_proxy_list_that_says_what_to_do(
    meeting, officer, gram_member
):
    services.convene(meeting, by=officer)
    client = signed_in(gram_member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "checked" not in page.split('name="answer"')[1].split(">")[0]
    assert '<option value="" selected>Choisissez un membre</option>' in page
    assert "---------" not in page
    services.answer_convocation(meeting, person=gram_member, answer="no")
    page = client.get(meeting.get_absolute_url()).content.decode()
    chosen = [
        tag for tag in page.split("<input")[1:] if 'name="answer"' in tag and "checked" in tag
    ]
    assert len(chosen) == 1 and 'value="no"' in chosen[0]


def test_the_agenda_folds_the_conflict_form_and_the_quorum_counts_members_in_the_plural(
    meeting, officer, gram_member
):
    services.convene(meeting, by=officer)
    page = signed_in(gram_member).get(meeting.get_absolute_url()).content.decode()
    agenda = page.split('id="agenda-title"')[1].split("</section>")[0]
    folded = agenda.split("<details>")[1].split("</details>")[0]
    assert "<summary>Déclarer un conflit d'intérêts</summary>" in html.unescape(folded)
    assert 'name="conflict-' in folded
    assert '<th scope="col">Présents</th><th scope="col">Représentés</th>' in page
    # A refused reason comes back unfolded, as typed.
    item = meeting.items.get()
    refused = signed_in(gram_member).post(
        reverse("governance:declare_conflict", args=[item.pk]),
        {f"conflict-{item.pk}-reason": "x" * 600},
        follow=True,
    )
    agenda = refused.content.decode().split('id="agenda-title"')[1]
    assert "x" * 600 in agenda.split("<details open>")[1].split("</details>")[0]


def test_once_checked_in_the_member_is_not_asked_to_answer_or_give_a_proxy(
    meeting, officer, gram_member
):
    services.convene(meeting, by=officer)
    client = signed_in(gram_member)
    before = client.get(meeting.get_absolute_url()).content.decode()
    assert "Donner mon pouvoir" in before and "Envoyer ma réponse" in before
    mandate = next(m for m in mandates(meeting.body, "patients") if m.person == gram_member)
    services.check_in(meeting, mandate=mandate, presence="room", by=officer)
    services.open_meeting(meeting, by=officer)
    page = client.get(meeting.get_absolute_url()).content.decode()
    mine = page.split('id="mine-title"')[1].split("</section>")[0]
    assert f"Présence{NNBSP}: En salle." in mine
    assert "Donner mon pouvoir" not in mine and "Envoyer ma réponse" not in mine
