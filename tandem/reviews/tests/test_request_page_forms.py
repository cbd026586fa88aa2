"""The other forms of a request's page (closing, withdrawing, uploading, a new round, answering a
comment, consolidating) do as the triage form does: a refused input shows the page again (422)
with what was typed and the error beside its field, and writes nothing."""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.core.models import ActionLogEntry
from tandem.reviews import services
from tandem.reviews.models import (
    AnchoredComment,
    AnswerState,
    Assignment,
    DocumentVersion,
    RequestStatus,
    ReviewRequest,
    Round,
)

from .conftest import review_all, upload
from .test_triage_page import _error_of

NOTE = "L'étude est arrêtée par le promoteur : plus de financement."


def _refused(client, person, name, pk, data):
    """Post to the page's form `name` of object `pk` an input it refuses: the page is shown
    again (422) and nothing is logged. The form as shown."""
    before = ActionLogEntry.objects.count()
    client.force_login(person)
    action = reverse(f"reviews:{name}", args=[pk])
    response = client.post(action, data)
    assert response.status_code == 422
    assert ActionLogEntry.objects.count() == before
    (form,) = lxml.html.fromstring(response.content.decode()).xpath(f"//form[@action='{action}']")
    return form


def _reported(in_review, coordinator, pool):
    """The report of round 1 is sent; pool[0] commented the leaflet."""
    seat = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(seat, by=pool[0])
    leaflet = DocumentVersion.objects.get(document__request=in_review, document__kind="leaflet")
    comment = services.add_comment(
        seat, by=pool[0], version=leaflet, quote="ponction articulaire", comment="Jargon."
    )
    review_all(in_review)
    services.send_report(services.start_consolidation(in_review, by=coordinator), by=coordinator)
    in_review.refresh_from_db()
    return comment


# Closing (the coordinator)


def test_closing_without_an_outcome_keeps_the_note_and_asks_for_the_outcome(
    client, in_review, coordinator
):
    form = _refused(client, coordinator, "close", in_review.pk, {"note": NOTE})

    assert form.xpath(".//textarea[@name='note']")[0].text_content().strip() == NOTE
    assert _error_of(form, "outcome") == "Choose an outcome."
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW


def test_closing_before_the_report_without_a_reason_keeps_the_outcome_and_asks_for_it(
    client, in_review, coordinator
):
    form = _refused(
        client, coordinator, "close", in_review.pk, {"outcome": "unchanged", "note": " "}
    )

    assert form.xpath(".//select[@name='outcome']/option[@selected]/@value") == ["unchanged"]
    assert _error_of(form, "note") == "Say why the request ends before its report."
    assert _error_of(form, "outcome") == ""
    in_review.refresh_from_db()
    assert (in_review.status, in_review.outcome) == (RequestStatus.IN_REVIEW, "")


# Withdrawing (the research team)


def test_withdrawing_without_a_reason_asks_for_it_beside_the_box(client, in_review, researcher):
    form = _refused(client, researcher, "withdraw", in_review.pk, {"reason": "  "})

    assert _error_of(form, "reason") == "Say why the request is withdrawn."
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW


def test_a_too_long_withdrawal_reason_is_kept_to_be_shortened(client, in_review, researcher):
    reason = "Arrêt. " * 300
    form = _refused(client, researcher, "withdraw", in_review.pk, {"reason": reason})

    assert form.xpath(".//textarea[@name='reason']")[0].text_content().strip() == reason.strip()
    assert "2000" in _error_of(form, "reason")
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW


# Uploading (the research team)


def test_a_refused_file_keeps_the_chosen_kind_and_says_why_beside_the_file(
    client, draft, researcher
):
    not_a_document = SimpleUploadedFile("notice.docx", b"plain text, not a Word file")
    form = _refused(
        client, researcher, "upload", draft.pk, {"kind": "consent", "file": not_a_document}
    )

    assert form.xpath(".//select[@name='kind']/option[@selected]/@value") == ["consent"]
    assert "Word" in _error_of(form, "file") or "DOCX" in _error_of(form, "file")
    assert DocumentVersion.objects.filter(document__request=draft).count() == 3


def test_an_upload_after_the_report_asks_to_confirm_the_revision_beside_the_box(
    client, in_review, coordinator, researcher, pool
):
    _reported(in_review, coordinator, pool)
    form = _refused(
        client, researcher, "upload", in_review.pk, {"kind": "consent", "file": upload()}
    )

    assert form.xpath(".//select[@name='kind']/option[@selected]/@value") == ["consent"]
    assert _error_of(form, "start_revision").startswith("The report is sent")
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.REPORT_SENT


# Answering a comment (the research team)


def test_a_comment_not_taken_into_account_without_a_reason_keeps_the_choice(
    client, in_review, coordinator, researcher, pool
):
    comment = _reported(in_review, coordinator, pool)
    form = _refused(client, researcher, "answer", comment.pk, {"answer": "rejected", "reason": ""})

    assert form.xpath(".//input[@name='answer'][@checked]/@value") == ["rejected"]
    assert _error_of(form, "reason") == "Say why this comment is not taken into account."
    assert AnchoredComment.objects.get(pk=comment.pk).answer == AnswerState.PENDING


def test_a_reason_without_an_answer_is_kept_and_the_answer_asked_for(
    client, in_review, coordinator, researcher, pool
):
    comment = _reported(in_review, coordinator, pool)
    form = _refused(client, researcher, "answer", comment.pk, {"reason": "Déjà dit ailleurs."})

    assert (
        form.xpath(".//textarea[@name='reason']")[0].text_content().strip() == "Déjà dit ailleurs."
    )
    assert _error_of(form, "answer") == "Choose an answer."
    assert AnchoredComment.objects.get(pk=comment.pk).answer == AnswerState.PENDING


def test_an_answer_is_saved(client, in_review, coordinator, researcher, pool):
    comment = _reported(in_review, coordinator, pool)
    client.force_login(researcher)
    response = client.post(
        reverse("reviews:answer", args=[comment.pk]), {"answer": "rejected", "reason": "Déjà dit."}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.answer, comment.answer_reason) == (AnswerState.REJECTED, "Déjà dit.")


# A new round (the coordinator)


def _in_revision(in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks):
    _reported(in_review, coordinator, pool)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document_version(
            in_review, kind="leaflet", upload=upload(), by=researcher, start_revision=True
        )
    in_review.refresh_from_db()
    assert in_review.status == RequestStatus.REVISION


def test_a_new_round_with_a_past_deadline_keeps_the_date_and_says_why_beside_it(
    client, in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks
):
    _in_revision(in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks)
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    rounds = Round.objects.count()
    form = _refused(client, coordinator, "new_round", in_review.pk, {"deadline": yesterday})

    assert form.xpath(".//input[@name='deadline']/@value") == [yesterday]
    assert _error_of(form, "deadline") == "The deadline must be a date to come."
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.REVISION
    assert Round.objects.count() == rounds


def test_a_new_round_without_a_valid_date_keeps_what_was_typed(
    client, in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks
):
    _in_revision(in_review, coordinator, researcher, pool, django_capture_on_commit_callbacks)
    form = _refused(client, coordinator, "new_round", in_review.pk, {"deadline": "2030-02-31"})

    assert form.xpath(".//input[@name='deadline']/@value") == ["2030-02-31"]
    assert _error_of(form, "deadline") == "Give a valid deadline."


# Consolidating (the coordinator)


def test_consolidating_while_reviews_are_missing_says_so_beside_the_box(
    client, in_review, coordinator, pool
):
    seat = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(seat, by=pool[0])
    from .conftest import GRID

    services.save_review(seat, by=pool[0], values=GRID, submit=True)
    form = _refused(client, coordinator, "consolidate", in_review.pk, {})

    assert _error_of(form, "force").startswith("Some reviewers have not sent their review yet.")
    assert ReviewRequest.objects.get(pk=in_review.pk).status == RequestStatus.IN_REVIEW
