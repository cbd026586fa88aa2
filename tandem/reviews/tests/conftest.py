"""Fixtures of the College: a small disease-area tree, organizations, a pool of reviewers and
requests at the stages the tests need."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document as DocxDocument

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.directory.models import DiseaseArea, OrganizationMembership
from tandem.directory.tests.factories import OrganizationFactory
from tandem.reviews import services
from tandem.reviews.models import ReviewerProfile, ReviewerStatus

LEAFLET = (
    "Notice d'information.\n\nPourquoi cette étude ? Nous voulons savoir si un nouveau médicament "
    "soulage la douleur du genou.\n\nComment va se passer l'étude ? Votre médecin vérifie d'abord "
    "que l'étude vous convient. Il vous sera demandé de vous soumettre à une ponction articulaire.\n\n"
    "Vous pouvez arrêter à tout moment, sans donner de raison."
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Each persona and reviewer gets a password; the slow default hasher would dominate.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def docx_bytes(text: str) -> bytes:
    doc = DocxDocument()
    for paragraph in text.split("\n\n"):
        doc.add_paragraph(paragraph)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def upload(text: str = LEAFLET, name: str = "leaflet.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        docx_bytes(text),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@pytest.fixture
def areas(db):
    diabetes = DiseaseArea.objects.create(name_fr="Diabète", name_en="Diabetes")
    diabetes.path = f"/{diabetes.pk}/"
    diabetes.save()
    type1 = DiseaseArea.objects.create(
        name_fr="Diabète de type 1", name_en="Type 1 diabetes", parent=diabetes
    )
    type1.path = f"/{diabetes.pk}/{type1.pk}/"
    type1.depth = 1
    type1.save()
    cancer = DiseaseArea.objects.create(name_fr="Cancer", name_en="Cancer")
    cancer.path = f"/{cancer.pk}/"
    cancer.save()
    return {"diabetes": diabetes, "type1": type1, "cancer": cancer}


@pytest.fixture
def org(db):
    return OrganizationFactory(name="Diabète Ensemble")


@pytest.fixture
def other_org(db):
    return OrganizationFactory(name="Cancer Solidarité")


def make_reviewer(
    *, organization=None, languages=("fr",), areas=(), max_open=3, trained=True, **extra
):
    user = UserFactory(roles=[Role.REVIEWER, Role.MEMBER], **extra)
    profile = ReviewerProfile.objects.create(
        user=user,
        organization=organization,
        languages=list(languages),
        max_open_reviews=max_open,
        training_completed_on=dt.date(2024, 1, 1) if trained else None,
        status=ReviewerStatus.ACTIVE,
    )
    profile.disease_areas.set(list(areas))
    if organization is not None:
        OrganizationMembership.objects.create(user=user, organization=organization)
    return user


@pytest.fixture
def pool(db, areas, other_org):
    """Five trained, active reviewers; the fixture `reviewer` persona is not among them."""
    return [
        make_reviewer(areas=[areas["type1"]], first_name="Ana"),
        make_reviewer(areas=[areas["diabetes"]], first_name="Ben"),
        make_reviewer(areas=[areas["cancer"]], first_name="Cid", organization=other_org),
        make_reviewer(first_name="Dora"),
        make_reviewer(first_name="Eli", languages=("en",)),
    ]


@pytest.fixture
def draft(db, researcher, areas, org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.create_request(
            by=researcher,
            title="Étude GENOU-CALME",
            acronym="GENOU",
            category="riph2",
            disease_areas=[areas["type1"]],
            organizations=[org],
            documents={
                "protocol_summary": upload(
                    "Résumé du protocole. Une étude sur le genou.", "protocol.docx"
                ),
                "leaflet": upload(),
                "consent": upload(
                    "Je soussigné accepte de participer. Je peux arrêter à tout moment.",
                    "consent.docx",
                ),
            },
        )


@pytest.fixture
def submitted(draft, researcher):
    return services.submit_request(draft, by=researcher)


@pytest.fixture
def accepted(submitted, coordinator):
    return services.accept_request(submitted, by=coordinator)


@pytest.fixture
def in_review(accepted, coordinator, pool):
    """Three seated reviewers (pool[0..2]) and one alternate (pool[3])."""
    services.assign_reviewers(
        accepted,
        by=coordinator,
        reviewers=pool[:3],
        alternates=[pool[3]],
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    accepted.refresh_from_db()
    return accepted


GRID = {
    "readability_score": 2,
    "readability_comment": "Phrases trop longues.\nTrop de jargon.",
    "framework_score": 3,
    "framework_comment": "Objectif clair.",
    "constraints_score": 2,
    "constraints_comment": "La ponction n'est pas expliquée.",
    "rights_score": 4,
    "rights_comment": "Droit de retrait bien dit.",
    "burden_suggestions": "Regrouper les visites.",
}


def review_all(request, *, grid=GRID):
    from tandem.reviews.models import Assignment, AssignmentState

    for assignment in Assignment.objects.filter(
        round=request.current_round, state__in=[AssignmentState.INVITED, AssignmentState.ACCEPTED]
    ):
        if assignment.state == AssignmentState.INVITED:
            services.accept_assignment(assignment, by=assignment.reviewer)
        services.save_review(assignment, by=assignment.reviewer, values=grid, submit=True)
    request.refresh_from_db()
    return request
