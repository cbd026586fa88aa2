"""Organizations' search text holds each word by its root (text.root): a query word is then one
index lookup instead of five (its plural and feminine forms)."""

from django.db import migrations

from tandem.directory.text import indexed


def root_search_text(apps, schema_editor):
    Organization = apps.get_model("directory", "Organization")
    changed = []
    for pk, text in Organization.objects.values_list("pk", "search_text").iterator():
        rooted = indexed(text)
        if rooted != text:
            changed.append(Organization(pk=pk, search_text=rooted))
    Organization.objects.bulk_update(changed, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_organization_area_ids")]

    operations = [migrations.RunPython(root_search_text, migrations.RunPython.noop)]
