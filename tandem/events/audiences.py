"""Who is invited to a members-only event, as the apps that own such events say.

An event of `Visibility.MEMBERS` (a working group's or project's meeting) is seen only by the
officers, by the people registered for it, and by the people an app lists here. An app
registers a provider (from a module its `ready()` imports) that gives, for a person, the ids
of the events it invites them to, as a query (a subquery of one column `event_id`): it is
read with the person on every request, never kept, so a member who joins or leaves a group
sees the change at once. The events module imports no app above it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

if TYPE_CHECKING:
    from tandem.accounts.models import User

AudienceProvider = Callable[["User"], "QuerySet[Any]"]
_providers: list[AudienceProvider] = []


def register_audience(provider: AudienceProvider) -> AudienceProvider:
    _providers.append(provider)
    return provider


def invited_event_queries(user: User) -> list[QuerySet[Any]]:
    """Each provider's subquery of the event ids `user` is invited to."""
    return [provider(user) for provider in _providers]
