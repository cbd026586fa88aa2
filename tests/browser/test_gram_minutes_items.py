"""The minutes item by item in Chromium: the secretariat writes each agenda item's discussion,
outcome and proposal, a refusal keeps what was typed, a member reads it; every page checked
with axe and at a phone's and a desktop's width (390 px, 1280 px)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.governance import services
from tandem.governance.models import Mandate
from tests.browser.axe import blocking_violations
from tests.browser.language_mix import mixed_language_words

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def minutes():
    # Demo accounts: their roles would otherwise ask for a second factor first.
    officer = UserFactory(roles=["officer"], language="fr", is_demo=True)
    body = services.create_body(name="GRAM", slug="gram", by=officer)
    today = timezone.localdate()
    for code, seats in (("patients", 10), ("researchers", 5), ("administration", 5)):
        college = body.colleges.get(code=code)
        for _ in range(seats):
            services.appoint(
                college,
                person=UserFactory(roles=["gram"], language="fr"),
                start=today,
                end=today + dt.timedelta(days=900),
                by=officer,
            )
    member = Mandate.objects.first().person
    starts = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=30), dt.time(14)))
    meeting = services.schedule_meeting(
        body, title="Réunion de printemps", starts_at=starts, place="Paris", by=officer
    )
    proposal = services.draft_proposal(
        body, author=member, title="Documents deux semaines avant", text="Envoyer plus tôt."
    )
    services.add_agenda_item(meeting, title="Approbation du compte rendu", by=officer)
    services.put_on_agenda(proposal, meeting=meeting, by=officer)
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    for mandate in Mandate.objects.all():
        services.check_in(meeting, mandate=mandate, presence="room", by=officer)
    services.close_meeting(meeting, by=officer)
    return {
        "minutes": services.draft_minutes(meeting, by=officer),
        "officer": officer,
        "member": member,
        "proposal": proposal,
    }


def test_the_secretariat_writes_the_minutes_item_by_item(page, sign_in, minutes):
    record = minutes["minutes"]
    sign_in(minutes["officer"].email, PASSWORD)
    page.goto(record.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Rédiger le compte rendu point par point").click()
    assert blocking_violations(page) == []
    assert mixed_language_words(page) == []
    first = page.get_by_role("group", name="1. Approbation du compte rendu")
    second = page.get_by_role("group", name="2. Documents deux semaines avant")
    # The item on a proposal is linked to it from the start.
    assert second.get_by_label("Proposition à la direction générale").input_value() == str(
        minutes["proposal"].pk
    )
    first.get_by_label("Résumé des échanges").fill("Relecture sans remarque.")
    first.get_by_label("Décision ou conclusion").fill("Compte rendu approuvé.")
    second.get_by_label("Résumé des échanges").fill("Les membres en ont souligné l’urgence.")
    second.get_by_label("Décision ou conclusion").fill("Proposition adoptée.")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le compte rendu des points").click()
    assert page.get_by_text(
        "Le compte rendu des points de l'ordre du jour est enregistré."
    ).is_visible()
    assert blocking_violations(page) == []

    # A member reads the items on the minutes' page, at a phone's width and a desktop's.
    page.context.clear_cookies()
    sign_in(minutes["member"].email, PASSWORD)
    page.goto(record.get_absolute_url())
    assert page.get_by_text("Proposition adoptée.").is_visible()
    assert page.get_by_role("link", name="Documents deux semaines avant").is_visible()
    assert page.get_by_role("link", name="Rédiger le compte rendu point par point").count() == 0
    assert blocking_violations(page) == []
    assert mixed_language_words(page) == []


def test_minutes_approved_meanwhile_refuse_the_page_and_keep_what_was_typed(page, sign_in, minutes):
    record, officer = minutes["minutes"], minutes["officer"]
    sign_in(officer.email, PASSWORD)
    page.goto(f"/gram/minutes/{record.pk}/items/")
    first = page.get_by_role("group", name="1. Approbation du compte rendu")
    first.get_by_label("Décision ou conclusion").fill("Une décision longue à écrire.")
    # Meanwhile, the minutes are approved at the next meeting.
    starts = timezone.now() + dt.timedelta(days=90)
    nxt = services.schedule_meeting(
        record.meeting.body, title="Suivante", starts_at=starts, place="Paris", by=officer
    )
    services.add_agenda_item(nxt, title="Approbation", by=officer)
    services.convene(nxt, by=officer)
    services.open_meeting(nxt, by=officer)
    services.approve_minutes(record, at=nxt, by=officer)
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le compte rendu des points").click()
    assert page.get_by_text("Ce compte rendu est approuvé", exact=False).is_visible()
    value = first.get_by_label("Décision ou conclusion").input_value()
    assert value == "Une décision longue à écrire."
    assert blocking_violations(page) == []
