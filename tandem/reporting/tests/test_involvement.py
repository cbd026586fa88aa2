"""An organization's page of involvement: what it adds up (projects, reviews, trainings and
events, GRAM seats), who may open it (its admins; the department's staff for any), its
documents and its API twin, with a query count that does not grow with the rows."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.core.models import ActionLogEntry
from tandem.directory.models import OrganizationMembership
from tandem.directory.tests.factories import OrganizationFactory, make_admin
from tandem.events import services as events
from tandem.events.tests.conftest import make_event
from tandem.governance import services as governance
from tandem.incubator import services as incubator
from tandem.reporting.involvement import involvement_of
from tandem.reviews.tests.conftest import (  # noqa: F401  (fixtures of the College)
    accepted,
    areas,
    draft,
    in_review,
    org,
    other_org,
    pool,
    review_all,
    submitted,
)

pytestmark = pytest.mark.django_db


def _attend(event, people, officer) -> None:
    for person in people:
        events.register(event, user=person)
    after = event.starts_at + dt.timedelta(hours=1)
    events.record_attendance(
        event,
        by=officer,
        attended=[r.pk for r in event.registrations.all()],
        absent=[],
        now=after,
    )


def _project(proposer, organization, title="Genou et sport"):
    return incubator.propose_project(
        proposer,
        title=title,
        question="Comment reprendre le sport ?",
        why_it_matters="Les patients le demandent.",
        help_needed=["design"],
        organizations=[organization],
    )


@pytest.fixture
def involved(other_org, in_review, member, officer):  # noqa: F811
    """`other_org` (Cancer Solidarité), administered by `member`: its member Cid reviewed for
    the College, gave 3 hours to a project, attended a training; `member` attended a debate;
    Cid holds a GRAM seat for it. A stranger did the same things for nobody."""
    cid = OrganizationMembership.objects.get(organization=other_org).user
    make_admin(other_org, member)
    stranger = UserFactory(roles=[Role.MEMBER], first_name="Zoé")
    review_all(in_review)
    project = _project(member, other_org)
    incubator.record_contribution(
        project,
        volunteer=cid,
        role="Relecture",
        hours=Decimal("3"),
        on=dt.date(2026, 1, 5),
        by=officer,
    )
    incubator.record_contribution(
        project,
        volunteer=stranger,
        role="Entretiens",
        hours=Decimal("5"),
        on=dt.date(2026, 1, 5),
        by=officer,
    )
    training = make_event(officer, capacity=5, title="Reviewers' training")
    _attend(training, [cid, stranger], officer)
    debate = make_event(officer, capacity=5, kind="debate", title="Debate on data")
    _attend(debate, [member], officer)
    body = governance.create_body(name="GRAM", slug="gram", by=None)
    today = timezone.localdate()
    governance.appoint(
        body.colleges.get(code="patients"),
        person=cid,
        organization=other_org,
        start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=700),
        by=None,
    )
    return other_org


def test_the_involvement_adds_up_what_the_members_did(involved):
    inv = involvement_of(involved)
    assert [p.title for p in inv.projects] == ["Genou et sport"]
    assert inv.member_hours == Decimal("3")  # the stranger's 5 hours are not the organization's
    assert [r.reviewer for r in inv.reviews] == ["Cid " + _last_name("Cid")]
    assert inv.reviewers == 1
    assert [(t.title, len(t.attendees)) for t in inv.trainings] == [("Reviewers' training", 1)]
    assert [(e.title, e.kind) for e in inv.events] == [("Debate on data", "debate")]
    assert inv.people_trained == 1 and inv.attendances == 2
    assert len(inv.seats) == 1 and inv.current_seats == 1 and inv.seats[0].college


def _speaks_french(person) -> None:
    person.language = "fr"
    person.save(update_fields=["language"])


def _last_name(first: str) -> str:
    from tandem.accounts.models import User

    return User.objects.get(first_name=first).last_name


def test_a_year_keeps_only_what_happened_that_year(involved):
    inv = involvement_of(involved, year=timezone.localdate().year - 3)
    assert inv.reviews == [] and inv.trainings == [] and inv.events == [] and inv.seats == []
    # Projects last several years: they are listed whatever the year.
    assert len(inv.projects) == 1


def test_the_organizations_admin_reads_its_involvement_in_english(client, involved, member):
    client.force_login(member)
    response = client.get(reverse("reporting:involvement", args=[involved.pk]))
    assert response.status_code == 200
    text = response.text
    assert "Involvement of Cancer Solidarité" in text
    assert "Genou et sport" in text and "Reviewers&#x27; training" in text
    assert "Debate on data" in text and "Seats in the GRAM" in text
    # The study reviewed stays confidential: its category, not its title.
    assert "GENOU-CALME" not in text


def test_the_page_speaks_french(client, involved, member):
    _speaks_french(member)
    client.force_login(member)
    response = client.get(
        reverse("reporting:involvement", args=[involved.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200
    assert "Participation de Cancer Solidarité" in response.text
    assert "Sièges au GRAM" in response.text


def test_another_organizations_involvement_is_not_found(client, involved, member):
    theirs = OrganizationFactory(name="Ailleurs")
    client.force_login(member)
    assert client.get(reverse("reporting:involvement", args=[theirs.pk])).status_code == 404
    url = reverse("reporting:involvement_download", args=[theirs.pk, "docx"])
    assert client.get(url).status_code == 404


def test_a_plain_member_of_the_organization_does_not_see_it(client, involved):
    cid = OrganizationMembership.objects.filter(organization=involved, role="member").first()
    client.force_login(cid.user)
    assert client.get(reverse("reporting:involvement", args=[involved.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["officer", "admin_user"])
def test_the_departments_staff_see_any_organization(as_persona, persona, involved):
    client, _user = as_persona(persona)
    response = client.get(reverse("reporting:involvement", args=[involved.pk]))
    assert response.status_code == 200 and "Genou et sport" in response.text


@pytest.mark.parametrize("persona", ["director", "gram_member", "researcher", "coordinator"])
def test_other_roles_do_not_see_it(as_persona, persona, involved):
    client, _user = as_persona(persona)
    assert client.get(reverse("reporting:involvement", args=[involved.pk])).status_code == 404


def test_the_page_query_count_does_not_grow_with_the_rows(client, involved, member, officer):
    client.force_login(member)
    url = reverse("reporting:involvement", args=[involved.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    # More of everything: members, projects, contributions, trainings, seats.
    newcomers = [UserFactory(roles=[Role.MEMBER]) for _ in range(3)]
    for person in newcomers:
        OrganizationMembership.objects.create(organization=involved, user=person)
    for index in range(2):
        project = _project(member, involved, title=f"Projet {index}")
        incubator.record_contribution(
            project,
            volunteer=newcomers[index],
            role="R",
            hours=Decimal(2),
            on=dt.date(2026, 2, 1),
            by=officer,
        )
    _attend(make_event(officer, capacity=5, title="Another training"), newcomers, officer)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert "Another training" in response.text and "Projet 1" in response.text
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]


def test_the_word_document_is_in_the_readers_language(client, involved, member):
    from docx import Document

    _speaks_french(member)
    client.force_login(member)
    url = reverse("reporting:involvement_download", args=[involved.pk, "docx"])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert "participation-" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Participation de Cancer Solidarité" in text
    assert "Genou et sport" in text and "Sièges au GRAM" in text
    assert document.core_properties.language == "fr"
    assert ActionLogEntry.objects.filter(action="reporting.involvement.downloaded").count() == 1


def test_the_pdf_is_tagged_and_in_english(client, involved, member):
    from pypdf import PdfReader

    client.force_login(member)
    response = client.get(reverse("reporting:involvement_download", args=[involved.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Involvement of Cancer Solidarité" in text and "Debate on data" in text


def test_an_unknown_format_is_not_found(client, involved, member):
    client.force_login(member)
    url = reverse("reporting:involvement_download", args=[involved.pk, "odt"])
    assert client.get(url).status_code == 404


def test_the_api_gives_the_same_involvement(client, involved, member):
    from tandem.accounts.services import create_api_token

    _token, key = create_api_token(member, name="test")
    response = client.get(
        f"/api/v1/organizations/{involved.pk}/involvement", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["organization_name"] == "Cancer Solidarité" and data["year"] is None
    assert data["totals"]["projects"] == 1 and data["totals"]["reviews"] == 1
    assert data["totals"]["member_hours"] == "3.0" and data["totals"]["current_seats"] == 1
    assert [t["title"] for t in data["trainings"]] == ["Reviewers' training"]
    theirs = OrganizationFactory(name="Ailleurs")
    response = client.get(
        f"/api/v1/organizations/{theirs.pk}/involvement", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = client.get(
        f"/api/v1/organizations/{involved.pk}/involvement?year=1990",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 400 and "year" in response.json()["errors"]


def test_the_admins_home_and_the_organization_page_lead_to_it(client, involved, member):
    client.force_login(member)
    url = reverse("reporting:involvement", args=[involved.pk])
    assert url in client.get(reverse("core:dashboard")).text
    assert url in client.get(reverse("directory:organization", args=[involved.pk])).text


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_the_api_gives_the_same_documents_to_the_same_people(client, involved, member, ext):
    import zipfile

    from tandem.accounts.services import create_api_token

    def auth(user) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, name='t')[1]}"}

    url = reverse("api-organization-involvement-file", args=[involved.pk, ext])
    response = client.get(url, **auth(member))  # the organization's admin
    assert response.status_code == 200
    if ext == "pdf":
        assert response.content.startswith(b"%PDF")
    else:
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert (
        response["Content-Disposition"] == f'attachment; filename="involvement-{involved.pk}.{ext}"'
    )
    assert ActionLogEntry.objects.filter(action="reporting.involvement.downloaded").count() == 1
    # Refused as on the page: a plain member of the organization, another organization, none.
    plain = OrganizationMembership.objects.filter(organization=involved, role="member").first()
    assert client.get(url, **auth(plain.user)).status_code == 404
    theirs = OrganizationFactory(name="Ailleurs")
    other = reverse("api-organization-involvement-file", args=[theirs.pk, ext])
    assert client.get(other, **auth(member)).status_code == 404
    assert client.get(url).status_code == 401
    odt = reverse("api-organization-involvement-file", args=[involved.pk, "odt"])
    assert client.get(odt, **auth(member)).status_code == 404
    assert ActionLogEntry.objects.filter(action="reporting.involvement.downloaded").count() == 1
