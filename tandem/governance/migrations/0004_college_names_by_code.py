"""The founding colleges are named by their code, in the reader's language: the names written
at creation (in English or French) are emptied; a name of a college's own is kept."""

from django.db import migrations, models

import tandem.core.validators

WRITTEN = {
    "patients": {"Patient organizations", "Associations de malades"},
    "researchers": {"Researchers", "Chercheurs"},
    "administration": {"Institute administration", "Administration de l'institut"},
}


def empty_written_names(apps, schema_editor):
    College = apps.get_model("governance", "College")
    for code, names in WRITTEN.items():
        College.objects.filter(code=code, name__in=names).update(name="")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_document_comments"),
    ]

    operations = [
        migrations.AlterField(
            model_name="college",
            name="name",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[tandem.core.validators.NoControlCharacters()],
                verbose_name="name",
            ),
        ),
        migrations.RunPython(empty_written_names, migrations.RunPython.noop),
    ]
