"""Tokens issued before expiry existed get one: 90 days from the upgrade, so that no program
stops at once; the operator may revoke them earlier."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone


def give_expiry(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=timezone.now() + timedelta(days=90)
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_apitoken_expiry_second_factor_purpose")]

    # Going back leaves the dates: which tokens had none is not kept, and going back one step
    # further (0002) drops the column with them.
    operations = [migrations.RunPython(give_expiry, migrations.RunPython.noop)]
