"""The demo: the GRAM with 20 seats (two vacant), two years of quarterly meetings, ten proposals
at every stage with answers and actions; loading it twice changes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tandem.accounts import demo as account_demo
from tandem.directory import demo as directory_demo
from tandem.governance import demo, queries
from tandem.governance.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesItem,
    Proposal,
    Vote,
)

pytestmark = pytest.mark.django_db


def test_the_demo_loads_twice_with_the_gram_at_every_stage():
    account_demo.load()
    directory_demo.load()
    demo.load()
    demo.load()
    body = queries.the_body()
    composition = queries.composition(body)
    assert sum(v.college.seats for v in composition) == 20
    assert sum(v.vacancies for v in composition) == 2
    # Two whole years of quarterly meetings held before this one, each with its minutes.
    held = Meeting.objects.filter(status=MeetingStatus.CLOSED)
    today = timezone.localdate()
    for year in (today.year - 2, today.year - 1):
        assert held.filter(starts_at__year=year).count() == 4
    assert not held.filter(minutes__isnull=True).exists()
    assert Meeting.objects.filter(status=MeetingStatus.CONVENED).count() == 1
    assert set(Proposal.objects.values_list("status", flat=True)) == {
        "draft",
        "on_agenda",
        "adopted",
        "rejected",
        "transmitted",
        "answered",
        "implemented",
    }
    assert Proposal.objects.count() == 10
    assert not Vote.objects.filter(status="open").exists()
    assert any(w.code == "ending_soon" for w in queries.warnings(body))
    closed = Meeting.objects.filter(status=MeetingStatus.CLOSED).count()
    assert Minutes.objects.filter(status="approved").count() == closed - 1
    assert Minutes.objects.filter(status="draft").count() == 1
    # Each past meeting's minutes say, item by item, what was discussed and decided; the
    # items on a proposal link to it.
    latest = [queries.latest_version(m) for m in Minutes.objects.filter(meeting__in=held)]
    records = MinutesItem.objects.filter(version__in=latest)
    assert records.count() == AgendaItem.objects.filter(meeting__in=held).count()
    assert not records.filter(outcome="").exists()
    assert not records.filter(item__proposal__isnull=False, proposal__isnull=True).exists()


def test_the_demo_has_a_replaced_document_with_comments_and_a_yearly_report():
    from tandem.governance import report
    from tandem.governance.models import DocumentComment, MeetingDocument

    account_demo.load()
    directory_demo.load()
    demo.load()
    newest = MeetingDocument.objects.get(previous__isnull=False)
    assert newest.version == 2 and newest.late
    assert DocumentComment.objects.filter(document=newest).count() == 2
    body = queries.the_body()
    last_year = report.year_report(body, report.years(body)[1])
    assert last_year.meetings and any(row.invited for row in last_year.attendance)
