"""The demo shows a long document in parts and a text too short to judge (issue 14)."""

from __future__ import annotations

import pytest

from tandem.accounts import demo as account_demo
from tandem.checks import demo, presenters
from tandem.checks.models import ClarityCheck


@pytest.mark.django_db
def test_the_demo_has_a_long_check_in_parts_and_a_short_one():
    account_demo.load()
    demo.load()
    demo.load()  # idempotent
    long = ClarityCheck.objects.get(title=demo.LONG_TITLE)
    assert len(presenters.in_parts(presenters.marked_text(long.report))) >= 2
    short = ClarityCheck.objects.get(title=demo.SHORT_TITLE)
    assert short.too_short and short.score is None
    assert ClarityCheck.objects.filter(title__startswith="Notice GENOU-CALME, version").count() == 3
