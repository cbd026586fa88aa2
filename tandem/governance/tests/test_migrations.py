"""Migration 0006 (each version of the minutes has its own records of the agenda items) and its
real reverse, with rows on either side."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tandem.governance import services
from tandem.governance.models import MinutesItem

BEFORE = ("governance", "0005_minutes_items")


@pytest.mark.django_db(transaction=True)
def test_going_back_keeps_the_latest_records_and_coming_back_attaches_them_to_it(held, officer):
    minutes = services.draft_minutes(held, by=officer)
    item = held.items.get()
    services.record_minutes_items(
        minutes, entries=[{"item": item.pk, "outcome": "Adopted."}], by=officer
    )
    assert MinutesItem.objects.filter(version__minutes=minutes).count() == 2  # v1 and v2
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
        old = executor.loader.project_state(BEFORE).apps.get_model("governance", "MinutesItem")
        # One record per agenda item again, the latest version's, on its minutes.
        assert list(old.objects.values_list("minutes_id", "item_id", "outcome")) == [
            (minutes.pk, item.pk, "Adopted.")
        ]
    finally:
        MigrationExecutor(connection).migrate(latest)
    record = MinutesItem.objects.get()
    assert (record.version.number, record.outcome) == (2, "Adopted.")
