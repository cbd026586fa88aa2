"""The small data set of sample.py, for the tests of this app."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tandem.reporting.tests.sample import build


@pytest.fixture
def sample(db) -> SimpleNamespace:
    return build()
