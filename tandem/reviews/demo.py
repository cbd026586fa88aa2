"""Demo data of the College (demo mode only): six reviewers with different loads, languages and
conflicts, and review requests at every stage, so that a visitor can walk the whole journey.
Idempotent: running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document as DocxDocument

from tandem.accounts.models import User
from tandem.directory.models import DiseaseArea, Organization, OrganizationMembership
from tandem.reviews import services
from tandem.reviews.models import (
    Assignment,
    AssignmentState,
    DocumentVersion,
    ReviewerProfile,
    ReviewerStatus,
    ReviewRequest,
)

LEAFLET = """Notice d'information – Étude {acronym}

Pourquoi cette étude ?
Il vous est proposé de participer à une recherche multicentrique, randomisée, en double aveugle, dont l'objectif principal est d'évaluer l'efficacité et la tolérance d'un nouveau traitement.

Comment va se passer l'étude ?
Après vérification des critères d'inclusion par l'investigateur, il vous sera demandé de vous soumettre à une prise de sang et à un électrocardiogramme à chaque visite, soit huit visites en six mois.

Quels sont les risques ?
Les effets indésirables rapportés concernent 12 % des patients, soit environ 1 patient sur 8, et sont le plus souvent bénins.

Vos droits
Vous pouvez arrêter à tout moment, sans donner de raison. Cela ne change rien à vos soins. Vos données sont protégées.
"""

CONSENT = """Formulaire de consentement – Étude {acronym}

Je soussigné(e) accepte librement de participer à la recherche {acronym}. J'ai reçu la notice d'information et j'ai pu poser mes questions. Je peux retirer mon consentement à tout moment sans conséquence sur ma prise en charge.
"""

PROTOCOL = "Résumé du protocole {acronym}. Essai multicentrique de phase III, 240 participants, durée six mois."

# (email, organization index, languages, disease-area codes, max load, trained, conflicts)
REVIEWERS = [
    ("reviewer1@example.org", 0, ["fr"], ["E10-E14"], 3, True, ""),
    ("reviewer2@example.org", 1, ["fr"], ["586"], 2, True, ""),
    ("reviewer3@example.org", 2, ["fr", "en"], ["232", "RARE"], 2, True, ""),
    ("reviewer4@example.org", 3, ["fr"], ["E65-E68"], 1, True, ""),
    ("reviewer5@example.org", 4, ["en", "fr"], ["E10-E14"], 3, True, "Pharmacorp"),
    ("reviewer6@example.org", 5, ["fr"], [], 2, False, ""),
]

GRID = {
    "readability_score": 2,
    "readability_comment": "Phrases trop longues.\nTrop de mots techniques : randomisée, double aveugle.",
    "framework_score": 3,
    "framework_comment": "L'objectif est compréhensible après deux lectures.",
    "constraints_score": 2,
    "constraints_comment": "Huit visites en six mois : le dire dès le début.",
    "rights_score": 4,
    "rights_comment": "Le droit de retrait est bien expliqué.",
    "burden_suggestions": "Regrouper la prise de sang et l'électrocardiogramme le même jour.",
}

# (acronym, title, category, area code, final stage)
REQUESTS = [
    ("DIAB-PLUS", "Insuline connectée chez l'adolescent", "riph2", "E10-E14", "draft"),
    ("MUCO-AIR", "Kinésithérapie respiratoire à domicile", "riph2", "586", "submitted"),
    ("DREPANO-KID", "Hydroxyurée chez l'enfant drépanocytaire", "riph1", "232", "accepted"),
    ("POIDS-SANTE", "Accompagnement après chirurgie bariatrique", "riph3", "E65-E68", "in_review"),
    ("GLYCO-TEST", "Capteur de glucose sans piqûre", "riph2", "E10-E14", "report_sent"),
    ("RARE-REG", "Registre des maladies rares pédiatriques", "riph3", "RARE", "closed"),
    ("MUCO-GENE", "Thérapie génique inhalée", "ctr", "586", "declined"),
]


def _docx(text: str, name: str) -> SimpleUploadedFile:
    doc = DocxDocument()
    for paragraph in text.split("\n\n"):
        doc.add_paragraph(paragraph)
    buffer = io.BytesIO()
    doc.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _area(code: str) -> DiseaseArea | None:
    return DiseaseArea.objects.filter(code=code).first()


def _profiles(coordinator: User) -> list[User]:
    organizations = list(Organization.objects.filter(status="active").order_by("name")[:6])
    people = []
    for email, index, languages, codes, max_load, trained, conflicts in REVIEWERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        people.append(user)
        if ReviewerProfile.objects.filter(user=user).exists():
            continue
        organization = organizations[index] if index < len(organizations) else None
        if organization is not None:
            OrganizationMembership.objects.get_or_create(user=user, organization=organization)
        profile = ReviewerProfile.objects.create(
            user=user,
            organization=organization,
            languages=languages,
            max_open_reviews=max_load,
            training_completed_on=dt.date(2024, 3, 15) if trained else None,
            declared_conflicts=conflicts,
            show_name_to_researchers=email.endswith(("1@example.org", "3@example.org")),
            status=ReviewerStatus.ACTIVE if trained else ReviewerStatus.APPLIED,
            validated_by=coordinator if trained else None,
            validated_at=timezone.now() if trained else None,
            motivation=""
            if trained
            else "Je veux aider les personnes à comprendre ce qu'elles signent.",
        )
        profile.disease_areas.set([a for c in codes if (a := _area(c))])
        if email == "reviewer4@example.org":
            today = timezone.localdate()
            profile.unavailabilities.create(
                start=today + dt.timedelta(days=30),
                end=today + dt.timedelta(days=45),
                note="Congés",
            )
    return people


def _review(request: ReviewRequest, assignment: Assignment) -> None:
    services.accept_assignment(assignment, by=assignment.reviewer)
    leaflet = request.documents.get(kind="leaflet").latest_version
    if leaflet is not None and leaflet.text and "double aveugle" in leaflet.text:
        services.add_comment(
            assignment,
            by=assignment.reviewer,
            version=leaflet,
            quote="double aveugle",
            comment="Expliquer ce que veut dire « double aveugle ».",
            suggestion="ni vous ni votre médecin ne savez quel traitement vous recevez",
        )
    services.save_review(assignment, by=assignment.reviewer, values=GRID, submit=True)


def load() -> None:
    researcher = User.objects.filter(email="researcher@example.org").first()
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    if researcher is None or coordinator is None:
        return
    _profiles(coordinator)
    organizations = list(Organization.objects.filter(status="active").order_by("name")[:6])
    deadline = timezone.localdate() + dt.timedelta(days=10)
    for acronym, title, category, code, stage in REQUESTS:
        if ReviewRequest.objects.filter(submitted_by=researcher, acronym=acronym).exists():
            continue
        fill = {"acronym": acronym}
        area = _area(code)
        request = services.create_request(
            by=researcher,
            title=title,
            acronym=acronym,
            category=category,
            disease_areas=[area] if area else [],
            # The sixth organization is involved in every study: its reviewer (reviewer6, an
            # applicant) has a conflict; reviewer1, whom visitors try first, has work to do.
            organizations=organizations[5:6],
            sponsor_reference=f"INS-{acronym}",
            planned_submission_on=timezone.localdate() + dt.timedelta(days=60),
            documents={
                "protocol_summary": _docx(PROTOCOL.format(**fill), "protocole.docx"),
                "leaflet": _docx(LEAFLET.format(**fill), "notice.docx"),
                "consent": _docx(CONSENT.format(**fill), "consentement.docx"),
            },
        )
        for version in DocumentVersion.objects.filter(document__request=request):
            services.analyse_version(version)
        if stage == "draft":
            continue
        services.submit_request(request, by=researcher)
        if stage == "submitted":
            continue
        if stage == "declined":
            services.decline_request(
                request,
                by=coordinator,
                reason="Cet essai a déjà été relu par un autre comité de patients.",
            )
            continue
        services.accept_request(request, by=coordinator)
        if stage == "accepted":
            continue
        result = services.suggest_reviewers(request, deadline=deadline)
        chosen = [c.candidate.id for c in result.chosen]
        services.assign_reviewers(
            request,
            by=coordinator,
            reviewers=list(User.objects.filter(pk__in=chosen)),
            alternates=list(
                User.objects.filter(pk__in=[c.candidate.id for c in result.alternates])
            ),
            deadline=deadline,
        )
        request.refresh_from_db()
        seated = list(
            Assignment.objects.filter(
                round=request.current_round, state=AssignmentState.INVITED
            ).select_related("reviewer")
        )
        if stage == "in_review":
            if seated:
                services.accept_assignment(seated[0], by=seated[0].reviewer)
            continue
        for assignment in seated:
            _review(request, assignment)
        report = services.start_consolidation(request, by=coordinator, force=True)
        services.save_report(
            report,
            by=coordinator,
            values={
                "summary": "Merci pour cette étude. Les relecteurs proposent surtout de raccourcir les phrases et d'expliquer les mots techniques."
            },
        )
        services.send_report(report, by=coordinator)
        if stage == "closed":
            services.close_request(
                request,
                by=coordinator,
                outcome="revised",
                note="Notice réécrite avec les relecteurs.",
            )
