"""PostgreSQL only: the unaccent and pg_trgm extensions and the indexes that make
`search.search_organizations` fast there. SQLite uses the folded `search_text` column alone."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS directory_org_search_trgm ON directory_organization USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directory_org_name_trgm ON directory_organization USING gin (name_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS directory_researcher_search_trgm ON directory_researcherprofile USING gin (search_text gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS directory_researcher_search_trgm",
    "DROP INDEX IF EXISTS directory_org_name_trgm",
    "DROP INDEX IF EXISTS directory_org_search_trgm",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_seed_reference_data")]

    operations = [migrations.RunPython(forward, backward)]
