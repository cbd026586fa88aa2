"""Demo events: a year of them (six months back, six ahead) of every kind, the course
catalogue with the College's reviewers' training, full events with a waiting list and an
offered place, past events with attendance, feedback and certificates, a laboratory meeting
waiting for approval and travel expense claims. Written through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.accounts.models import User
from tandem.directory.models import ResearchUnit
from tandem.events import services
from tandem.events.models import Course, Event, EventStatus, Prerequisite

MARKER = "Comprendre la recherche clinique"

COURSES = [
    (
        "Former les relecteurs du Collège",
        "reviewing",
        "Deux jours pour apprendre à relire une notice d'information comme un futur participant.",
        "Lire une notice avec les yeux d'un participant\nRepérer le jargon et les phrases longues\n"
        "Écrire un commentaire utile et bienveillant",
        12,
        Prerequisite.COLLEGE,
    ),
    (
        MARKER,
        "clinical_research",
        "Les étapes d'un essai clinique, les comités d'éthique et la place des patients.",
        "Nommer les phases d'un essai\nDire le rôle d'un comité de protection des personnes\n"
        "Savoir où intervenir comme association",
        3,
        Prerequisite.NONE,
    ),
    (
        "Vaccination : questions et réponses",
        "vaccination",
        "Comment un vaccin est développé, testé et surveillé.",
        "Expliquer le principe d'un vaccin\nLire un résultat d'essai vaccinal",
        3,
        Prerequisite.NONE,
    ),
    (
        "Santé et environnement",
        "health_environment",
        "Pollution, expositions et santé : ce que la recherche sait et cherche.",
        "Distinguer corrélation et causalité\nConnaître les grandes cohortes françaises",
        4,
        Prerequisite.NONE,
    ),
]

MEMBERS = [
    "member@example.org",
    "gram@example.org",
    "reviewer1@example.org",
    "reviewer2@example.org",
    "reviewer3@example.org",
    "reviewer4@example.org",
    "reviewer5@example.org",
    "reviewer6@example.org",
]


def _at(days: int, hour: int = 14) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _event(
    officer: User,
    *,
    title: str,
    kind: str,
    topic: str,
    days: int,
    capacity: int,
    place: Mapping[str, object],
    course: Course | None = None,
    two_days: bool = False,
    eligibility: str = "everyone",
    questions: str = "",
) -> Event:
    start = _at(days, 9 if two_days else 14)
    sessions = [services.SessionData(start, start + dt.timedelta(hours=3 if not two_days else 7))]
    if two_days:
        nxt = start + dt.timedelta(days=1)
        sessions.append(services.SessionData(nxt, nxt + dt.timedelta(hours=7)))
    return services.create_event(
        by=officer,
        fields={
            "kind": kind,
            "title": title,
            "topic": topic,
            # A title that ends with its own mark ("… de recherche ?") takes no full stop.
            "description": f"{title if title.endswith(('?', '!', '.')) else title + '.'} Un temps"
            " d'échange ouvert, avec des chercheuses et chercheurs de l'Inserm et des membres"
            " d'associations.",
            "audience": "Membres d'associations de patients, sans connaissance préalable",
            "course": course,
            "registration_opens": start - dt.timedelta(days=60),
            "registration_closes": start - dt.timedelta(days=1),
            "eligibility": eligibility,
            "questions": questions,
            **_accessibility(place),
            **place,
        },
        capacity=capacity,
        sessions=sessions,
    )


def _accessibility(place: Mapping[str, object]) -> dict[str, object]:
    """What the event offers, coherent with where it is: a room's features on site; online,
    what helps on a screen (the model has no code for captions)."""
    if place.get("place_kind") == "online":
        return {
            "accessibility": ["sign_language", "easy_read"],
            "accessibility_notes": "Prévenez-nous de vos besoins\u202f: nous vous enverrons les "
            "documents à l'avance.",
        }
    return {
        "accessibility": ["step_free", "hearing_loop", "sign_language"],
        "accessibility_notes": "Une salle calme est disponible. Prévenez-nous de vos besoins.",
    }


def load() -> None:
    if Course.objects.filter(title=MARKER).exists():
        return  # loaded already
    officer = User.objects.get(email="officer@example.org")
    researcher = User.objects.get(email="researcher@example.org")
    people = list(User.objects.filter(email__in=MEMBERS).order_by("email"))
    courses = [
        services.save_course(
            None,
            by=officer,
            fields={
                "title": title,
                "topic": topic,
                "summary": summary,
                "objectives": objectives,
                "duration_hours": hours,
                "prerequisite_for": prerequisite,
            },
        )
        for title, topic, summary, objectives, hours, prerequisite in COURSES
    ]
    college, clinical, vaccination, environment = courses
    unit = ResearchUnit.objects.order_by("code").first()
    paris = {
        "place_kind": "address",
        "address": "101 rue de Tolbiac",
        "city": "Paris",
        "region": "idf",
    }
    lyon = {
        "place_kind": "address",
        "address": "Centre Léon Bérard",
        "city": "Lyon",
        "region": "ara",
    }
    online = {"place_kind": "online", "online_url": "https://visio.example.org/tandem-debat"}
    lab = {"place_kind": "unit", "unit": unit} if unit else paris

    # Past events: registrations replayed at their time, then attendance and feedback.
    past = [
        _event(
            officer,
            title="Former les relecteurs du Collège — session d'automne",
            kind="training",
            topic="reviewing",
            days=-150,
            capacity=6,
            place=paris,
            course=college,
            two_days=True,
        ),
        _event(
            officer,
            title=MARKER,
            kind="training",
            topic="clinical_research",
            days=-90,
            capacity=10,
            place=online,
            course=clinical,
        ),
        _event(
            officer,
            title="Visite du laboratoire : l'inflammation au microscope",
            kind="lab_meeting",
            topic="inflammation",
            days=-60,
            capacity=5,
            place=lab,
            eligibility="partners",
        ),
        _event(
            officer,
            title="Débat : les écrans et la mémoire",
            kind="debate",
            topic="cognition",
            days=-30,
            capacity=30,
            place=lyon,
        ),
    ]
    for index, event in enumerate(past):
        when = event.registration_opens + dt.timedelta(days=1)
        attendees = people[index : index + 5]
        registrations = [
            services.register(event, user=person, now=when + dt.timedelta(minutes=i))
            for i, person in enumerate(attendees)
        ]
        after = (event.ends_at or when) + dt.timedelta(hours=1)
        present = [r.pk for r in registrations[:-1] if r.status == "registered"]
        absent = [r.pk for r in registrations[-1:] if r.status == "registered"]
        services.record_attendance(event, by=officer, attended=present, absent=absent, now=after)
        for r, (rating, clear, comment) in zip(
            registrations[:3],
            [(5, 4, "Très clair, merci !"), (4, 5, ""), (4, 3, "Un peu rapide sur la fin.")],
            strict=False,
        ):
            r.refresh_from_db()
            services.give_feedback(r, by=r.user, rating=rating, clear=clear, comment=comment)

    # Events to come: every kind, one full with a waiting list and an offer pending.
    _event(
        officer,
        title="Former les relecteurs du Collège — session de printemps",
        kind="training",
        topic="reviewing",
        days=40,
        capacity=8,
        place=paris,
        course=college,
        two_days=True,
        questions="Avez-vous déjà relu un document de recherche ?",
    )
    full = _event(
        officer,
        title="Vaccination : questions et réponses",
        kind="training",
        topic="vaccination",
        days=20,
        capacity=3,
        place=lyon,
        course=vaccination,
    )
    held = [services.register(full, user=person) for person in people[:5]]
    services.cancel_registration(held[0], by=held[0].user)  # the 4th is offered the place
    _event(
        officer,
        title="Santé et environnement : l'air que nous respirons",
        kind="training",
        topic="health_environment",
        days=75,
        capacity=20,
        place=online,
        course=environment,
    )
    _event(
        officer,
        title="Rencontre au laboratoire : vacciner contre le VRS",
        kind="lab_meeting",
        topic="vaccination",
        days=55,
        capacity=8,
        place=lab,
        eligibility="partners",
    )
    _event(
        officer,
        title="Débat : qui décide des priorités de recherche ?",
        kind="debate",
        topic="clinical_research",
        days=12,
        capacity=40,
        place=online,
    )
    _event(
        officer,
        title="Rencontres nationales Science et Société",
        kind="national",
        topic="other",
        days=150,
        capacity=300,
        place=paris,
        two_days=True,
        questions="Participerez-vous au dîner ?\nSouhaitez-vous intervenir en atelier ?",
    )
    _event(
        officer,
        title="Débat : le sommeil des adolescents",
        kind="debate",
        topic="cognition",
        days=100,
        capacity=25,
        place=lyon,
    )

    # A researcher's proposal waiting for an officer, and travel expense claims.
    if unit is not None:
        services.propose_lab_meeting(
            by=researcher,
            title="Portes ouvertes : la génétique des maladies rares",
            topic="other",
            description="Une après-midi au laboratoire pour voir comment on séquence un génome.",
            capacity=10,
            sessions=[services.SessionData(_at(35), _at(35) + dt.timedelta(hours=3))],
            unit=unit,
        )
    for amount, person in ((Decimal("48.60"), people[0]), (Decimal("112.00"), people[1])):
        claim = services.submit_claim(
            by=person,
            event=past[0],
            amount=amount,
            description="Train aller-retour et tickets de métro",
            receipts=[(SimpleUploadedFile("billet.pdf", _receipt_pdf()), "pdf")],
        )
        if amount < 100:
            services.decide_claim(claim, by=officer, approve=True)
    assert Event.objects.filter(status=EventStatus.PUBLISHED).exists()


def _receipt_pdf() -> bytes:
    """A blank one-page PDF standing for a scanned ticket."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
