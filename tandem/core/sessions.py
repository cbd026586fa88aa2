"""Django's database session store, reading a session with a prepared query.

Every signed-in request reads its session first; the ORM built and compiled that query each
time (about a quarter of what a signed-in request costs before its view runs). The query's text
is kept per process (`tandem.core.prepared`); the row is read from the database on every
request, as before, so a session ended in one process is ended in all. Writing, deleting and
expiring are Django's. `SESSION_ENGINE` names this module where sessions live in the database
without a cache in front (no `REDIS_URL`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone

from tandem.core.prepared import PreparedQuery

LIVE_SESSION = PreparedQuery(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
    key=models.CharField(),
    now=models.DateTimeField(),
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        key = self.session_key
        found = LIVE_SESSION.objects(key=key, now=timezone.now()) if key else []
        if not found:
            self._session_key = None  # as Django's store: a new session on the next save
            return None
        return found[0]
