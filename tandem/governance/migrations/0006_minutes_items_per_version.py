"""Each version of the minutes gets its own records of the agenda items: what existed is
attached to the latest version of its minutes (earlier versions were never recorded item by
item). Going back keeps the latest version's records only, one per agenda item as before."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery


def _check_constraints_now(schema_editor):
    # PostgreSQL checks the foreign keys at commit by default, and refuses to alter a table
    # with checks pending: they are run now, so that the table can be altered again here.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def to_versions(apps, schema_editor):
    MinutesItem = apps.get_model("governance", "MinutesItem")
    MinutesVersion = apps.get_model("governance", "MinutesVersion")
    latest = MinutesVersion.objects.filter(minutes=OuterRef("minutes")).order_by("-number")
    MinutesItem.objects.update(version=Subquery(latest.values("pk")[:1]))
    _check_constraints_now(schema_editor)


def to_minutes(apps, schema_editor):
    MinutesItem = apps.get_model("governance", "MinutesItem")
    MinutesVersion = apps.get_model("governance", "MinutesVersion")
    later = MinutesVersion.objects.filter(
        minutes=OuterRef("version__minutes"), number__gt=OuterRef("version__number")
    )
    MinutesItem.objects.filter(Exists(later)).delete()
    MinutesItem.objects.update(
        minutes=Subquery(
            MinutesVersion.objects.filter(pk=OuterRef("version")).values("minutes")[:1]
        )
    )
    _check_constraints_now(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0005_minutes_items'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='minutesitem',
            name='unique_minutes_item',
        ),
        migrations.AddField(
            model_name='minutesitem',
            name='version',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='items', to='governance.minutesversion', verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='minutesitem',
            name='minutes',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='item_records', to='governance.minutes', verbose_name='minutes'),
        ),
        migrations.RunPython(to_versions, to_minutes),
        migrations.AlterField(
            model_name='minutesitem',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='governance.minutesversion', verbose_name='version'),
        ),
        migrations.RemoveField(
            model_name='minutesitem',
            name='minutes',
        ),
        migrations.AddConstraint(
            model_name='minutesitem',
            constraint=models.UniqueConstraint(fields=('version', 'item'), name='unique_version_item'),
        ),
    ]
