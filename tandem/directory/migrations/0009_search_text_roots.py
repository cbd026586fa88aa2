"""Organizations' search text holds each word by its root (text.root): a query word is then one
index lookup instead of five (its plural and feminine forms)."""

from django.db import migrations

# The live rule on purpose: the stored words must be rooted as the running code roots queries.
from tandem.directory.text import indexed


def root_search_text(apps, schema_editor):
    Organization = apps.get_model("directory", "Organization")
    changed = []
    for pk, text in Organization.objects.values_list("pk", "search_text").iterator():
        rooted = indexed(text)
        if rooted != text:
            changed.append(Organization(pk=pk, search_text=rooted))
    Organization.objects.bulk_update(changed, ["search_text"], batch_size=1000)


def compact_search_indexes(apps, schema_editor):
    """Every organization was rewritten (here and in 0008): rebuild the full-text indexes,
    which do not shrink by themselves (search.compact_search_indexes, written out here as
    migrations must not change with later code)."""
    if schema_editor.connection.vendor == "postgresql":
        for index in ("directory_org_search_vector", "directory_org_search_trgm"):
            schema_editor.execute(f"REINDEX INDEX {index}")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "INSERT INTO directory_organization_fts(directory_organization_fts) VALUES ('optimize')"
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_organization_area_ids")]

    operations = [
        migrations.RunPython(root_search_text, migrations.RunPython.noop),
        migrations.RunPython(compact_search_indexes, migrations.RunPython.noop),
    ]
