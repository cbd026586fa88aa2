"""Two requests at once on PostgreSQL: the lock and re-read hold (threads with their own
connections). Skipped on SQLite, which has no row locks."""

from __future__ import annotations

import pytest

from tandem.core.tests.threads import postgres_only
from tandem.core.tests.threads import race as _race
from tandem.governance import services
from tandem.governance.models import Ballot, Proxy, ProxyStatus

from .conftest import check_in_all, mandates


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_secretaries_recording_the_same_vote_record_it_once(meeting, officer, admin_user):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    check_in_all(meeting, officer)
    vote = services.open_vote(meeting.items.get(), question="Adopt?", by=officer)
    member = mandates(meeting.body, "researchers")[0]
    errors = _race(
        [
            lambda by=by, choice=choice: services.cast_ballot(
                vote, mandate=member, cast_by=member, choice=choice, by=by
            )
            for by, choice in ((officer, "for"), (admin_user, "against"))
        ]
    )
    assert Ballot.objects.filter(vote=vote, mandate=member).count() == 1
    assert [e.code for e in errors] == ["already_voted"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_members_giving_a_proxy_to_the_same_person_give_one(meeting, officer):
    services.convene(meeting, by=officer)
    patients = mandates(meeting.body, "patients")
    holder = patients[0]
    errors = _race(
        [
            lambda p=p: services.give_proxy(meeting, person=p.person, holder=holder)
            for p in (patients[1], patients[2])
        ]
    )
    assert Proxy.objects.filter(holder=holder, status=ProxyStatus.ACTIVE).count() == 1
    assert [e.code for e in errors] == ["proxy_held"]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_secretaries_replacing_the_same_document_make_one_new_version(
    meeting, officer, admin_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tandem.governance.models import MeetingDocument

    def pdf(name):
        return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    agenda = services.add_document(meeting, title="Agenda", upload=pdf("a.pdf"), by=officer)
    errors = _race(
        [
            lambda by=by: services.add_document(
                meeting, title="", upload=pdf(f"{by.pk}.pdf"), replaces=agenda, by=by
            )
            for by in (officer, admin_user)
        ]
    )
    assert MeetingDocument.objects.filter(previous=agenda).count() == 1
    assert [e.code for e in errors] == ["document_superseded"]
