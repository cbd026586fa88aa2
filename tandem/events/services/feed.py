"""The personal calendar feed: its secret address, made on first use and renewed."""

from __future__ import annotations

import secrets

from django.db import transaction

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.events.models import CalendarFeed


def renew_feed_token(user: User) -> CalendarFeed:
    """Give the person a new secret feed address (the old one stops working). Logs
    `events.feed.renewed`."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        if not _created:
            feed.token = secrets.token_urlsafe(32)
            feed.save(update_fields=["token", "updated"])
        log_action(feed, "events.feed.renewed", by=user)
    return feed


def feed_of(user: User) -> CalendarFeed:
    """The person's feed, made on first use."""
    feed = CalendarFeed.objects.filter(user=user).first()
    return feed if feed is not None else renew_feed_token(user)
