"""The report as the team's own DOCX: each comment of the round in the margin, at its passage."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document

from tandem.core.models import ActionLogEntry
from tandem.reviews import services
from tandem.reviews.models import Assignment, DocumentVersion

from .conftest import review_all


def _comments_of(content: bytes) -> dict[str, tuple[str, str]]:
    """{comment text: (author, the text it covers)} read back from the file."""
    document = Document(io.BytesIO(content))
    found = {}
    for comment in document.comments:
        found[comment.text] = (comment.author, "")
    # The commented text: the runs between each commentRangeStart and commentRangeEnd.
    body = document.element.body
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    for start in body.findall(".//w:commentRangeStart", ns):
        cid = start.get(f"{{{ns['w']}}}id")
        texts, node = [], start.getnext()
        while node is not None and not (
            node.tag.endswith("commentRangeEnd") and node.get(f"{{{ns['w']}}}id") == cid
        ):
            texts.extend(t.text or "" for t in node.findall(".//w:t", ns))
            node = node.getnext()
        comment = next(c for c in document.comments if str(c.comment_id) == cid)
        found[comment.text] = (comment.author, "".join(texts))
    return found


def test_the_team_downloads_its_leaflet_with_each_comment_at_its_passage(
    client, in_review, coordinator, researcher, pool
):
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    for person, quote, text in (
        (pool[0], "ponction articulaire", "Jargon."),
        (pool[1], "ponction articulaire", "Jargon."),
        (pool[1], "à tout moment", "Très clair."),
        (pool[2], "absent de la notice", "Introuvable."),
    ):
        seat = Assignment.objects.get(round=in_review.current_round, reviewer=person)
        if seat.state == "invited":
            services.accept_assignment(seat, by=person)
        if text == "Introuvable.":
            leaflet.text += " absent de la notice"  # in the text, not in the file
            leaflet.save(update_fields=["text"])
        services.add_comment(seat, by=person, version=leaflet, quote=quote, comment=text)
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    client.force_login(researcher)
    page = client.get(reverse("reviews:report", args=[in_review.pk])).content.decode()
    url = reverse("reviews:report_annotated", args=[in_review.pk, "leaflet"])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    comments = _comments_of(response.content)
    head = "[Minor: a suggestion · Other]\n"  # the default severity and kind
    assert comments[head + "Jargon.\nSaid by 2 reviewers."] == (
        "Reviewer 1, Reviewer 2",
        "ponction articulaire",
    )
    assert comments[head + "Très clair."] == ("Reviewer 2", "à tout moment")
    placed_elsewhere = next(text for text in comments if "Introuvable." in text)
    assert "absent de la notice" in placed_elsewhere  # quoted, on the first paragraph
    # The team's text is unchanged around the comments.
    text = "\n\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Il vous sera demandé de vous soumettre à une ponction articulaire." in text
    entry = ActionLogEntry.objects.filter(action="reviews.report.downloaded").last()
    assert entry.data["annotated"] == "leaflet"


def test_the_annotated_file_is_for_the_team_and_coordinators_only(
    client, in_review, coordinator, researcher, pool, outsider
):
    seat = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(seat, by=pool[0])
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    services.add_comment(seat, by=pool[0], version=leaflet, quote="genou", comment="Lequel ?")
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    url = reverse("reviews:report_annotated", args=[in_review.pk, "leaflet"])
    for person, status in ((researcher, 200), (coordinator, 200), (pool[0], 404), (outsider, 404)):
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(researcher)
    # No comment on the consent form: no annotated file for it.
    assert (
        client.get(reverse("reviews:report_annotated", args=[in_review.pk, "consent"])).status_code
        == 404
    )


def test_the_api_gives_the_annotated_file(client, in_review, coordinator, researcher, pool):
    seat = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(seat, by=pool[0])
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    services.add_comment(seat, by=pool[0], version=leaflet, quote="genou", comment="Lequel ?")
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    client.force_login(researcher)
    url = reverse("api-review-report-docx", args=[in_review.pk])
    response = client.get(url, {"document": "leaflet"})
    assert response.status_code == 200
    found = _comments_of(response.content)
    assert found["[Minor: a suggestion · Other]\nLequel ?"] == ("Reviewer 1", "genou")
    assert client.get(url, {"document": "consent"}).status_code == 404
    # The page's file, under the page's name.
    page = client.get(reverse("reviews:report_annotated", args=[in_review.pk, "leaflet"]))
    assert response["Content-Disposition"] == page["Content-Disposition"]
    assert "-comments-round-1.docx" in response["Content-Disposition"]
