"""Demo data of the GRAM (demo mode only), written through the services: the body with its 20
seats (two vacant), two years of quarterly meetings with attendance, proxies and votes (and
their minutes, item by item), the next meeting convened, ten proposals at every stage with
answers and actions. Idempotent: nothing is added once the body exists."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.accounts import services as account_services
from tandem.accounts.models import Role, RoleAssignment, User
from tandem.directory import reference_data
from tandem.directory import services as directory_services
from tandem.directory.models import MembershipRole, Organization, RegionalOffice
from tandem.governance import services
from tandem.governance.models import (
    ActionStatus,
    Body,
    Mandate,
    MandateRole,
    Meeting,
    Minutes,
    Proposal,
)

# (email, first name, last name, where they come from): the few people the other demos do not
# already have. A patients' representative belongs to the organization she represents; the
# administration's people are on the staff of a regional office of the institute.
EXTRA_PEOPLE = [
    ("gram.patients@demo.example.org", "Nadia", "Chevalier", "Charcot Debout"),
    ("gram.admin1@demo.example.org", "Bruno", "Garnier", "Paris Île-de-France Centre-Est"),
    ("gram.admin2@demo.example.org", "Hélène", "Faure", "Grand Ouest"),
]
# Mandates of four years: from 1 January to 31 December of the fourth year (the end is
# inclusive, so that a renewal starts the next day on the same seat).
MANDATE_YEARS = 4

PATIENTS = [
    "gram@example.org",
    "member@example.org",
    "reviewer1@example.org",
    "reviewer2@example.org",
    "reviewer3@example.org",
    "reviewer4@example.org",
    "reviewer5@example.org",
    "reviewer6@example.org",
    "gram.patients@demo.example.org",
]  # nine of ten seats: one vacancy
RESEARCHERS = [
    "researcher@example.org",
    "chercheur01@demo.example.org",
    "chercheur02@demo.example.org",
    "chercheur03@demo.example.org",
    "chercheur04@demo.example.org",
]
ADMINISTRATION = [
    "officer@example.org",
    "coordinator@example.org",
    "gram.admin1@demo.example.org",
    "gram.admin2@demo.example.org",
]  # four of five seats: one vacancy

# (title, text, easy-to-read summary, stage)
PROPOSALS = [
    (
        "Des documents envoyés deux semaines avant chaque réunion",
        "Le GRAM demande que tous les documents d'une réunion soient envoyés aux membres au "
        "moins quinze jours avant la réunion, dans un format lisible par un lecteur d'écran.",
        "Nous voulons recevoir les documents deux semaines avant. Nous aurons le temps de lire.",
        "implemented",
    ),
    (
        "Un défraiement pour les représentants associatifs",
        "Les représentants des associations membres du GRAM sont défrayés de leurs frais de "
        "transport et reçoivent une indemnité pour le temps de préparation des réunions.",
        "Les bénévoles ne doivent pas payer pour venir. Leur temps de travail compte.",
        "accepted",
    ),
    (
        "Une charte de la recherche participative",
        "L'institut adopte une charte de la recherche participative avec les associations de "
        "patients, rédigée avec elles et revue tous les trois ans.",
        "Un texte qui dit comment chercheurs et patients travaillent ensemble.",
        "declined",
    ),
    (
        "Former les chercheurs au langage clair",
        "Chaque nouvelle unité de recherche suit une formation au langage clair pour rédiger "
        "les notices d'information destinées aux participants.",
        "Les chercheurs apprennent à écrire simplement.",
        "waiting_overdue",
    ),
    (
        "Un patient partenaire dans chaque comité scientifique",
        "Chaque comité scientifique de l'institut compte au moins un représentant d'une "
        "association de patients, avec voix délibérative.",
        "Un patient vote dans chaque comité scientifique.",
        "waiting",
    ),
    (
        "Publier les résultats des études aux participants",
        "À la fin de chaque étude, un résumé des résultats en langage clair est envoyé aux "
        "participants qui le souhaitent.",
        "Les participants reçoivent les résultats de l'étude.",
        "adopted",
    ),
    (
        "Des réunions du GRAM en région",
        "Une réunion du GRAM sur quatre se tient en région, dans les locaux d'une délégation "
        "régionale, pour rencontrer les associations locales.",
        "Une réunion sur quatre a lieu hors de Paris.",
        "rejected",
    ),
    (
        "Un annuaire des associations ouvert aux chercheurs",
        "Les chercheurs de l'institut peuvent consulter l'annuaire des associations partenaires "
        "et leurs domaines d'intérêt.",
        "Les chercheurs trouvent plus facilement une association.",
        "on_agenda",
    ),
    (
        "Un prix de la recherche participative",
        "L'institut crée un prix annuel récompensant un projet mené avec une association de "
        "patients.",
        "Un prix pour un beau projet fait avec des patients.",
        "draft",
    ),
    (
        "Traduire les notices en facile à lire et à comprendre",
        "Les notices des études menées auprès de personnes ayant une déficience intellectuelle "
        "sont rédigées en facile à lire et à comprendre (FALC).",
        "Des notices faciles à lire pour tout le monde.",
        "draft",
    ),
]


def _docx(text: str, name: str) -> SimpleUploadedFile:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _person(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _people(officer: User) -> None:
    for email, first, last, place in EXTRA_PEOPLE:
        user = _person(email)
        if user is None:
            user = User(email=email, first_name=first, last_name=last, is_demo=True)
            user.set_unusable_password()
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=Role.GRAM)
        organization = Organization.objects.filter(name=place).first()
        if organization is not None:
            if not organization.memberships.filter(user=user).exists():
                directory_services.add_member(
                    organization, user=user, role=MembershipRole.MEMBER, by=officer
                )
            continue
        office = RegionalOffice.objects.filter(name__endswith=place).first()
        if office is not None and not office.staff.filter(pk=user.pk).exists():
            reference_data.save_reference(
                RegionalOffice, office.pk, by=officer, fields={}, staff=[*office.staff.all(), user]
            )


def _organization_of(person: User) -> Organization | None:
    """The organization a person belongs to in the directory: the one their seat represents,
    as their membership and their reviewer profile say."""
    return Organization.objects.filter(memberships__user=person).order_by("pk").first()


def _seat_everyone(body: Body, start: dt.date, officer: User) -> None:
    today = timezone.localdate()
    end_of_term = start.replace(year=start.year + MANDATE_YEARS) - dt.timedelta(days=1)
    for code, emails in (
        ("patients", PATIENTS),
        ("researchers", RESEARCHERS),
        ("administration", ADMINISTRATION),
    ):
        college = body.colleges.get(code=code)
        for index, email in enumerate(emails):
            person = _person(email)
            if person is None:
                continue
            role = MandateRole.MEMBER
            if email == "gram@example.org":
                role = MandateRole.CHAIR
            elif email == "researcher@example.org":
                role = MandateRole.VICE_CHAIR
            elif email == "officer@example.org":
                role = MandateRole.SECRETARY
            # One mandate ends in two months and is not renewed yet: the secretariat is warned.
            end = today + dt.timedelta(days=60) if index == 3 else end_of_term
            # A patients' seat represents the organization the person belongs to (the chair's
            # shows on that organization's page of involvement); without one, no seat.
            represented = _organization_of(person) if code == "patients" else None
            if code == "patients" and represented is None:
                continue
            services.appoint(
                college,
                person=person,
                organization=represented,
                role=role,
                start=start,
                end=end,
                by=officer,
            )
            # The "GRAM member" role says so on the person's account (it opens nothing: a
            # mandate does).
            if not person.has_role(Role.GRAM):
                account_services.set_roles(
                    person, roles=[*person.role_codes, Role.GRAM], by=officer
                )


def _hold(
    meeting: Meeting,
    officer: User,
    proposals: list[tuple[Proposal, bool]],
    previous: Minutes | None,
) -> Minutes:
    """Convene (as if three weeks before), hold and close a past meeting: attendance, a proxy,
    the approval of the previous minutes, the votes on its proposals; then its minutes."""
    meeting, _on_time = services.convene(meeting, by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(
        convened_at=meeting.starts_at - dt.timedelta(days=21)
    )
    services.open_meeting(meeting, by=officer)
    if previous is not None:
        services.approve_minutes(previous, at=meeting, by=officer)
    mandates = list(
        Mandate.objects.filter(pk__in=meeting.attendances.values("mandate")).select_related(
            "college"
        )
    )
    absent = [m for m in mandates if m.college.code == "patients"][-2:]
    services.give_proxy(meeting, person=absent[0].person, holder=mandates[0])
    for index, mandate in enumerate(mandates):
        if mandate in absent:
            continue
        services.check_in(
            meeting, mandate=mandate, presence="remote" if index % 4 == 0 else "room", by=officer
        )
    for proposal, adopt in proposals:
        item = proposal.agenda_items.get()
        vote = services.open_vote(item, question=str(proposal.title), by=officer)
        for index, mandate in enumerate(mandates):
            if mandate == absent[1]:
                continue
            choice = (
                ("for" if index % 5 else "abstain")
                if adopt
                else ("against" if index % 3 else "for")
            )
            cast_by = mandates[0] if mandate == absent[0] else mandate
            services.cast_ballot(vote, mandate=mandate, cast_by=cast_by, choice=choice, by=officer)
        services.close_vote(vote, by=officer)
    services.close_meeting(meeting, by=officer)
    minutes = services.draft_minutes(meeting, by=officer)
    services.record_minutes_items(
        minutes, entries=_item_records(meeting, dict(proposals), previous), by=officer
    )
    return minutes


def _item_records(
    meeting: Meeting, adopted: dict[Proposal, bool], previous: Minutes | None
) -> list[dict[str, object]]:
    """What the secretariat wrote of each agenda item of a past meeting."""
    entries: list[dict[str, object]] = []
    for item in meeting.items.select_related("proposal"):
        proposal = item.proposal
        if proposal is None:
            entries.append(
                {
                    "item": item.pk,
                    "discussion": "Relecture du compte rendu de la réunion précédente\u202f; "
                    "les amendements reçus ont été intégrés."
                    if previous is not None
                    else "Première réunion de la période\u202f: pas de compte rendu à approuver.",
                    "outcome": "Compte rendu approuvé à l’unanimité."
                    if previous is not None
                    else "Sans objet.",
                }
            )
            continue
        adopt = adopted.get(proposal, False)
        entries.append(
            {
                "item": item.pk,
                "discussion": f"Présentation de la proposition « {proposal.title} » par son "
                "autrice.\nLes membres du collège des patients en ont souligné l’urgence\u202f; "
                "les chercheurs ont interrogé sa mise en œuvre dans les unités.",
                "outcome": "Proposition adoptée\u202f: elle est transmise à la direction générale."
                if adopt
                else "Proposition non adoptée\u202f: elle sera retravaillée avec les chercheurs.",
                "proposal": proposal.pk,
            }
        )
    return entries


def load() -> None:
    officer, director = _person("officer@example.org"), _person("director@example.org")
    author = _person("gram@example.org")
    if officer is None or director is None or author is None or Body.objects.exists():
        return
    _people(officer)
    body = services.create_body(
        name="GRAM — Groupe de réflexion avec les associations de malades", slug="gram", by=officer
    )
    today = timezone.localdate()
    # Two whole years held before this one, whatever the day: eight quarterly meetings at least.
    first_year = today.year - 2
    _seat_everyone(body, dt.date(first_year, 1, 1), officer)
    meetings: list[Meeting] = []
    for year in range(first_year, today.year + 2):
        meetings += services.plan_year(
            body, year=year, place="Inserm, 101 rue de Tolbiac, Paris", by=officer
        )
    past = [m for m in meetings if m.starts_at < timezone.now()]
    upcoming = next(m for m in meetings if m.starts_at >= timezone.now())
    researcher = _person("researcher@example.org") or author

    proposals = []
    for title, text, summary, stage in PROPOSALS:
        proposal = services.draft_proposal(
            body, author=author, title=title, text=text, easy_read_summary=summary
        )
        services.cosign(proposal, person=researcher)
        proposals.append((proposal, stage))

    voted = [(p, stage) for p, stage in proposals if stage not in ("draft", "on_agenda")]
    # Spread the voted proposals over the past meetings, two per meeting, oldest first.
    previous: Minutes | None = None
    for index, meeting in enumerate(past):
        services.add_agenda_item(meeting, title="Approbation du compte rendu précédent", by=officer)
        batch = voted[index * 2 : index * 2 + 2]
        for proposal, _stage in batch:
            services.put_on_agenda(proposal, meeting=meeting, by=officer)
        adopt = [(p, stage != "rejected") for p, stage in batch]
        previous = _hold(meeting, officer, adopt, previous)

    for proposal, stage in proposals:
        proposal.refresh_from_db()
        if stage == "on_agenda":
            services.put_on_agenda(proposal, meeting=upcoming, by=officer)
        if stage in ("draft", "on_agenda", "adopted", "rejected"):
            continue
        services.transmit(proposal, by=officer)
        sent = proposal.agenda_items.get().meeting.starts_at + dt.timedelta(days=7)
        Proposal.objects.filter(pk=proposal.pk).update(
            transmitted_at=sent,
            answer_due=timezone.localdate(sent) + dt.timedelta(days=body.answer_days),
        )
        if stage in ("waiting", "waiting_overdue"):
            if stage == "waiting":
                Proposal.objects.filter(pk=proposal.pk).update(
                    transmitted_at=timezone.now() - dt.timedelta(days=20),
                    answer_due=today + dt.timedelta(days=70),
                )
            continue
        if stage == "declined":
            services.answer_proposal(
                proposal,
                decision="declined",
                reason="Une charte nationale est en préparation avec le ministère\u202f; nous y associerons le GRAM.",
                by=director,
            )
            continue
        decision = "accepted" if stage == "accepted" else "partly"
        services.answer_proposal(
            proposal,
            decision=decision,
            reason=""
            if decision == "accepted"
            else "Dix jours plutôt que quinze pour les documents.",
            by=director,
        )
        first = services.add_action(
            proposal,
            title="Modifier le règlement intérieur",
            owner=officer,
            due=today - dt.timedelta(days=30),
            by=director,
        )
        second = services.add_action(
            proposal,
            title="Informer les membres et les unités",
            owner=officer,
            due=today + dt.timedelta(days=45),
            by=director,
        )
        if stage == "implemented":
            services.update_action(
                first,
                status=ActionStatus.DONE,
                progress=100,
                evidence="Règlement voté en séance.",
                by=officer,
            )
            services.update_action(
                second,
                status=ActionStatus.DONE,
                progress=100,
                evidence="Lettre envoyée.",
                by=officer,
            )
        else:
            services.update_action(
                second,
                status=ActionStatus.IN_PROGRESS,
                progress=40,
                evidence="Courrier en relecture.",
                by=officer,
            )

    services.add_agenda_item(
        upcoming,
        title="Point sur les réponses de la direction générale",
        by=officer,
        duration_minutes=30,
    )
    agenda = services.add_document(
        upcoming,
        title="Ordre du jour et notes préparatoires",
        upload=_docx("Ordre du jour de la prochaine réunion du GRAM.", "ordre-du-jour.docx"),
        by=officer,
    )
    services.convene(upcoming, by=officer)
    # After the convocation: a corrected version (the first is kept, members are told), and the
    # members' comments before the meeting.
    agenda = services.add_document(
        upcoming,
        title="Ordre du jour et notes préparatoires (corrigé)",
        upload=_docx(
            "Ordre du jour de la prochaine réunion du GRAM, horaires corrigés.",
            "ordre-du-jour-v2.docx",
        ),
        replaces=agenda,
        by=officer,
    )
    for email, text in (
        ("gram@example.org", "Pouvons-nous ajouter un point sur l’accessibilité des documents ?"),
        ("member@example.org", "Merci pour la correction des horaires."),
    ):
        person = _person(email)
        if person is not None:
            services.comment_on_document(agenda, person=person, text=text)
