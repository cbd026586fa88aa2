"""The meetings of a working group or project that is not public were on the public calendar
(events had no visibility): they become members-only. Frozen code: the historical models only."""

from django.db import migrations


def members_only(apps, schema_editor):
    Meeting = apps.get_model("incubator", "Meeting")
    Event = apps.get_model("events", "Event")
    private = Meeting.objects.filter(group__is_public=False) | Meeting.objects.filter(
        project__is_public=False
    )
    Event.objects.filter(pk__in=private.values("event_id")).update(visibility="members")


class Migration(migrations.Migration):
    dependencies = [
        ("incubator", "0002_meetings_linked_to_events"),
        ("events", "0002_event_visibility"),
    ]

    operations = [migrations.RunPython(members_only, migrations.RunPython.noop)]
