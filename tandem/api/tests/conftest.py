"""Helpers of the API's tests: a person's token in a header, and the writes a request makes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import User
from tandem.accounts.services import create_api_token

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Who is asking, not what the request changes: the token's last use.
BOOKKEEPING = 'UPDATE "accounts_apitoken" SET "last_used_at"'


def bearer(user: User, *, second_factor: bool = False) -> dict[str, str]:
    """The header of a new token of `user` (issued after a second factor if said so)."""
    _token, key = create_api_token(user, name="tests", second_factor=second_factor)
    return {"Authorization": f"Bearer {key}"}


@contextmanager
def _writes() -> Iterator[list[str]]:
    found: list[str] = []
    with CaptureQueriesContext(connection) as seen:
        yield found
    found += [
        q["sql"]
        for q in seen.captured_queries
        if WRITE.match(q["sql"]) and BOOKKEEPING not in q["sql"]
    ]


@pytest.fixture
def writes() -> Callable[[], AbstractContextManager[list[str]]]:
    """`with writes() as written:` lists the SQL writes made inside (token bookkeeping
    aside), once the block is over."""
    return _writes
