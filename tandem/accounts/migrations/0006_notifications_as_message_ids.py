"""Notifications stored as words before message ids and parameters: read back into them where
the words are one of Tandem's messages (tandem.accounts.legacy_notifications), so that they are
shown in the reader's language too. Words that match no message are left as they are."""

from django.db import migrations


def forwards(apps, schema_editor):
    from tandem.accounts.legacy_notifications import convert_stored

    convert_stored(apps.get_model("core", "Notification"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_invitation_grants"),
        ("core", "0003_notification_params"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
