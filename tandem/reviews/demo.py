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
from tandem.directory.models import DiseaseArea, Organization
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

# (email, languages, disease-area codes, max load, trained, conflicts). A reviewer's
# organization is the one they belong to in the directory (its demo says which).
REVIEWERS = [
    ("reviewer1@example.org", ["fr"], ["E10-E14"], 3, True, ""),
    ("reviewer2@example.org", ["fr"], ["586"], 2, True, ""),
    ("reviewer3@example.org", ["fr", "en"], ["232", "RARE"], 2, True, ""),
    ("reviewer4@example.org", ["fr"], ["E65-E68"], 1, True, ""),
    ("reviewer5@example.org", ["en", "fr"], ["E10-E14"], 3, True, "Pharmacorp"),
    ("reviewer6@example.org", ["fr"], [], 2, False, ""),
]
# The applicant, whose organization takes part in every demo study: a conflict of interest.
APPLICANT = "reviewer6@example.org"

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
    # Round 1's report answered, the leaflet rewritten, round 2 under way: the reviewers see
    # their earlier comments with the team's answers, and the comparison of the two versions.
    ("ASTHME-DUO", "Éducation thérapeutique de l'asthme", "riph2", "E10-E14", "round2"),
    ("APNEE-NUIT", "Orthèse d'avancée mandibulaire", "riph3", "586", "withdrawn"),
]

# The leaflet of the second round: the passages the reviewers marked, rewritten.
LEAFLET_V2 = """Notice d'information – Étude {acronym}

Pourquoi cette étude ?
Nous vous proposons de participer à une recherche. Elle a lieu dans plusieurs hôpitaux. Les participants sont répartis au hasard en deux groupes, comme à pile ou face. Ni vous ni votre médecin ne savez quel traitement vous recevez. Le but est de savoir si le nouveau traitement marche mieux et s'il est bien supporté.

Comment va se passer l'étude ?
Vous viendrez huit fois en six mois. À chaque visite, nous ferons une prise de sang et un électrocardiogramme le même jour.

Quels sont les risques ?
Les effets indésirables rapportés concernent 12 % des patients, soit environ 1 patient sur 8, et sont le plus souvent bénins.

Vos droits
Vous pouvez arrêter à tout moment, sans donner de raison. Cela ne change rien à vos soins. Vos données sont protégées.
"""

# Remarks of the first round, with their kind and severity: (quote, comment, suggestion, kind,
# severity).
REMARKS = [
    (
        "double aveugle",
        "Expliquer ce que veut dire « double aveugle ».",
        "ni vous ni votre médecin ne savez quel traitement vous recevez",
        "unclear",
        "essential",
    ),
    (
        "huit visites en six mois",
        "Dire dès le début combien de visites il faut faire.",
        "",
        "missing",
        "important",
    ),
    (
        "le plus souvent bénins",
        "« Bénins » : préciser lesquels.",
        "",
        "inaccurate",
        "minor",
    ),
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


def _organization_of(person: User | None) -> Organization | None:
    if person is None:
        return None
    return Organization.objects.filter(memberships__user=person).order_by("pk").first()


def _profiles(coordinator: User) -> list[User]:
    people = []
    for email, languages, codes, max_load, trained, conflicts in REVIEWERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        people.append(user)
        if ReviewerProfile.objects.filter(user=user).exists():
            continue
        organization = _organization_of(user)
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


def _review(request: ReviewRequest, assignment: Assignment, index: int = 0) -> None:
    """The reviewer accepts, comments on the leaflet (a remark of each kind and severity,
    spread over the reviewers) and sends the grid."""
    services.accept_assignment(assignment, by=assignment.reviewer)
    leaflet = request.documents.get(kind="leaflet").latest_version
    remarks = REMARKS[: 1 + (index % len(REMARKS))]
    for quote, comment, suggestion, kind, severity in remarks:
        if leaflet is None or quote not in (leaflet.text or ""):
            continue
        services.add_comment(
            assignment,
            by=assignment.reviewer,
            version=leaflet,
            quote=quote,
            comment=comment,
            suggestion=suggestion,
            kind=kind,
            severity=severity,
        )
    services.save_review(assignment, by=assignment.reviewer, values=GRID, submit=True)


def _second_round(request: ReviewRequest, *, researcher: User, coordinator: User) -> None:
    """The team answers round 1's comments, uploads the rewritten leaflet and the coordinator
    opens round 2 with the same reviewers; the first of them has accepted."""
    from tandem.reviews.models import AnchoredComment

    for comment in AnchoredComment.objects.filter(version__document__request=request).order_by(
        "pk"
    ):
        if comment.kind == "inaccurate":
            services.answer_comment(
                comment,
                by=researcher,
                accepted=False,
                reason="La liste des effets figure dans le résumé du protocole joint.",
            )
        else:
            services.answer_comment(comment, by=researcher, accepted=True)
    version = services.add_document_version(
        request,
        kind="leaflet",
        upload=_docx(LEAFLET_V2.format(acronym=request.acronym), "notice-v2.docx"),
        by=researcher,
        start_revision=True,
    )
    services.analyse_version(version)
    services.open_new_round(
        request, by=coordinator, deadline=timezone.localdate() + dt.timedelta(days=14)
    )
    request.refresh_from_db()
    seat = (
        Assignment.objects.filter(round=request.current_round, state=AssignmentState.INVITED)
        .select_related("reviewer")
        .order_by("reviewer__email")
        .first()
    )
    if seat is not None:
        services.accept_assignment(seat, by=seat.reviewer)


def _tokens(people: list[tuple[User, list[str]]]) -> None:
    """API tokens, one per purpose: the coordinator's queue export was issued twice (the
    second replaced the first), a reviewer revoked theirs."""
    from tandem.accounts import services as accounts_services
    from tandem.accounts.models import ApiToken

    for user, purposes in people:
        if ApiToken.objects.filter(user=user).exists():
            continue
        for name in purposes:
            issued = accounts_services.issue_api_token(user, name=name)
            if name.startswith("Relectures"):
                accounts_services.revoke_api_token(issued.token, by=user)


def load() -> None:
    researcher = User.objects.filter(email="researcher@example.org").first()
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    if researcher is None or coordinator is None:
        return
    _profiles(coordinator)
    applicant = _organization_of(User.objects.filter(email=APPLICANT).first())
    involved = [applicant] if applicant is not None else []
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
            # The applicant's organization is involved in every study: she (reviewer6) has a
            # conflict; reviewer1, whom visitors try first, has work to do.
            organizations=involved,
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
        if stage == "withdrawn":
            services.withdraw_request(
                request,
                by=researcher,
                reason="Le promoteur a arrêté le projet avant le comité d'éthique.",
            )
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
        for index, assignment in enumerate(seated):
            _review(request, assignment, index)
        report = services.start_consolidation(request, by=coordinator, force=True)
        services.save_report(
            report,
            by=coordinator,
            values={
                "summary": "Merci pour cette étude. Les relecteurs proposent surtout de raccourcir les phrases et d'expliquer les mots techniques."
            },
        )
        services.send_report(report, by=coordinator)
        if stage == "round2":
            _second_round(request, researcher=researcher, coordinator=coordinator)
        if stage == "closed":
            services.close_request(
                request,
                by=coordinator,
                outcome="revised",
                note="Notice réécrite avec les relecteurs.",
            )
    reviewer = User.objects.filter(email="reviewer1@example.org").first()
    _tokens(
        [
            (coordinator, ["File d'attente du Collège", "File d'attente du Collège"]),
            *([(reviewer, ["Relectures (ancien script)", "Mes relectures"])] if reviewer else []),
        ]
    )
