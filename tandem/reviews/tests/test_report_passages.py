"""The report holds every passage comment of the round's sent reviews: grouped by document, in
the document's order, each with its passage, the reviewers' numbers (names only with consent),
repeats said once with their count, and the team's answer: on the consolidation page, the report
page, its PDF, its DOCX and the API, in French and in English."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from tandem.reviews import services
from tandem.reviews.models import AnchoredComment, Assignment, DocumentKind

from .conftest import review_all

EARLY = "Pourquoi cette étude ?"
LATE = "ponction articulaire"
TWICE = "Expliquez ce mot, svp."
ONCE = "Le titre de section est vague."
CONSENT = "arrêter à tout moment"


def _comment(assignment, version, quote, text, suggestion=""):
    return services.add_comment(
        assignment,
        by=assignment.reviewer,
        version=version,
        quote=quote,
        comment=text,
        suggestion=suggestion,
    )


@pytest.fixture
def commented(in_review, coordinator, pool):
    """Reviewer 1 and 2 say the same thing on a late passage of the leaflet (2 is added first),
    reviewer 3 a different thing on an earlier one; reviewer 1 also comments the consent form.
    Reviewer 2 agreed to be named."""
    seats = list(
        Assignment.objects.filter(round=in_review.current_round, reviewer__in=pool[:3]).order_by(
            "alternate_rank", "pk"
        )
    )
    for seat in seats:
        services.accept_assignment(seat, by=seat.reviewer)
    leaflet = in_review.documents.get(kind=DocumentKind.LEAFLET).latest_version
    consent = in_review.documents.get(kind=DocumentKind.CONSENT).latest_version
    _comment(seats[1], leaflet, LATE, TWICE)
    _comment(seats[0], leaflet, LATE, "expliquez ce mot svp")
    _comment(seats[2], leaflet, EARLY, ONCE, suggestion="Pourquoi faire cette étude ?")
    _comment(seats[0], consent, CONSENT, "Très clair.")
    profile = seats[1].reviewer.reviewer_profile
    profile.show_name_to_researchers = True
    profile.save()
    review_all(in_review)
    report = services.start_consolidation(in_review, by=coordinator)
    return in_review, report, seats


@pytest.fixture
def sent(commented, coordinator, researcher):
    in_review, report, seats = commented
    services.send_report(report, by=coordinator)
    early = AnchoredComment.objects.get(quote=EARLY)
    services.answer_comment(early, by=researcher, accepted=False, reason="Titre imposé.")
    return in_review, seats


LABELS = {
    "fr": {
        "heading": "Commentaires sur des passages",
        "reviewer": "Relecteur",
        "twice": "dit par 2 relecteurs",
        "answer": "Pas pris en compte",
    },
    "en": {
        "heading": "Comments on passages",
        "reviewer": "Reviewer",
        "twice": "said by 2 reviewers",
        "answer": "Not taken into account",
    },
}


def _as(client, user, language):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


def _in_order(text: str, *parts: str) -> None:
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, (parts, positions, text)
    assert positions == sorted(positions), (parts, positions)


def _check(text: str, language: str, seats) -> None:
    labels = LABELS[language]
    text = " ".join(text.split())
    # Consent form first (documents in their order), then the leaflet in the passages' order.
    _in_order(text, labels["heading"], CONSENT, EARLY, ONCE, LATE, TWICE)
    assert text.count(TWICE) == 1 and "expliquez ce mot svp" not in text
    assert labels["twice"] in text
    assert f"{labels['answer']} — Titre imposé." in text
    assert str(seats[1].reviewer) in text  # agreed to be named
    for unnamed in (seats[0].reviewer, seats[2].reviewer):
        assert not re.search(rf"{re.escape(str(unnamed))}\b", text)
    assert f"{labels['reviewer']} 3" in text


def _page_text(content: bytes) -> str:
    return content.decode()


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("reviews:report", _page_text),
        ("reviews:report_pdf", _pdf_text),
        ("reviews:report_docx", _docx_text),
    ],
)
def test_the_report_page_pdf_and_docx_hold_every_passage_comment(
    client, sent, researcher, language, name, read
):
    in_review, seats = sent
    response = _as(client, researcher, language).get(reverse(name, args=[in_review.pk]))
    assert response.status_code == 200
    _check(read(response.content), language, seats)


def test_the_api_report_holds_every_passage_comment(client, sent, researcher):
    in_review, seats = sent
    client.force_login(researcher)
    body = client.get(reverse("api-review-report", args=[in_review.pk])).json()
    groups = body["passages"]
    assert [g["kind"] for g in groups] == ["consent", "leaflet"]
    leaflet = groups[1]["comments"]
    assert [c["quote"] for c in leaflet] == [EARLY, LATE]
    assert [c["count"] for c in leaflet] == [1, 2]
    assert leaflet[1]["comment"] == TWICE
    assert leaflet[1]["reviewers"] == [
        {"number": 2, "name": str(seats[1].reviewer)},
        {"number": 1, "name": ""},
    ]
    assert leaflet[0]["answer"] == "rejected" and leaflet[0]["answer_reason"] == "Titre imposé."
    assert leaflet[0]["suggestion"] == "Pourquoi faire cette étude ?"
    assert not re.search(rf"{re.escape(str(seats[0].reviewer))}\b", str(body))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_consolidation_page_shows_the_passage_comments(
    client, commented, coordinator, language
):
    in_review, _report, seats = commented
    response = _as(client, coordinator, language).get(
        reverse("reviews:consolidate", args=[in_review.pk])
    )
    text = " ".join(response.content.decode().split())
    _in_order(text, LABELS[language]["heading"], CONSENT, EARLY, LATE, TWICE)
    assert LABELS[language]["twice"] in text
    # The coordinator reads who is behind each number in the grid remarks.
    reviewer = LABELS[language]["reviewer"]
    assert f"{reviewer} 1 · <strong>{seats[0].reviewer}</strong>" in text


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _thirty_more_comments(in_review, seats):
    leaflet = in_review.documents.get(kind=DocumentKind.LEAFLET).latest_version
    first = AnchoredComment.objects.filter(version=leaflet).first()
    AnchoredComment.objects.bulk_create(
        [
            AnchoredComment(
                version=leaflet,
                review=seats[i % 3].review,
                author=seats[i % 3].reviewer,
                start=first.start,
                end=first.end,
                quote=first.quote,
                comment=f"Remarque {i}",
                answer=["pending", "accepted", "rejected"][i % 3],
                answer_reason="Parce que." if i % 3 == 2 else "",
            )
            for i in range(30)
        ]
    )


def test_the_report_reads_a_constant_number_of_queries(client, sent, researcher):
    in_review, seats = sent
    client.force_login(researcher)
    urls = [
        reverse("reviews:report", args=[in_review.pk]),
        reverse("api-review-report", args=[in_review.pk]),
        reverse("api-review-request", args=[in_review.pk]),
    ]
    before = [_count(client, url) for url in urls]
    _thirty_more_comments(in_review, seats)
    assert [_count(client, url) for url in urls] == before


def test_the_consolidation_page_reads_a_constant_number_of_queries(client, commented, coordinator):
    in_review, _report, seats = commented
    client.force_login(coordinator)
    url = reverse("reviews:consolidate", args=[in_review.pk])
    before = _count(client, url)
    _thirty_more_comments(in_review, seats)
    assert _count(client, url) == before


def _quotes(page: str) -> list[str]:
    return re.findall(r"<blockquote[^>]*>", page)


def test_the_quoted_passages_carry_the_documents_language(
    client, commented, coordinator, researcher
):
    """WCAG 3.1.2: a French leaflet quoted on an English page is read with French voices."""
    in_review, report, seats = commented
    before_sending = [
        _as(client, coordinator, "en").get(reverse("reviews:consolidate", args=[in_review.pk])),
        _as(client, seats[0].reviewer, "en").get(reverse("reviews:workspace", args=[seats[0].pk])),
    ]
    services.send_report(report, by=coordinator)
    after_sending = [
        _as(client, researcher, "en").get(reverse("reviews:report", args=[in_review.pk])),
        client.get(reverse("reviews:request", args=[in_review.pk])),
    ]
    for response in before_sending + after_sending:
        assert response.status_code == 200
        quotes = _quotes(response.content.decode())
        assert quotes and all('lang="fr"' in q for q in quotes), (response.request, quotes)
