"""The records of the agenda items are part of the versioned minutes: rewriting them makes a new
version (the same text), an accepted amendment carries them into its version, each version is
read as it was (page, PDF, Word, API) and compared with another, and a writer who read an
older version is refused rather than writing over a newer one."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.core.errors import DomainError
from tandem.core.tests.threads import postgres_only
from tandem.core.tests.threads import race as _race
from tandem.governance import services
from tandem.governance.models import Minutes, MinutesItem, MinutesVersion

from .conftest import mandates
from .test_api import client_for, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(held, officer):
    return services.draft_minutes(held, by=officer)


def _entry(minutes: Minutes, **values) -> dict:
    return {"item": minutes.meeting.items.get().pk, **values}


def _record(minutes: Minutes, number: int) -> MinutesItem:
    return MinutesItem.objects.get(version__minutes=minutes, version__number=number)


def _write(minutes: Minutes, officer, based_on=None, **values) -> Minutes:
    return services.record_minutes_items(
        minutes, entries=[_entry(minutes, **values)], by=officer, based_on=based_on
    )


def _amend_first_line(minutes: Minutes, officer, wording: str) -> None:
    attendee = mandates(minutes.meeting.body, "patients")[0].person
    amendment = services.amend_minutes(minutes, line=1, replacement=wording, by=attendee)
    services.decide_amendment(amendment, accept=True, by=officer)


# --- The service ----------------------------------------------------------------------------


def test_rewriting_the_items_makes_a_new_version_and_keeps_the_one_circulated(minutes, officer):
    first = minutes.versions.get()
    _write(minutes, officer, outcome="Report adopted.")
    second = minutes.versions.get(number=2)
    # The same text; the items as rewritten; version 1 still shows them as they were.
    assert second.text == first.text and second.note == "Agenda items rewritten: 1"
    assert second.author == officer
    assert _record(minutes, 2).outcome == "Report adopted."
    assert _record(minutes, 1).outcome == ""


def test_saving_without_a_change_makes_no_version(minutes, officer):
    _write(minutes, officer, outcome="Report adopted.")
    _write(minutes, officer, outcome="  Report adopted. ")  # the same once trimmed
    assert minutes.versions.count() == 2


def test_an_accepted_amendment_carries_the_items_into_its_version(minutes, officer):
    _write(minutes, officer, discussion="Discussed.", outcome="Report adopted.")
    _amend_first_line(minutes, officer, "A better first line.")
    third = minutes.versions.get(number=3)
    assert third.lines[0] == "A better first line."
    assert (_record(minutes, 3).discussion, _record(minutes, 3).outcome) == (
        "Discussed.",
        "Report adopted.",
    )
    # Rewriting an item afterwards starts from version 3: its text stays amended.
    _write(minutes, officer, discussion="Discussed.", outcome="Report adopted unanimously.")
    fourth = minutes.versions.get(number=4)
    assert fourth.lines[0] == "A better first line."
    assert _record(minutes, 3).outcome == "Report adopted."
    assert _record(minutes, 4).outcome == "Report adopted unanimously."


def test_a_writer_who_read_an_older_version_is_refused_and_nothing_is_written(minutes, officer):
    _write(minutes, officer, based_on=1, outcome="First writer.")
    with pytest.raises(DomainError) as refusal:
        _write(minutes, officer, based_on=1, outcome="Second writer, from version 1.")
    assert refusal.value.code == "stale_version"
    assert "version 2 is the latest" in str(refusal.value)
    assert minutes.versions.count() == 2 and _record(minutes, 2).outcome == "First writer."
    # From the latest version, the change is written.
    _write(minutes, officer, based_on=2, outcome="Second writer, from version 2.")
    assert _record(minutes, 3).outcome == "Second writer, from version 2."


# --- The pages ------------------------------------------------------------------------------


def test_each_version_is_read_as_it_was(client, minutes, officer, gram_member):
    _write(minutes, officer, outcome="Report adopted.")
    client.force_login(gram_member)
    latest = client.get(minutes.get_absolute_url()).content.decode()
    assert "Report adopted." in latest and "Text, version 2" in latest
    assert f"{minutes.get_absolute_url()}?version=1" in latest  # the versions list links it
    old = client.get(minutes.get_absolute_url(), {"version": 1}).content.decode()
    assert "Report adopted." not in old and "Nothing is recorded for this item yet." in old
    assert "You are reading version 1 of these minutes, as it was." in old
    assert f"{reverse('governance:minutes_pdf', args=[minutes.pk])}?version=1" in old
    for wrong in ("3", "x", "-1"):
        assert client.get(minutes.get_absolute_url(), {"version": wrong}).status_code == 404


def test_an_older_version_offers_no_form(client, minutes, officer):
    _write(minutes, officer, outcome="Report adopted.")
    client.force_login(officer)
    items_url = reverse("governance:minutes_items", args=[minutes.pk])
    assert items_url in client.get(minutes.get_absolute_url()).content.decode()
    old = client.get(minutes.get_absolute_url(), {"version": 1}).content.decode()
    assert items_url not in old
    assert reverse("governance:approve_minutes", args=[minutes.pk]) not in old


def test_the_items_page_makes_a_version_and_refuses_a_stale_form_as_typed(client, minutes, officer):
    client.force_login(officer)
    url = reverse("governance:minutes_items", args=[minutes.pk])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page and "Saving a change makes version 2" in page
    prefix = f"item-{minutes.meeting.items.get().pk}"
    response = client.post(url, {"version": "1", f"{prefix}-outcome": "First writer."})
    assert response.status_code == 302
    # A second secretary's form was filled from version 1 too.
    response = client.post(url, {"version": "1", f"{prefix}-outcome": "Second writer."})
    assert response.status_code == 409
    page = response.content.decode()
    assert "These minutes changed while you were writing" in page
    assert "Second writer.</textarea>" in page  # kept as typed
    compare = reverse("governance:minutes_compare", args=[minutes.pk])
    assert f"{compare}?a=1&amp;b=2" in page and 'name="version" value="2"' in page
    assert _record(minutes, 2).outcome == "First writer." and minutes.versions.count() == 2
    # Not a number: refused the same way, nothing written.
    response = client.post(url, {"version": "two", f"{prefix}-outcome": "Third."})
    assert response.status_code == 409 and minutes.versions.count() == 2


def test_the_stale_refusal_is_in_french(client, minutes, officer):
    officer.language = "fr"
    officer.save(update_fields=["language"])
    _write(minutes, officer, outcome="Écrit.")
    client.force_login(officer)
    prefix = f"item-{minutes.meeting.items.get().pk}"
    response = client.post(
        reverse("governance:minutes_items", args=[minutes.pk]),
        {"version": "1", f"{prefix}-outcome": "Trop tard"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 409
    assert "Ce compte rendu a changé pendant que vous écriviez" in response.content.decode()


def test_the_comparison_shows_the_items_that_changed(client, minutes, officer, gram_member):
    _write(minutes, officer, discussion="Discussed.", outcome="Report adopted.")
    _write(minutes, officer, discussion="Discussed.", outcome="Report adopted unanimously.")
    client.force_login(gram_member)
    url = reverse("governance:minutes_compare", args=[minutes.pk])
    page = client.get(url, {"a": 2, "b": 3}).content.decode()
    assert "1. Opening" in page
    assert "Report adopted.</del>" in page and "Report adopted unanimously.</ins>" in page
    assert "Discussed." not in page  # unchanged fields are not repeated
    same = client.get(url, {"a": 2, "b": 2}).content.decode()
    assert "The agenda items are recorded the same way in both versions." in same


def test_the_pdf_and_the_word_file_of_an_older_version(client, minutes, officer, gram_member):
    from docx import Document
    from pypdf import PdfReader

    _write(minutes, officer, outcome="Report adopted.")
    client.force_login(gram_member)
    docx_url = reverse("governance:minutes_docx", args=[minutes.pk])
    for number, present in ((1, False), (2, True)):
        response = client.get(docx_url, {"version": number})
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert f"Version {number}" in text and ("Report adopted." in text) is present
    response = client.get(reverse("governance:minutes_pdf", args=[minutes.pk]), {"version": 1})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Version 1" in pdf and "Report adopted." not in pdf
    assert client.get(docx_url, {"version": 9}).status_code == 404


def test_the_page_reads_in_the_same_number_of_queries_however_many_versions(
    client, minutes, officer, gram_member
):
    client.force_login(gram_member)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(minutes.get_absolute_url()).status_code == 200
        return len(queries)

    _write(minutes, officer, outcome="One.")
    before = count()
    _write(minutes, officer, outcome="Two.")
    _amend_first_line(minutes, officer, "Amended.")
    assert count() == before


# --- The API --------------------------------------------------------------------------------


def test_the_api_gives_each_versions_items(minutes, officer, gram_member):
    _write(minutes, officer, outcome="Report adopted.")
    body = (
        client_for(gram_member)
        .get(f"/api/v1/governance/meetings/{minutes.meeting_id}/minutes")
        .json()
    )
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert [v["items"][0]["outcome"] for v in body["versions"]] == ["", "Report adopted."]
    assert body["items"] == body["versions"][-1]["items"]


def test_the_api_refuses_a_stale_version_and_writes_from_the_latest(minutes, officer):
    me = client_for(officer)
    url = f"minutes/{minutes.pk}/items"
    written = post(me, url, {"version": 1, "items": [_entry(minutes, outcome="First.")]})
    assert written.status_code == 200 and len(written.json()["versions"]) == 2
    stale = post(me, url, {"version": 1, "items": [_entry(minutes, outcome="Second.")]})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert post(me, url, {"version": 0, "items": []}).status_code == 400
    # Without a version, the change is written over the latest (the old behaviour).
    assert post(me, url, {"items": [_entry(minutes, outcome="Third.")]}).status_code == 200
    assert [v.number for v in MinutesVersion.objects.filter(minutes=minutes)] == [1, 2, 3]


def test_the_api_reads_in_the_same_number_of_queries_however_many_versions(
    minutes, officer, gram_member
):
    me = client_for(gram_member)
    url = f"/api/v1/governance/meetings/{minutes.meeting_id}/minutes"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert me.get(url).status_code == 200
        return len(queries)

    _write(minutes, officer, outcome="One.")
    count()  # the token's first use is written once
    before = count()
    _write(minutes, officer, outcome="Two.")
    _write(minutes, officer, outcome="Three.")
    assert count() == before


# --- Two writers at once (PostgreSQL) -------------------------------------------------------


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_secretaries_writing_from_the_same_version_write_once(minutes, officer, admin_user):
    errors = _race(
        [
            lambda by=by: _write(minutes, by, based_on=1, outcome=f"By {by.pk}.")
            for by in (officer, admin_user)
        ]
    )
    assert [e.code for e in errors] == ["stale_version"]
    assert minutes.versions.count() == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_writers_without_a_version_are_numbered_one_after_the_other(
    minutes, officer, admin_user
):
    """Serialised by the minutes' lock: versions 2 and 3, the second copying the first's items
    (no duplicate number, no lost version)."""
    item = minutes.meeting.items.get()
    errors = _race(
        [
            lambda by=by, field=field: services.record_minutes_items(
                minutes, entries=[{"item": item.pk, field: "Written."}], by=by
            )
            for by, field in ((officer, "discussion"), (admin_user, "outcome"))
        ]
    )
    assert errors == []
    assert sorted(minutes.versions.values_list("number", flat=True)) == [1, 2, 3]
    assert MinutesItem.objects.filter(version__minutes=minutes).count() == 3
