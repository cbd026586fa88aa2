"""Erasure erases: after a person who used every part of Tandem erases their account, no column
of any table (and no session) still holds their e-mail address, names or phone number."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone

from tandem.accounts import services as accounts
from tandem.accounts.models import Invitation, Role, User
from tandem.accounts.tests.factories import UserFactory
from tandem.checks import services as checks
from tandem.checks.models import CheckPdf, ClarityCheck
from tandem.checks.tests.pdfs import prepare
from tandem.core.erasure import erased_label
from tandem.directory import health
from tandem.directory import services as directory
from tandem.directory.models import DiseaseArea
from tandem.governance import services as governance
from tandem.governance.models import (
    Action,
    AgendaItem,
    Amendment,
    Mandate,
    MandateRole,
    Minutes,
    MinutesItem,
    Proposal,
    Vote,
)
from tandem.reviews import services as reviews
from tandem.reviews.models import Assignment, ReviewerProfile
from tandem.reviews.tests.conftest import upload

EMAIL = "zelie.quaresma@example.net"
FIRST, LAST, PHONE = "Zélie", "Quaresma", "+33 6 12 34 56 78"
PASSWORD = "une-phrase-de-passe-solide-42"


def _fold(text: str) -> str:
    """Lower case, accents off: search indexes keep names folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


NEEDLES = {_fold(n) for n in (EMAIL, FIRST, LAST, PHONE, PHONE.replace(" ", ""))}


def traces() -> list[str]:
    """Every (table.column, value) that still names the person, over every model's text and
    JSON columns, and in every session's decoded data."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not columns:
            continue
        for row in model._base_manager.values_list("pk", *columns):
            for column, value in zip(columns, row[1:], strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(needle in _fold(text) for needle in NEEDLES):
                    found.append(f"{model._meta.db_table}.{column} #{row[0]}: {text[:120]}")
    for session in Session.objects.all():
        decoded = json.dumps(session.get_decoded(), ensure_ascii=False, default=str)
        if any(needle in _fold(decoded) for needle in NEEDLES):
            found.append(f"session {session.session_key}: {decoded[:120]}")
    return found


def _sat_on_the_gram(person: User, officer: User, director: User) -> None:
    """She holds a seat of the GRAM and is named in a meeting's record: the agenda, a vote's
    question, a proposal (by another member) and its follow-up action, the minutes' text
    (present, by her full name; an accepted amendment) and the summary of an item."""
    body = governance.create_body(name="GRAM", slug="gram", by=None)
    today = timezone.localdate()
    seats = [("patients", person)] + [("patients", None)] * 9
    seats += [(code, None) for code in ("researchers", "administration") for _ in range(5)]
    for code, who in seats:
        governance.appoint(
            body.colleges.get(code=code),
            person=who or UserFactory(roles=[Role.GRAM]),
            start=today - dt.timedelta(days=30),
            end=today + dt.timedelta(days=700),
            role=MandateRole.MEMBER,
            by=None,
        )
    colleague = Mandate.objects.filter(college__body=body).exclude(person=person).first()
    assert colleague is not None
    name = f"{FIRST} {LAST}"
    proposal = governance.draft_proposal(
        body,
        author=colleague.person,
        title=f"Le guide de {name}",
        text=f"Nous proposons de diffuser le guide écrit par {name} ({EMAIL}).",
    )
    day = today + dt.timedelta(days=30)
    meeting = governance.schedule_meeting(
        body,
        title="GRAM, premier trimestre",
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(14))),
        place="Paris",
        by=officer,
    )
    report = governance.add_agenda_item(
        meeting, title=f"Rapport de {name}", description=f"Présenté par {name}.", by=officer
    )
    item = governance.put_on_agenda(proposal, meeting=meeting, by=officer)
    governance.convene(meeting, by=officer)
    governance.open_meeting(meeting, by=officer)
    for mandate in Mandate.objects.filter(college__body=body):
        governance.check_in(meeting, mandate=mandate, presence="room", by=officer)
    vote = governance.open_vote(item, question=f"Adopter la proposition sur {name} ?", by=officer)
    for mandate in Mandate.objects.filter(college__body=body):
        governance.cast_ballot(vote, mandate=mandate, cast_by=mandate, choice="for", by=officer)
    governance.close_vote(vote, by=officer)
    governance.close_meeting(meeting, by=officer)
    minutes = governance.draft_minutes(meeting, by=officer)
    governance.record_minutes_items(
        minutes,
        entries=[
            {
                "item": report.pk,
                "discussion": f"{name} a présenté son rapport ; {EMAIL} reste le contact.",
                "outcome": f"Rapport de {name} adopté.",
            }
        ],
        by=officer,
    )
    amendment = governance.amend_minutes(
        minutes, line=1, replacement=f"Présidence de séance : {name}.", by=colleague.person
    )
    governance.decide_amendment(amendment, accept=True, by=officer)
    governance.transmit(proposal, by=officer)
    governance.answer_proposal(proposal, decision="accepted", by=director)
    governance.add_action(
        proposal, title=f"Publier le guide de {name}", owner=director, due=day, by=officer
    )


@pytest.fixture
def person_who_used_everything(
    client, officer, coordinator, researcher, director, django_capture_on_commit_callbacks, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    area = DiseaseArea.objects.create(name_fr="Arthrose", name_en="Osteoarthritis")
    with django_capture_on_commit_callbacks(execute=True):
        # Invited by an officer, with a personal message that names her.
        _invitation, token = accounts.invite_person(
            EMAIL,
            by=officer,
            roles=["member", "researcher", "reviewer"],
            first_name=FIRST,
            last_name=LAST,
            message=f"Bonjour {FIRST} {LAST}, bienvenue !",
        )
        person = accounts.accept_invitation(
            token, first_name=FIRST, last_name=LAST, password=PASSWORD, language="fr"
        )
        client.force_login(person)
        assert client.get(reverse("accounts:profile")).status_code == 200
        accounts.update_profile(
            person, by=person, phone=PHONE, accessibility_notes=f"{FIRST} lit en gros caractères"
        )
        accounts.create_api_token(person, name=f"Script de {FIRST}")
        # Organizations, researcher profile and health information.
        organization = directory.register_organization(
            by=person, fields={"name": "Les Amis du Genou", "city": "Lyon"}
        )
        directory.save_researcher_profile(
            person,
            by=person,
            unit=None,
            keywords="arthrose, genou",
            orcid="0000-0002-1825-0097",
            disease_areas=[area],
            contact_email=EMAIL,
        )
        health.save_health_information(person, by=person, conditions=[(area, "self")], consent=True)
        # A clarity check, and a review request of her own.
        checks.submit_check(
            person, title=f"Notice de {FIRST}", document_kind="leaflet", text="Vous pouvez partir."
        )
        own = reviews.create_request(
            by=person,
            title="Étude ARTHRO",
            category="riph2",
            documents={
                "protocol_summary": upload("Résumé.", "p.docx"),
                "leaflet": upload(),
                "consent": upload("Je consens.", "c.docx"),
            },
        )
        reviews.submit_request(own, by=person)
        # The College: application, validation, a review with an anchored comment, named in
        # the report sent to the researcher.
        profile = reviews.apply_to_college(
            person, organization=organization, languages=["fr"], motivation=f"Moi, {FIRST}"
        )
        profile = reviews.validate_application(
            profile, by=coordinator, training_completed_on=dt.date(2025, 1, 1)
        )
        reviews.update_reviewer_profile(
            profile, by=person, values={"show_name_to_researchers": True}
        )
        reviews.add_unavailability(
            profile,
            by=person,
            start=timezone.localdate() + dt.timedelta(days=60),
            end=timezone.localdate() + dt.timedelta(days=70),
            note=f"Vacances de {FIRST}",
        )
        study = reviews.create_request(
            by=researcher,
            title="Étude GENOU",
            category="riph2",
            documents={
                "protocol_summary": upload("Résumé.", "p.docx"),
                "leaflet": upload(),
                "consent": upload("Je consens.", "c.docx"),
            },
        )
    # The documents are analysed after commit: their text is needed to anchor a comment.
    with django_capture_on_commit_callbacks(execute=True):
        reviews.submit_request(study, by=researcher)
        reviews.accept_request(study, by=coordinator)
        reviews.assign_reviewers(
            study,
            by=coordinator,
            reviewers=[person],
            deadline=timezone.localdate() + dt.timedelta(days=10),
        )
        assignment = Assignment.objects.get(reviewer=person)
        reviews.accept_assignment(assignment, by=person)
        leaflet = study.documents.get(kind="leaflet").latest_version
        reviews.add_comment(
            assignment, by=person, version=leaflet, comment="Expliquer", quote="ponction"
        )
        grid = {f"{c}_score": 3 for c in ("readability", "framework", "constraints", "rights")}
        reviews.save_review(assignment, by=person, values=grid, submit=True)
        report = reviews.start_consolidation(study, by=coordinator)
        reviews.send_report(report, by=coordinator)
    report.refresh_from_db()
    assert report.reviewer_names == [f"{FIRST} {LAST}"]
    with django_capture_on_commit_callbacks(execute=True):
        _sat_on_the_gram(person, officer, director)
    # Her check's report printed as a PDF: a file that holds its title (drawn quickly).
    prepare(ClarityCheck.objects.get(owner=person))
    assert traces()  # the scan does see her before the erasure
    return person


def test_erasure_leaves_no_trace_of_the_persons_email_names_or_phone(person_who_used_everything):
    person = person_who_used_everything
    accounts.erase_account(person, by=person)
    left = traces()
    assert left == [], "\n".join(left)


def test_erasure_deletes_her_printed_reports_and_their_files(
    person_who_used_everything, django_capture_on_commit_callbacks
):
    person = person_who_used_everything
    printed = CheckPdf.objects.get(clarity_check__owner=person)
    assert default_storage.exists(printed.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        accounts.erase_account(person, by=person)
    assert not CheckPdf.objects.exists()
    assert not default_storage.exists(printed.file.name)


def test_erasure_removes_her_email_addresses_and_invitation(person_who_used_everything):
    person = person_who_used_everything
    accounts.erase_account(person, by=person)
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not EmailAddress.objects.filter(email__iexact=EMAIL).exists()
    invitation = Invitation.objects.get(accepted_user=person)
    assert (invitation.email, invitation.first_name, invitation.last_name) == (
        User.objects.get(pk=person.pk).email,
        "",
        "",
    )
    assert invitation.message == ""
    assert not ReviewerProfile.objects.filter(user=person).exists()


def _grams_texts() -> dict[str, list[str]]:
    """The GRAM's free texts, by where they are written."""
    minutes = Minutes.objects.get()
    records = MinutesItem.objects.filter(version__minutes=minutes)
    return {
        "versions": [v.text for v in minutes.versions.all()],
        "items": [t for r in records for t in (r.discussion, r.outcome) if t],
        "amendment": [Amendment.objects.get().replacement],
        "agenda": [t for i in AgendaItem.objects.all() for t in (i.title, i.description)],
        "vote": [Vote.objects.get().question],
        "proposal": [t for p in Proposal.objects.all() for t in (p.title, p.text)],
        "action": [Action.objects.get().title],
    }


def test_erasure_takes_her_name_out_of_the_grams_record(person_who_used_everything):
    """The GRAM's record stays, her full name and address replaced by the erased account's
    label: each version of the minutes and each version's record of the items, the amendment,
    the agenda, the vote's question, the proposal and the action."""
    person = person_who_used_everything
    name = f"{FIRST} {LAST}"
    texts = _grams_texts()
    # Before: each names her (the items in versions 2 and 3, the amendment's copy).
    assert all(any(name in t for t in found) for found in texts.values()), texts
    assert len(texts["versions"]) == 3 and len(texts["items"]) == 4

    accounts.erase_account(person, by=person)

    label = erased_label(person.pk)
    after = _grams_texts()
    for where, found in after.items():
        assert not [t for t in found if name in t or EMAIL in t], where
        assert any(label in t for t in found), where
    assert after["vote"] == [f"Adopter la proposition sur {label} ?"]
    assert after["action"] == [f"Publier le guide de {label}"]
