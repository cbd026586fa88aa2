"""Faster search and matching at 100,000 organizations.

PostgreSQL: a stored `search_vector` column, generated from the folded name (weight A) and the
folded search text (weight B, which holds the filter tokens too), with a GIN index. Search and
matching use it instead of LIKE over the trigram index; ranking reads it instead of building
the same vector for every matching row.

SQLite: a covering index (id, status, is_public, region), so that matching checks whether an
organization is listed, and reads its region, without loading its whole row."""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE directory_organization ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, COALESCE(name_folded, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, COALESCE(search_text, '')), 'B')"
    ") STORED",
    "CREATE INDEX IF NOT EXISTS directory_org_search_vector ON directory_organization "
    "USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS directory_org_search_vector",
    "ALTER TABLE directory_organization DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "CREATE INDEX IF NOT EXISTS directory_org_listed "
    "ON directory_organization (id, status, is_public, region)",
]
SQLITE_BACKWARD = ["DROP INDEX IF EXISTS directory_org_listed"]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_organization_name_index_and_facets")]

    operations = [migrations.RunPython(forward, backward)]
