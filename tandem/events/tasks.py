from __future__ import annotations

from django_tasks import task


@task()
def housekeeping_task() -> dict[str, int]:
    """Expire places offered and not confirmed in time (the next person waiting is offered the
    place) and send the reminders two days before an event. Idempotent; run every quarter of an
    hour by the application itself (tandem.core.periodic, registered in apps.py)."""
    from tandem.events.services import expire_offers, send_reminders

    return {"expired": expire_offers(), "reminded": send_reminders()}
