"""Minutes item by item: for each agenda item the discussion, the decision or outcome and the
proposal it led to; written by the secretariat on its page or through the API (one service),
frozen once the minutes are approved, shown on the page, in the PDF and in the Word file."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry
from tandem.governance import services
from tandem.governance.models import Minutes, MinutesItem, Proposal

from .conftest import current_items, soon
from .test_api import client_for, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(held, officer):
    return services.draft_minutes(held, by=officer)


@pytest.fixture
def proposal(held, gram_member):
    return services.draft_proposal(
        held.body, author=gram_member, title="Documents early", text="Two weeks before."
    )


def _approve(minutes: Minutes, officer) -> Minutes:
    nxt = services.schedule_meeting(
        minutes.meeting.body, title="Next", starts_at=soon(120), place="Paris", by=officer
    )
    services.add_agenda_item(nxt, title="Approve the minutes", by=officer)
    services.convene(nxt, by=officer)
    services.open_meeting(nxt, by=officer)
    return services.approve_minutes(minutes, at=nxt, by=officer)


def _entry(minutes: Minutes, **values) -> dict:
    return {"item": minutes.meeting.items.get().pk, **values}


def test_drafting_gives_each_agenda_item_its_record(minutes):
    record = current_items(minutes).get()
    assert record.item == minutes.meeting.items.get()
    assert (record.discussion, record.outcome, record.proposal) == ("", "", None)


def test_the_secretariat_records_the_discussion_the_outcome_and_the_proposal(
    minutes, officer, proposal
):
    entry = _entry(
        minutes,
        discussion="  The members found the report clear.  ",
        outcome="Report adopted.",
        proposal=proposal.pk,
    )
    services.record_minutes_items(minutes, entries=[entry], by=officer)
    record = current_items(minutes).get()
    assert record.discussion == "The members found the report clear."
    assert (record.outcome, record.proposal) == ("Report adopted.", proposal)
    log = ActionLogEntry.objects.filter(action="governance.minutes.items_recorded").get()
    assert log.data == {"items": [record.item_id], "version": 2}


def test_a_record_is_written_for_minutes_drafted_before_records_existed(minutes, officer):
    MinutesItem.objects.all().delete()
    services.record_minutes_items(minutes, entries=[_entry(minutes, outcome="Noted.")], by=officer)
    assert current_items(minutes).get().outcome == "Noted."


def test_approved_minutes_are_frozen(minutes, officer):
    minutes = _approve(minutes, officer)
    with pytest.raises(DomainError) as refusal:
        services.record_minutes_items(minutes, entries=[_entry(minutes, outcome="x")], by=officer)
    assert refusal.value.code == "locked"
    assert "can no longer change" in str(refusal.value)
    assert current_items(minutes).get().outcome == ""


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ({"item": 0}, "item"),
        ({"proposal": 0}, "proposal"),
        ({"discussion": "x" * 10001}, "too_long"),
    ],
)
def test_a_bad_entry_refuses_them_all(minutes, officer, bad, code):
    entries = [_entry(minutes, outcome="Written"), _entry(minutes, **bad)]
    with pytest.raises(DomainError) as refusal:
        services.record_minutes_items(minutes, entries=entries, by=officer)
    assert refusal.value.code == code
    assert current_items(minutes).get().outcome == ""


def test_a_proposal_of_another_body_is_refused(minutes, officer, gram_member):
    other = services.create_body(name="Other", slug="other", by=None)
    # Made directly: nobody holds a mandate in that other body.
    foreign = Proposal.objects.create(body=other, author=gram_member, title="t", text="x")
    with pytest.raises(DomainError) as refusal:
        services.record_minutes_items(
            minutes, entries=[_entry(minutes, proposal=foreign.pk)], by=officer
        )
    assert refusal.value.code == "proposal"


# --- The pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("gram_member", 403),
        ("director", 403),
        ("member", 403),
        ("researcher", 403),
    ],
)
def test_only_the_secretariat_opens_the_items_page(as_persona, minutes, persona, expected):
    client, _user = as_persona(persona)
    url = reverse("governance:minutes_items", args=[minutes.pk])
    assert client.get(url).status_code == expected
    assert client.post(url, {}).status_code in (expected, 302)
    assert current_items(minutes).get().outcome == ""


def test_the_items_page_asks_a_visitor_to_sign_in(client, minutes):
    response = client.get(reverse("governance:minutes_items", args=[minutes.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _form(minutes: Minutes, **values) -> dict:
    prefix = f"item-{minutes.meeting.items.get().pk}"
    return {f"{prefix}-{key}": value for key, value in values.items()}


def test_the_secretariat_writes_each_item_and_the_members_read_it(
    client, minutes, officer, gram_member, proposal
):
    client.force_login(officer)
    url = reverse("governance:minutes_items", args=[minutes.pk])
    form = client.get(url).content.decode()
    assert "Opening" in form and 'name="item-' in form
    response = client.post(
        url,
        _form(
            minutes,
            discussion="A lively discussion.",
            outcome="Report adopted.",
            proposal=proposal.pk,
        ),
    )
    assert response.status_code == 302 and response["Location"] == minutes.get_absolute_url()
    client.force_login(gram_member)
    page = client.get(minutes.get_absolute_url()).content.decode()
    assert "A lively discussion." in page and "Report adopted." in page
    assert proposal.get_absolute_url() in page and "Documents early" in page


def test_a_refused_record_comes_back_as_typed_and_writes_nothing(client, minutes, officer):
    client.force_login(officer)
    url = reverse("governance:minutes_items", args=[minutes.pk])
    response = client.post(
        url, _form(minutes, discussion="x" * 10001, outcome="A decision I took time to write")
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "A decision I took time to write</textarea>" in page
    assert current_items(minutes).get().outcome == ""


def test_approved_minutes_refuse_the_items_page_with_a_translated_message(client, minutes, officer):
    minutes = _approve(minutes, officer)
    officer.language = "fr"
    officer.save(update_fields=["language"])
    client.force_login(officer)
    url = reverse("governance:minutes_items", args=[minutes.pk])
    response = client.post(url, _form(minutes, outcome="Trop tard"), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Ce compte rendu est approuvé" in page
    assert "Trop tard</textarea>" in page
    assert current_items(minutes).get().outcome == ""
    # The approved minutes no longer offer the page.
    assert url not in client.get(minutes.get_absolute_url()).content.decode()


def test_the_pdf_and_the_word_file_hold_each_items_record(client, minutes, officer, gram_member):
    from docx import Document
    from pypdf import PdfReader

    services.record_minutes_items(
        minutes,
        entries=[_entry(minutes, discussion="Line one.\nLine two.", outcome="Report adopted.")],
        by=officer,
    )
    client.force_login(gram_member)
    response = client.get(reverse("governance:minutes_docx", args=[minutes.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "1. Opening" in text and "Line two." in text and "Report adopted." in text
    response = client.get(reverse("governance:minutes_pdf", args=[minutes.pk]))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Report adopted." in pdf


# --- The API --------------------------------------------------------------------------------


def test_the_api_reads_the_records_of_the_items(minutes, gram_member):
    response = client_for(gram_member).get(
        f"/api/v1/governance/meetings/{minutes.meeting_id}/minutes"
    )
    assert response.json()["items"] == [
        {
            "item": minutes.meeting.items.get().pk,
            "title": "Opening",
            "position": 1,
            "discussion": "",
            "outcome": "",
            "proposal": None,
        }
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("gram_member", 403),
        ("director", 403),
        ("member", 404),
        ("researcher", 404),
    ],
)
def test_only_the_secretariat_writes_the_records_through_the_api(
    request, minutes, persona, expected
):
    user = request.getfixturevalue(persona)
    response = post(
        client_for(user),
        f"minutes/{minutes.pk}/items",
        {"items": [_entry(minutes, outcome="Adopted.")]},
    )
    assert response.status_code == expected, response.content
    assert current_items(minutes).get().outcome == ("Adopted." if expected == 200 else "")


def test_the_api_needs_a_token(client, minutes):
    response = client.post(
        f"/api/v1/governance/minutes/{minutes.pk}/items",
        {"items": []},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


def test_the_api_refuses_approved_minutes_with_the_pages_message(minutes, officer, proposal):
    me = client_for(officer)
    written = post(
        me,
        f"minutes/{minutes.pk}/items",
        {"items": [_entry(minutes, outcome="Adopted.", proposal=proposal.pk)]},
    )
    assert written.json()["items"][0]["proposal"] == proposal.pk
    _approve(minutes, officer)
    refused = post(me, f"minutes/{minutes.pk}/items", {"items": [_entry(minutes, outcome="x")]})
    assert refused.status_code == 409 and refused.json()["code"] == "locked"
    too_long = post(
        me, f"minutes/{minutes.pk}/items", {"items": [_entry(minutes, outcome="x" * 2001)]}
    )
    assert too_long.status_code == 400
    assert current_items(minutes).get().outcome == "Adopted."
