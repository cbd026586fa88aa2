from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.accounts.services import create_api_token
from tandem.directory.models import DiseaseArea
from tandem.directory.tests.factories import OrganizationFactory, make_admin
from tandem.incubator import services
from tandem.incubator.model_agreement import agreement_template
from tandem.incubator.models import ResourceKind


def docx(data: bytes, name: str = "template.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def pdf(name: str = "guide.pdf") -> SimpleUploadedFile:
    """A small real PDF (one page of text)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def text_file(name: str = "notes.txt", text: str = "Des notes de réunion.") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def bearer(user) -> dict[str, str]:
    """The API's authorization header for `user` (a fresh token); none for the anonymous."""
    if user is None:
        return {}
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def contribute(project, volunteer, *, by, hours: str = "1"):
    """A volunteer's contribution of `hours` on 1 January 2026, recorded by `by`."""
    import datetime as dt
    from decimal import Decimal

    return services.record_contribution(
        project,
        volunteer=volunteer,
        role="Relecture",
        hours=Decimal(hours),
        on=dt.date(2026, 1, 1),
        by=by,
    )


@pytest.fixture
def organization(member):
    org = OrganizationFactory(name="Association Alcool Écoute", is_public=True)
    make_admin(org, member)
    return org


@pytest.fixture
def project(member, organization):
    return services.propose_project(
        member,
        title="Alcool et entourage",
        question="Comment les proches vivent-ils la dépendance ?",
        why_it_matters="Les proches sont peu aidés.",
        help_needed=["design", "agreement"],
        disease_areas=DiseaseArea.objects.order_by("pk")[:1],
        organizations=[organization],
    )


@pytest.fixture
def ready_project(project, researcher, officer):
    """A project with everything an agreement needs."""
    services.add_partner(project, researcher=researcher, by=officer)
    return services.update_project(
        project,
        by=officer,
        changes={
            "purpose": "Étudier ensemble le vécu des proches.",
            "duration_months": 24,
            "data_handling": "Entretiens anonymisés, gardés par l'unité.",
            "publication": "Publication commune, résumé en langage clair.",
            "volunteer_compensation": "Frais de déplacement remboursés.",
        },
    )


@pytest.fixture
def template(officer):
    return services.add_resource(
        officer,
        title="Convention de partenariat",
        summary="Modèle de convention.",
        kind=ResourceKind.AGREEMENT_TEMPLATE,
        language="fr",
        visibility="staff",
        upload=docx(agreement_template("fr")),
        file_kind="docx",
    )
