"""Each passage comment has a kind and a severity: chosen in the workspace or sent through the
API, kept when the comment follows its passage, and shown by the report (page, DOCX, API), a
repeated remark keeping the gravest severity."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from tandem.core.errors import DomainError
from tandem.reviews import services
from tandem.reviews.models import AnchoredComment, Assignment, DocumentVersion

from .conftest import GRID, review_all


def _seat(request, person):
    seat = Assignment.objects.get(round=request.current_round, reviewer=person)
    services.accept_assignment(seat, by=person)
    return seat


def _leaflet(request):
    return DocumentVersion.objects.get(document__request=request, document__kind="leaflet")


def test_the_workspace_records_the_kind_and_severity(client, in_review, pool):
    seat = _seat(in_review, pool[0])
    client.force_login(pool[0])
    page = client.get(seat.get_absolute_url()).content.decode()
    assert 'name="kind"' in page and 'name="severity"' in page
    client.post(
        reverse("reviews:add_comment", args=[seat.pk]),
        {
            "version": _leaflet(in_review).pk,
            "quote": "ponction articulaire",
            "comment": "Jargon.",
            "kind": "unclear",
            "severity": "essential",
        },
    )
    made = AnchoredComment.objects.get()
    assert (made.kind, made.severity) == ("unclear", "essential")
    page = client.get(seat.get_absolute_url()).content.decode()
    assert "Essential: to fix before the ethics committee" in page


def test_an_unknown_kind_is_refused_and_writes_nothing(in_review, pool):
    seat = _seat(in_review, pool[0])
    with pytest.raises(DomainError):
        services.add_comment(
            seat,
            by=pool[0],
            version=_leaflet(in_review),
            quote="genou",
            comment="x",
            kind="nonsense",
        )
    assert not AnchoredComment.objects.exists()


def test_the_report_keeps_the_gravest_severity_of_a_repeated_remark(
    client, in_review, coordinator, researcher, pool
):
    leaflet = _leaflet(in_review)
    for person, severity in ((pool[0], "minor"), (pool[1], "essential")):
        services.add_comment(
            _seat(in_review, person),
            by=person,
            version=leaflet,
            quote="ponction articulaire",
            comment="Jargon.",
            kind="unclear",
            severity=severity,
        )
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    client.force_login(researcher)
    [group] = client.get(reverse("api-review-report", args=[in_review.pk])).json()["passages"]
    [remark] = group["comments"]
    assert (remark["count"], remark["kind"], remark["severity"]) == (2, "unclear", "essential")
    page = client.get(reverse("reviews:report", args=[in_review.pk])).content.decode()
    assert "Essential: to fix before the ethics committee" in page
    assert "Hard to understand" in page
    docx = client.get(reverse("reviews:report_docx", args=[in_review.pk])).content
    texts = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert any("Essential" in t and "Hard to understand" in t for t in texts)


def test_the_api_sends_kind_and_severity_with_the_review(client, in_review, pool):
    seat = _seat(in_review, pool[0])
    client.force_login(pool[0])
    comment = {"version": _leaflet(in_review).pk, "quote": "genou", "comment": "Lequel ?"}
    refused = client.post(
        reverse("api-assignment-review", args=[seat.pk]),
        {**GRID, "comments": [{**comment, "kind": "nonsense"}]},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "comments.0.kind" in refused.json()["errors"]
    sent = client.post(
        reverse("api-assignment-review", args=[seat.pk]),
        {**GRID, "comments": [{**comment, "kind": "missing", "severity": "important"}]},
        content_type="application/json",
    )
    assert sent.status_code == 200
    assert AnchoredComment.objects.get().kind == "missing"
