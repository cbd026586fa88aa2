"""Demo data of the incubator: twelve projects across every stage, support requests, two
generated agreements, twenty resources with versions and three working groups, made through
the services with the demo's people and organizations. Idempotent: nothing is added when the
first demo project exists."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.accounts.models import User
from tandem.directory.models import DiseaseArea, Institute, Organization, RegionalOffice
from tandem.incubator import services
from tandem.incubator.meetings import MeetingPlan, schedule_meeting
from tandem.incubator.model_agreement import agreement_template
from tandem.incubator.models import (
    Project,
    ProjectStage,
    Resource,
    ResourceKind,
    SupportRequest,
    SupportStatus,
    WorkingGroup,
)
from tandem.incubator.stages import STAGES

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# (title, question, why it matters, disease-area codes, stage, public)
PROJECTS = [
    (
        "Groupe alcool : parole des proches",
        "Comment les proches de personnes dépendantes à l'alcool vivent-ils l'accompagnement ?",
        "Les proches s'épuisent et sont rarement écoutés par la recherche.",
        ["F10-F19"],
        ProjectStage.RUNNING,
        True,
    ),
    (
        "Diabète de type 1 à l'adolescence",
        "Quels outils aident les adolescents à gérer leur traitement au collège ?",
        "Les adolescents décrochent souvent de leur traitement.",
        ["E10-E14"],
        ProjectStage.AGREEMENT,
        False,
    ),
    (
        "Pair-aidance en psychiatrie",
        "La pair-aidance réduit-elle les réhospitalisations ?",
        "Les pairs-aidants sont peu reconnus alors qu'ils aident beaucoup.",
        ["F20-F29"],
        ProjectStage.RESULTS_SHARED,
        True,
    ),
    (
        "Activité physique et Parkinson",
        "Quelle activité physique adaptée les personnes préfèrent-elles ?",
        "Les programmes proposés sont souvent abandonnés.",
        ["G20-G26"],
        ProjectStage.DESIGN,
        False,
    ),
    (
        "Vivre avec la mucoviscidose adulte",
        "Quels besoins nouveaux apparaissent avec l'allongement de la vie ?",
        "Les adultes atteints sont plus nombreux que les enfants aujourd'hui.",
        ["586"],
        ProjectStage.IDEA,
        False,
    ),
    (
        "Douleur chronique et travail",
        "Comment adapter le poste de travail aux personnes douloureuses chroniques ?",
        "Beaucoup perdent leur emploi faute d'aménagement.",
        [],
        ProjectStage.IDEA,
        False,
    ),
    (
        "Maladies rares : errance diagnostique",
        "Quelles étapes allongent le diagnostic des maladies rares ?",
        "L'errance dure en moyenne plusieurs années.",
        ["98896", "232"],
        ProjectStage.DESIGN,
        False,
    ),
    (
        "Cancer du sein : retour à domicile",
        "Que faut-il préparer avant la sortie de l'hôpital ?",
        "Le retour à domicile est vécu comme un abandon.",
        ["C50"],
        ProjectStage.AGREEMENT,
        False,
    ),
    (
        "VIH et vieillissement",
        "Comment vieillissent les personnes vivant avec le VIH depuis 30 ans ?",
        "Les médecins connaissent mal ces parcours.",
        ["B20-B24"],
        ProjectStage.RUNNING,
        True,
    ),
    (
        "Alzheimer : les aidants la nuit",
        "Comment soutenir les aidants réveillés la nuit ?",
        "Le manque de sommeil use les aidants.",
        ["G30-G32"],
        ProjectStage.RESULTS_SHARED,
        False,
    ),
    (
        "Épilepsie et permis de conduire",
        "Quelles informations manquent aux personnes épileptiques sur la conduite ?",
        "Les règles sont mal connues et mal expliquées.",
        ["G40-G47"],
        ProjectStage.CLOSED,
        True,
    ),
    (
        "Asthme de l'enfant à l'école",
        "Les écoles savent-elles réagir à une crise d'asthme ?",
        "Des crises graves arrivent encore en classe.",
        ["J40-J47"],
        ProjectStage.CLOSED,
        False,
    ),
]

# (title, kind, language, visibility, versions' change notes)
RESOURCES = [
    (
        "Guide de la recherche participative",
        ResourceKind.METHOD_GUIDE,
        "fr",
        "public",
        ["Première version", "Ajout d'exemples"],
    ),
    (
        "Participatory research handbook",
        ResourceKind.METHOD_GUIDE,
        "en",
        "public",
        ["First version"],
    ),
    (
        "Co-construire une question de recherche",
        ResourceKind.METHOD_GUIDE,
        "fr",
        "public",
        ["Première version", "Fiche courte ajoutée", "Relecture du GRAM"],
    ),
    (
        "Méthodes qualitatives pour les associations",
        ResourceKind.METHOD_GUIDE,
        "fr",
        "members",
        ["Première version"],
    ),
    (
        "Procédure de demande d'accompagnement",
        ResourceKind.PROCEDURE,
        "fr",
        "public",
        ["Première version", "Délais mis à jour"],
    ),
    (
        "Procédure d'indemnisation des bénévoles",
        ResourceKind.PROCEDURE,
        "fr",
        "members",
        ["Première version"],
    ),
    (
        "Procédure éthique : quand saisir un CPP ?",
        ResourceKind.PROCEDURE,
        "fr",
        "members",
        ["Première version", "Loi Jardé précisée"],
    ),
    ("Volunteer expenses procedure", ResourceKind.PROCEDURE, "en", "members", ["First version"]),
    ("Trame de cahier des charges", ResourceKind.TOOL, "fr", "members", ["Première version"]),
    (
        "Grille d'auto-évaluation du partenariat",
        ResourceKind.TOOL,
        "both",
        "public",
        ["Première version", "Version bilingue"],
    ),
    ("Tableau de suivi des contributions", ResourceKind.TOOL, "fr", "staff", ["Première version"]),
    ("Modèle de budget de projet", ResourceKind.TOOL, "fr", "members", ["Première version"]),
    (
        "Formation : lire un protocole",
        ResourceKind.TRAINING,
        "fr",
        "public",
        ["Première version", "Quiz ajouté"],
    ),
    ("Training: understanding consent", ResourceKind.TRAINING, "en", "public", ["First version"]),
    (
        "Formation : présenter des résultats au public",
        ResourceKind.TRAINING,
        "fr",
        "members",
        ["Première version"],
    ),
    (
        "Formation des officiers : accompagner un projet",
        ResourceKind.TRAINING,
        "fr",
        "staff",
        ["Première version"],
    ),
    (
        "Charte de partenariat associations-chercheurs",
        ResourceKind.PROCEDURE,
        "both",
        "public",
        ["Première version"],
    ),
    (
        "Fiche : publier avec les associations",
        ResourceKind.METHOD_GUIDE,
        "fr",
        "public",
        ["Première version"],
    ),
]
AGREEMENT_FR = "Convention de partenariat de recherche participative"
AGREEMENT_EN = "Participatory research partnership agreement"


def _docx_file(title: str, note: str, index: int) -> SimpleUploadedFile:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(note)
    document.add_paragraph(
        "Document de démonstration du département Science et Société."
        if index % 2
        else "Demonstration document of the Science and Society department."
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(f"{title[:40]}.docx", buffer.getvalue(), content_type=DOCX_TYPE)


def _areas(codes: list[str]) -> list[DiseaseArea]:
    return list(DiseaseArea.objects.filter(code__in=codes))


def _move_to(project: Project, stage: str, officer: User) -> None:
    order = list(ProjectStage.values)
    for target in order[1 : order.index(stage) + 1]:
        current = Project.objects.get(pk=project.pk).stage
        services.tick_checklist(project, done=sorted(STAGES[current].codes), by=officer)
        services.move_project(project, to=target, by=officer, note="Étape validée en comité.")


def _library(officer: User) -> dict[str, Resource]:
    made: dict[str, Resource] = {}
    for index, (title, kind, language, visibility, notes) in enumerate(RESOURCES):
        resource = services.add_resource(
            officer,
            title=title,
            summary=f"{title} : ressource du département Science et Société.",
            kind=kind,
            language=language,
            visibility=visibility,
            upload=_docx_file(title, notes[0], index),
            file_kind="docx",
            change_note=notes[0],
        )
        for note in notes[1:]:
            services.add_resource_version(
                resource,
                upload=_docx_file(title, note, index),
                file_kind="docx",
                change_note=note,
                by=officer,
            )
        made[title] = resource
    for title, language in ((AGREEMENT_FR, "fr"), (AGREEMENT_EN, "en")):
        template = services.add_resource(
            officer,
            title=title,
            summary="Modèle à variables : parties, objet, durée, données, publication, indemnisation.",
            kind=ResourceKind.AGREEMENT_TEMPLATE,
            language=language,
            visibility="members",
            upload=SimpleUploadedFile("convention.docx", agreement_template(language), DOCX_TYPE),
            file_kind="docx",
            change_note="Première version" if language == "fr" else "First version",
        )
        made[title] = template
    services.add_resource_version(
        made[AGREEMENT_FR],
        upload=SimpleUploadedFile("convention-v2.docx", agreement_template("fr"), DOCX_TYPE),
        file_kind="docx",
        change_note="Clause de publication relue par le service juridique",
        by=officer,
    )
    return made


def load() -> None:
    if Project.objects.filter(title=PROJECTS[0][0]).exists():
        return
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    officer = people.get("officer@example.org")
    member = people.get("member@example.org")
    researcher = people.get("researcher@example.org")
    if officer is None or member is None or researcher is None:
        return
    volunteers = [people[e] for e in sorted(people) if e.startswith("reviewer")]
    gram = people.get("gram@example.org")
    organizations = list(Organization.objects.order_by("pk")[:24])
    institutes = list(Institute.objects.order_by("pk"))
    offices = list(RegionalOffice.objects.order_by("pk"))
    library = _library(officer)
    today = timezone.localdate()
    # The demo's researcher works for the first theme-based institute: the projects linked to
    # it show on his list and he may follow them (their staff are told of each new link).
    if institutes:
        institutes[0].staff.add(researcher)

    # The organization the demo's member administers takes part in two projects: its page of
    # involvement (reporting) has something to show.
    her_organization = Organization.objects.filter(
        memberships__user=member, memberships__role="admin"
    ).first()
    projects: list[Project] = []
    for index, (title, question, why, codes, stage, public) in enumerate(PROJECTS):
        proposer = member if index % 2 == 0 else researcher
        partners = organizations[index * 2 : index * 2 + 2] if organizations else []
        if her_organization is not None and index in (0, 2) and her_organization not in partners:
            partners = [*partners, her_organization]
        project = services.propose_project(
            proposer,
            title=title,
            question=question,
            why_it_matters=why,
            help_needed=["design", "agreement", "funding", "ethics"][: 1 + index % 4],
            disease_areas=_areas(codes),
            organizations=partners,
            researchers=[researcher] if index % 4 != 3 else [],
        )
        services.assign_officer(project, officer=officer, by=officer)
        if institutes and offices:
            services.link_project(
                project,
                institute=institutes[index % len(institutes)],
                regional_office=offices[index % len(offices)],
                by=officer,
            )
        if gram is not None and index % 3 == 0:
            services.follow_project(project, by=gram)
        services.update_project(
            project,
            by=officer,
            changes={
                "purpose": f"Mener ensemble le projet « {title} ».",
                "duration_months": 12 + 6 * (index % 4),
                "data_handling": "Entretiens pseudonymisés, conservés par l'unité de recherche.",
                "publication": "Publication co-signée et résumé en langage clair.",
                "volunteer_compensation": "Frais de déplacement remboursés ; 2 jours de formation.",
                "public_summary": f"{question} Un projet mené avec des associations de patients.",
            },
        )
        services.add_timeline_entry(
            project, kind="note", text="Premier échange avec l'incubateur.", by=officer
        )
        services.add_milestone(
            project,
            title="Comité de suivi",
            due_on=today + dt.timedelta(days=30 * (index - 4)),
            by=officer,
        )
        if stage == ProjectStage.DESIGN and index == 6:
            # One move on with an incomplete checklist, confirmed and recorded.
            services.move_project(
                project,
                to=stage,
                by=officer,
                confirm_incomplete=True,
                note="Réunion de lancement reportée, on avance sur le protocole.",
            )
        else:
            _move_to(project, stage, officer)
        if public:
            services.publish_project(project, public=True, by=officer)
        projects.append(project)

    # Two generated agreements; the first signed by every party, its signed copy awaited.
    for project in (projects[1], projects[0]):
        agreement = services.generate_agreement(
            project, template=library[AGREEMENT_FR], by=officer, language="fr"
        ).agreement
        if project is projects[0]:
            for party in project.organizations.all():
                services.record_signature(
                    agreement,
                    party=str(party),
                    signatory="Présidente de l'association",
                    signed_on=today - dt.timedelta(days=40),
                    by=officer,
                )
            services.record_signature(
                agreement,
                party="Inserm",
                signatory="Directrice du département Science et Société",
                signed_on=today - dt.timedelta(days=35),
                by=officer,
            )

    # Support requests, in a project or on their own, some overdue.
    requests = [
        (
            projects[1],
            "agreement",
            "Relire la clause de publication",
            -5,
            SupportStatus.IN_PROGRESS,
        ),
        (projects[3], "design", "Choisir une méthode qualitative", 10, SupportStatus.OPEN),
        (projects[4], "funding", "Trouver un appel à projets", 20, SupportStatus.OPEN),
        (projects[6], "ethics", "Faut-il saisir un CPP ?", -2, SupportStatus.OPEN),
        (
            None,
            "training",
            "Former notre bureau à la lecture de protocoles",
            30,
            SupportStatus.WAITING,
        ),
        (None, "communication", "Présenter nos résultats au public", -10, SupportStatus.RESOLVED),
        (projects[2], "communication", "Affiche pour la restitution", 5, SupportStatus.IN_PROGRESS),
        (None, "funding", "Financer un poste de coordinatrice", 45, SupportStatus.CANCELLED),
    ]
    for index, (within, kind, subject, due, status) in enumerate(requests):
        support = services.request_support(
            member if index % 2 == 0 else researcher,
            kind=kind,
            subject=subject,
            description=f"{subject} : nous avons besoin de l'aide du département.",
            project=within,
            due_on=today + dt.timedelta(days=max(due, 0)),
        )
        if due < 0:  # asked earlier and now overdue: a date to come when it was asked
            SupportRequest.objects.filter(pk=support.pk).update(
                due_on=today + dt.timedelta(days=due)
            )
        if status != SupportStatus.OPEN:
            services.take_support_request(support, by=officer)
        if status in (SupportStatus.WAITING, SupportStatus.RESOLVED):
            services.move_support_request(support, to=status, by=officer)
        if status == SupportStatus.CANCELLED:
            services.move_support_request(support, to=status, by=officer)

    # Volunteers' contributions.
    for index, volunteer in enumerate([member, *volunteers]):
        project = projects[index % 4 * 2]
        services.record_contribution(
            project,
            volunteer=volunteer,
            role=["Relecture", "Comité de pilotage", "Entretiens", "Restitution"][index % 4],
            hours=Decimal(2 + index % 5),
            on=today - dt.timedelta(days=10 * (index + 1)),
            by=officer,
        )

    # Three working groups.
    groups = [
        (
            "Groupe de travail alcool",
            "Recherche communautaire sur l'alcool : les personnes concernées et leurs proches construisent les questions.",
            member,
            True,
        ),
        (
            "Aidants et maladies rares",
            "Partager les expériences des aidants et repérer les questions de recherche.",
            gram or member,
            True,
        ),
        (
            "Santé mentale des jeunes",
            "Préparer un projet participatif avec des lycéens et des associations.",
            researcher,
            False,
        ),
    ]
    made_groups: list[WorkingGroup] = []
    for index, (name, purpose, coordinator, public) in enumerate(groups):
        group = services.create_working_group(
            officer,
            name=name,
            purpose=purpose,
            coordinator=coordinator,
            members=[researcher, member, *volunteers[index : index + 3]],
            organizations=organizations[index : index + 2],
            is_public=public,
        )
        services.post_to_group(
            group, kind="update", text="Prochaine réunion : ordre du jour en ligne.", by=coordinator
        )
        services.post_to_group(
            group,
            kind="message",
            text="Je peux apporter des témoignages recueillis cette année.",
            by=member,
        )
        made_groups.append(group)
    _meetings(made_groups, [p for p in projects if p.stage != "closed"][:1], officer)


def _meetings(groups: list[WorkingGroup], projects: list[Project], officer: User) -> None:
    """Each working group's next meeting and a project's steering committee: events of the
    calendar (the events module), scheduled by the group's coordinator or the officer."""
    soon = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    for index, group in enumerate(groups):
        start = soon + dt.timedelta(days=14 + 7 * index)
        schedule_meeting(
            group,
            by=group.coordinator or officer,
            plan=MeetingPlan(
                title=f"{group.name}\u202f: réunion du mois",
                description="Ordre du jour\u202f: nouvelles du groupe, questions de recherche, suite.",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                capacity=20,
                online_url="https://visio.example.org/groupe",
            ),
        )
    for project in projects:
        start = soon + dt.timedelta(days=21)
        schedule_meeting(
            project,
            by=officer,
            plan=MeetingPlan(
                title=f"Comité de pilotage\u202f: {project.title}",
                description="Point sur les étapes, les jalons et la convention.",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                capacity=15,
                place_kind="address",
                address="8 rue de la Croix Jarry",
                city="Paris",
            ),
        )
