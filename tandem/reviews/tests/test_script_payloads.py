"""Script payloads typed into the College's free-text fields are shown as text, never run:
request titles, review comments, anchored comments and the consolidated report."""

from __future__ import annotations

from django.urls import reverse

from tandem.reviews import services
from tandem.reviews.models import Assignment

from .conftest import GRID, review_all

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")


def _shows_escaped(page) -> None:
    body = page.content.decode()
    assert page.status_code == 200
    assert SCRIPT not in body and "<img src=x" not in body
    assert all(escaped in body for escaped in ESCAPED)


def test_a_request_title_acronym_and_reference_render_escaped(client, researcher, coordinator):
    client.force_login(researcher)
    response = client.post(
        reverse("reviews:new"),
        {
            "title": f"Étude {SCRIPT}",
            "acronym": IMG[:40],
            "sponsor_reference": IMG,
            "category": "riph2",
            "language": "fr",
            "reviewers_wanted": 3,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    assert SCRIPT not in body and "<img src=x" not in body
    assert ESCAPED[0] in body


def test_comments_and_reports_render_escaped(client, in_review, pool, coordinator, researcher):
    grid = {**GRID, "readability_comment": f"{SCRIPT}\n{IMG}", "burden_suggestions": IMG}
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    version = in_review.documents.get(kind="leaflet").latest_version
    services.add_comment(
        assignment,
        by=pool[0],
        version=version,
        quote="Vous pouvez arrêter à tout moment",
        comment=f"{SCRIPT} {IMG}",
        suggestion=IMG,
    )
    services.save_review(assignment, by=pool[0], values=grid, submit=False)
    client.force_login(pool[0])
    _shows_escaped(client.get(reverse("reviews:workspace", args=[assignment.pk])))

    services.save_review(assignment, by=pool[0], values=grid, submit=True)
    review_all(in_review, grid=grid)
    report = services.start_consolidation(in_review, by=coordinator)
    services.save_report(report, by=coordinator, values={"summary": f"{SCRIPT}\n{IMG}"})
    services.send_report(report, by=coordinator)
    client.force_login(researcher)
    _shows_escaped(client.get(reverse("reviews:report", args=[in_review.pk])))
    _shows_escaped(client.get(in_review.get_absolute_url()))
