"""Notices the services send to the coordinators and to a request's authors."""

from __future__ import annotations

from typing import Any

from tandem.core.notifications import notify
from tandem.reviews import queries
from tandem.reviews.models import ReviewRequest


def notify_coordinators(
    *, kind: str, title: Any, url: str, body: Any = "", params: dict[str, Any] | None = None
) -> None:
    """`title`, `body` and `params` as core.notifications.notify: message ids and values,
    rendered in each reader's language."""
    for person in queries.coordinators():
        notify(person, kind=kind, title=title, body=body, url=url, params=params)


def notify_authors(
    request: ReviewRequest,
    *,
    kind: str,
    title: Any,
    body: Any = "",
    params: dict[str, Any] | None = None,
) -> None:
    people = {request.submitted_by, *request.delegates.all()}
    for person in people:
        notify(
            person,
            kind=kind,
            title=title,
            body=body,
            url=request.get_absolute_url(),
            params=params,
        )
