"""PostgreSQL: drop the trigram index on the folded name, which the former 0003 created and
nothing reads (the search's substring fallback reads
`search_text`; the name is only ranked, by position). A database migrated with the squashed
set never had them; one migrated with the former set loses an index that every write of an
organization's name kept up to date for nothing. Reversing creates the index again."""

from django.db import migrations

INDEX = "directory_org_name_trgm"


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_organization "
            "USING gin (name_folded gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_full_text_search")]

    operations = [migrations.RunPython(drop_index, create_index)]
