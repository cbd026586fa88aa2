from __future__ import annotations

from django_tasks import task


@task()
def reminders_task() -> int:
    """The GRAM's reminders (overdue answers of the Directorate General and overdue actions,
    once a day each: idempotent), run daily by the application itself (tandem.core.periodic,
    registered in apps.py)."""
    from tandem.governance.services import send_reminders

    return send_reminders()
