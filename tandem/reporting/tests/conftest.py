"""The small data set of sample.py, for the tests of this app."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tandem.governance import services as governance
from tandem.reporting.tests.sample import build


@pytest.fixture
def sample(db) -> SimpleNamespace:
    return build()


@pytest.fixture
def seated_gram_member(gram_member):
    """A GRAM member who holds a mandate today: the role alone reads no indicator."""
    body = governance.create_body(name="GRAM", slug="gram-reporting", by=None)
    today = timezone.localdate()
    governance.appoint(
        body.colleges.get(code="patients"),
        person=gram_member,
        start=today - dt.timedelta(days=30),
        end=today + dt.timedelta(days=300),
        by=None,
    )
    return gram_member
