"""A prepared query runs the SQL the ORM wrote once, with each call's own values, and reads
its rows from the database every time (nothing but the text of the query is kept)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, models
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem.core.models import Notification
from tandem.core.notifications import notify
from tandem.core.prepared import PreparedQuery

pytestmark = pytest.mark.django_db

UNREAD_SINCE = PreparedQuery(
    lambda person, since: Notification.objects.filter(
        recipient_id=person, read_at__isnull=True, created__gte=since
    ).order_by("pk"),
    person=models.IntegerField(),
    since=models.DateTimeField(),
)
TITLES = PreparedQuery(
    lambda person: (
        Notification.objects.filter(recipient_id=person)
        .order_by("pk")
        .values_list("title", flat=True)
    ),
    person=models.IntegerField(),
)


def test_each_call_reads_the_rows_with_its_own_values(member, officer):
    notify(member, kind="t", title="for the member", email=False)
    notify(officer, kind="t", title="for the officer", email=False)
    assert TITLES.rows(person=member.pk) == [("for the member",)]
    assert TITLES.rows(person=officer.pk) == [("for the officer",)]
    # A change made after the first call is seen by the next: only the SQL is kept.
    notify(member, kind="t", title="again", email=False)
    assert TITLES.rows(person=member.pk) == [("for the member",), ("again",)]


def test_objects_are_converted_as_the_orm_converts_them(member):
    notify(member, kind="t", title="new", email=False)
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    [found] = UNREAD_SINCE.objects(person=member.pk, since=hour_ago)
    assert found == Notification.objects.get(recipient=member)
    assert isinstance(found.created, dt.datetime) and found.created.tzinfo is not None
    assert (
        UNREAD_SINCE.objects(person=member.pk, since=timezone.now() + dt.timedelta(hours=1)) == []
    )
    Notification.objects.filter(recipient=member).update(read_at=timezone.now())
    assert UNREAD_SINCE.objects(person=member.pk, since=hour_ago) == []


def test_one_query_a_call_and_the_same_sql_each_time(member):
    TITLES.rows(person=member.pk)
    with CaptureQueriesContext(connection) as first:
        TITLES.rows(person=member.pk)
    with CaptureQueriesContext(connection) as second:
        TITLES.rows(person=member.pk + 1)
    assert len(first) == len(second) == 1
    assert first.captured_queries[0]["sql"].replace(str(member.pk), "?") == second.captured_queries[
        0
    ]["sql"].replace(str(member.pk + 1), "?")


def test_the_values_must_be_the_declared_parameters(member):
    with pytest.raises(TypeError):
        TITLES.rows(someone=member.pk)
    unused = PreparedQuery(lambda person: Notification.objects.all(), person=models.IntegerField())
    with pytest.raises(RuntimeError):
        unused.rows(person=member.pk)


# Only some fields, an annotation after them, a text parameter: as the home's panels ask.
WITH_RECIPIENT = PreparedQuery(
    lambda person, kind: (
        Notification.objects.filter(recipient_id=person, kind=kind)
        .annotate(recipient_email=F("recipient__email"), unread=Q(read_at__isnull=True))
        .only("pk", "title", "created")
        .order_by("pk")
    ),
    person=models.IntegerField(),
    kind=models.CharField(),
)


def test_objects_carry_their_annotations_converted_and_load_deferred_fields(member):
    notify(member, kind="t", title="first", email=False)
    notify(member, kind="other", title="second", email=False)
    [found] = WITH_RECIPIENT.objects(person=member.pk, kind="t")
    orm = Notification.objects.get(recipient=member, kind="t")
    assert (found.pk, found.title, found.created) == (orm.pk, orm.title, orm.created)
    assert found.recipient_email == member.email
    assert found.unread is True  # a boolean on both databases, as the ORM converts it
    assert found.get_deferred_fields() >= {"params", "read_at"}
    assert found.params == orm.params  # a deferred field is read when asked for
    assert found._state.db == "default" and not found._state.adding


def test_objects_refuses_a_query_of_values(member):
    with pytest.raises(TypeError):
        TITLES.objects(person=member.pk)
