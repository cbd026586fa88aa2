"""SQLite only: a full-text index (FTS5, external content) over the folded `search_text` of
organizations, kept in step by triggers, so that search and matching do not scan the table.
PostgreSQL uses its trigram index instead (0003)."""

from django.db import migrations

FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_organization_fts USING fts5("
    "search_text, content='directory_organization', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS directory_org_fts_insert AFTER INSERT ON directory_organization BEGIN "
    "INSERT INTO directory_organization_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS directory_org_fts_delete AFTER DELETE ON directory_organization BEGIN "
    "INSERT INTO directory_organization_fts(directory_organization_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS directory_org_fts_update AFTER UPDATE OF search_text ON directory_organization BEGIN "
    "INSERT INTO directory_organization_fts(directory_organization_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO directory_organization_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO directory_organization_fts(directory_organization_fts) VALUES ('rebuild')",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_org_fts_update",
    "DROP TRIGGER IF EXISTS directory_org_fts_delete",
    "DROP TRIGGER IF EXISTS directory_org_fts_insert",
    "DROP TABLE IF EXISTS directory_organization_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_postgres_search")]

    operations = [migrations.RunPython(forward, backward)]
