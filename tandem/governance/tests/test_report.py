"""The yearly activity report: meetings held, attendance per college (with proxies), proposals
adopted, the Directorate General's answers, actions done and mandates; as a page for the
members, the director and the staff, as DOCX and tagged PDF, in French and English."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.governance import report, services
from tandem.governance.models import ActionStatus, ProposalStatus

from .conftest import check_in_all, mandates, soon

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture(autouse=True)
def _in_spring():
    """Every meeting of these tests falls in the same year as its votes and answers."""
    with time_machine.travel(f"{YEAR}-03-03 09:00 +0000", tick=False):
        yield


@pytest.fixture
def year(full_body, officer, director, gram_member):
    """One meeting held: nine patients in the room, the tenth represented, the researchers
    remote; a proposal adopted, transmitted, accepted, one action done, one open."""
    proposal = services.draft_proposal(
        full_body, author=gram_member, title="Documents early", text="Send the documents early."
    )
    meeting = services.schedule_meeting(
        full_body, title="Spring meeting", starts_at=soon(20), place="Paris", by=officer
    )
    services.put_on_agenda(proposal, meeting=meeting, by=officer)
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    patients = mandates(full_body, "patients")
    services.give_proxy(meeting, person=patients[9].person, holder=patients[0])
    check_in_all(meeting, officer, codes=("patients", "administration"), skip={patients[9].pk})
    for m in mandates(full_body, "researchers"):
        services.check_in(meeting, mandate=m, presence="remote", by=officer)
    vote = services.open_vote(meeting.items.get(), question="Adopt?", by=officer)
    for m in patients[:9]:
        services.cast_ballot(vote, mandate=m, cast_by=m, choice="for", by=officer)
    services.close_vote(vote, by=officer)
    services.close_meeting(meeting, by=officer)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED
    services.transmit(proposal, by=officer)
    services.answer_proposal(proposal, decision="accepted", by=director)
    done = services.add_action(
        proposal, title="Change the rules", owner=officer, due=timezone.localdate(), by=director
    )
    services.add_action(
        proposal, title="Tell the members", owner=officer, due=timezone.localdate(), by=director
    )
    services.update_action(done, status=ActionStatus.DONE, progress=100, by=officer)
    cancelled = services.schedule_meeting(
        full_body, title="Summer", starts_at=soon(120), place="Lyon", by=officer
    )
    services.cancel_meeting(cancelled, by=officer)
    return full_body


def test_the_report_counts_the_year(year):
    found = report.year_report(year, YEAR)
    assert [m.title for m in found.meetings] == ["Spring meeting"] and found.cancelled == 1
    assert found.quarters_without_meeting == [2, 3, 4]
    rows = {row.college.code: row for row in found.attendance}
    patients, researchers = rows["patients"], rows["researchers"]
    assert (patients.invited, patients.in_room, patients.remote, patients.represented) == (
        10, 9, 0, 1,
    )  # fmt: skip
    assert patients.rate == 90
    assert (researchers.remote, researchers.rate) == (5, 100)
    assert [p.title for p in found.adopted] == ["Documents early"]
    assert {d["code"]: d["count"] for d in found.decisions} == {
        "accepted": 1,
        "partly": 0,
        "declined": 0,
    }
    assert [a.title for a in found.actions_done] == ["Change the rules"]
    assert found.actions_open == 1
    seats = {
        row.college.code: (row.seats, row.held_at_end, row.vacancies) for row in found.mandates
    }
    assert seats == {"patients": (10, 10, 0), "researchers": (5, 5, 0), "administration": (5, 5, 0)}
    other = report.year_report(year, YEAR - 1)
    assert other.meetings == [] and other.adopted == [] and other.actions_done == []


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("gram_member", 200),
        ("officer", 200),
        ("director", 200),
        ("member", 403),
        ("researcher", 403),
        ("anonymous", 302),
    ],
)
def test_the_report_is_for_members_the_director_and_the_staff(persona, expected, as_persona, year):
    client, _user = as_persona(persona)
    for name in ("governance:report_year", "governance:report_docx", "governance:report_pdf"):
        assert client.get(reverse(name, args=[YEAR])).status_code == expected, name


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Yearly activity report 2025", "Attendance per college", "Meetings cancelled: 1"]),
        ("fr", ["Rapport d’activité annuel 2025", "Présence par collège", "Réunions annulées"]),
    ],
)
def test_the_report_page_in_both_languages(as_persona, year, language, words):
    client, user = as_persona("director")
    user.language = language  # a signed-in person reads in their own language
    user.save(update_fields=["language"])
    response = client.get(
        reverse("governance:report_year", args=[YEAR]), HTTP_ACCEPT_LANGUAGE=language
    )
    page = response.content.decode()
    for word in [*words, "Spring meeting", "Documents early", "Change the rules"]:
        assert word in page, word
    assert reverse("governance:report_docx", args=[YEAR]) in page
    chosen = client.get(reverse("governance:report") + f"?year={YEAR - 1}")
    assert chosen.context["report"].year == YEAR - 1


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Meetings held (1)", "Meetings cancelled: 1", "Accepted: 1"]),
        ("fr", ["Réunions tenues (1)", "Réunions annulées\u202f: 1", "Acceptée\u202f: 1"]),
    ],
)
def test_the_report_as_docx(as_persona, year, language, words):
    from docx import Document

    client, user = as_persona("officer")
    user.language = language
    user.save(update_fields=["language"])
    response = client.get(reverse("governance:report_docx", args=[YEAR]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for word in [*words, "Spring meeting", "Documents early", "Change the rules"]:
        assert word in text, word
    attendance = document.tables[0]
    patients = [c.text for c in attendance.rows[1].cells]
    assert patients[1:] == ["10", "9", "0", "1", "90"]
    assert document.core_properties.language == language


def test_the_report_as_tagged_pdf(as_persona, year):
    client, _user = as_persona("officer")
    response = client.get(reverse("governance:report_pdf", args=[YEAR]))
    assert response.status_code == 200
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"].value is True
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Spring meeting" in text and "Documents early" in text


def test_the_report_page_query_count_does_not_grow_with_the_year(as_persona, year, officer):
    client, _user = as_persona("officer")
    url = reverse("governance:report_year", args=[YEAR])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    first = count()
    for n in range(3):
        meeting = services.schedule_meeting(
            year, title=f"Extra {n}", starts_at=soon(40 + n), place="Paris", by=officer
        )
        services.add_agenda_item(meeting, title="Item", by=officer)
        services.convene(meeting, by=officer)
        services.open_meeting(meeting, by=officer)
        check_in_all(meeting, officer)
        services.close_meeting(meeting, by=officer)
    assert count() == first


def test_the_api_gives_the_report(year, director, member):
    from .test_api import client_for

    found = client_for(director).get(f"/api/v1/governance/reports/{YEAR}")
    assert found.status_code == 200
    data = found.json()
    assert [m["title"] for m in data["meetings"]] == ["Spring meeting"]
    patients = next(row for row in data["attendance"] if row["code"] == "patients")
    assert (patients["in_room"], patients["represented"], patients["rate"]) == (9, 1, 90)
    assert [p["title"] for p in data["adopted"]] == ["Documents early"]
    assert client_for(member).get(f"/api/v1/governance/reports/{YEAR}").status_code == 403
