"""The whole journey through the services, from the draft to the closing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tandem.core.models import ActionLogEntry
from tandem.reviews import services
from tandem.reviews.models import (
    AnalysisStatus,
    AnchoredComment,
    Assignment,
    AssignmentState,
    DocumentVersion,
    RequestStatus,
)

from .conftest import LEAFLET, review_all, upload


def test_uploaded_leaflet_is_extracted_and_analysed_in_the_background(draft):
    leaflet = DocumentVersion.objects.get(document__request=draft, document__kind="leaflet")
    assert leaflet.analysis_status == AnalysisStatus.DONE
    # Fifty words: too short to judge, as "Check my document" says (no indicator out of 100).
    assert leaflet.score is None
    assert leaflet.report["too_short"]["minimum"] == 100
    assert "genou" in leaflet.text
    protocol = DocumentVersion.objects.get(
        document__request=draft, document__kind="protocol_summary"
    )
    assert protocol.analysis_status == AnalysisStatus.SKIPPED
    assert protocol.text


def test_stored_file_name_reveals_nothing(draft):
    version = DocumentVersion.objects.filter(document__request=draft).first()
    assert "leaflet" not in version.file.name and "protocol" not in version.file.name
    assert version.file.name.startswith("reviews/")


def test_the_whole_journey_reaches_a_closed_request(
    in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks
):
    request = review_all(in_review)
    report = services.start_consolidation(request, by=coordinator)
    assert "- Phrases trop longues." in report.readability_text
    # Three identical reviews are merged into one remark each.
    assert report.readability_text.count("Phrases trop longues") == 1
    assert report.scores["readability"]["average"] == 2
    services.send_report(report, by=coordinator)
    request.refresh_from_db()
    assert request.status == RequestStatus.REPORT_SENT
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document_version(
            request,
            kind="leaflet",
            upload=upload(LEAFLET + "\n\nMerci."),
            by=researcher,
            start_revision=True,
        )
    request.refresh_from_db()
    assert request.status == RequestStatus.REVISION
    new_round = services.open_new_round(
        request, by=coordinator, deadline=timezone.localdate() + dt.timedelta(days=7)
    )
    assert new_round.number == 2
    assert {a.reviewer for a in new_round.assignments.all()} == set(pool[:3])
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW
    request = review_all(request)
    services.send_report(services.start_consolidation(request, by=coordinator), by=coordinator)
    services.close_request(request, by=coordinator, outcome="revised")
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    actions = set(ActionLogEntry.objects.values_list("action", flat=True))
    assert {
        "reviews.request.submitted",
        "reviews.request.accepted",
        "reviews.assignment.invited",
        "reviews.review.submitted",
        "reviews.report.sent",
        "reviews.request.closed",
    } <= actions


def test_comments_follow_their_passage_into_the_new_version(
    in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks
):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    kept = services.add_comment(
        assignment,
        by=pool[0],
        version=leaflet,
        quote="ponction articulaire",
        comment="Expliquer ce mot.",
    )
    gone = services.add_comment(
        assignment,
        by=pool[0],
        version=leaflet,
        quote="Votre médecin vérifie d'abord",
        comment="Qui ?",
    )
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    revised = LEAFLET.replace("Votre médecin vérifie d'abord", "Le docteur regarde").replace(
        "Notice", "NOTICE"
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = services.add_document_version(
            in_review, kind="leaflet", upload=upload(revised), by=researcher, start_revision=True
        )
    carried = AnchoredComment.objects.filter(version=new)
    assert [c.carried_from_id for c in carried] == [kept.pk]
    moved = carried.get()
    new.refresh_from_db()
    assert new.text[moved.start : moved.end] == "ponction articulaire"
    assert not AnchoredComment.objects.filter(version=new, carried_from=gone).exists()


def test_declining_promotes_the_first_alternate(in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.decline_assignment(assignment, by=pool[0], reason="En vacances")
    alternate = Assignment.objects.get(round=in_review.current_round, reviewer=pool[3])
    assert alternate.state == AssignmentState.INVITED
    assert alternate.alternate_rank is None


def test_a_version_long_enough_gets_an_indicator_and_a_short_one_says_why(
    draft, researcher, client, django_capture_on_commit_callbacks
):
    short = DocumentVersion.objects.get(document__request=draft, document__kind="leaflet")
    longer = "\n\n".join(
        [LEAFLET, LEAFLET.replace("genou", "dos"), LEAFLET.replace("genou", "cou")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        long = services.add_document_version(
            draft, kind="leaflet", upload=upload(longer), by=researcher
        )
    long.refresh_from_db()
    assert long.analysis_status == AnalysisStatus.DONE
    assert long.score is not None and long.report["too_short"] is None
    client.force_login(researcher)
    shown = client.get(reverse("reviews:version", args=[short.pk])).text
    assert "Too short to judge" in shown and "at least 100 words of text" in shown
    assert "/100" not in shown
    assert f"{long.score}<span" in client.get(reverse("reviews:version", args=[long.pk])).text
    listed = client.get(draft.get_absolute_url()).text
    assert "too short for an indicator" in listed and f"indicator {long.score}/100" in listed
