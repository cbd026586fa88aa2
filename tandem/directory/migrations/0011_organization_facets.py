"""Filter tokens ("facets": qqr<region>, qqk<kind>, qqa<approval>, qqd<area>) in their own column,
indexed apart from the free text: they were words of the search text, so an organization whose
description said "qqr94 qqkfoundation" was listed under that region and kind.

- `facets` holds them; the search text keeps the free text alone (its trailing facets cut).
- SQLite: the FTS5 index of 0004 gets a second column (`facets`); searches name the column.
- PostgreSQL: a stored `facet_vector`, GIN-indexed, beside `search_vector`.

The facets are written here from each organization's fields and areas, as
models.facet_tokens writes them (written out: a migration must not change with later code);
`tandem reindex_directory` rebuilds both columns from the fields afterwards as well."""

import re

from django.db import migrations, models

TRAILING_FACETS = re.compile(r"(?:^|\s+)(?:qq[a-z0-9]*\s*)+$")

OLD_FTS = [
    "DROP TRIGGER IF EXISTS directory_org_fts_update",
    "DROP TRIGGER IF EXISTS directory_org_fts_delete",
    "DROP TRIGGER IF EXISTS directory_org_fts_insert",
    "DROP TABLE IF EXISTS directory_organization_fts",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE directory_organization_fts USING fts5("
    "search_text, facets, content='directory_organization', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER directory_org_fts_insert AFTER INSERT ON directory_organization BEGIN "
    "INSERT INTO directory_organization_fts(rowid, search_text, facets) "
    "VALUES (new.id, new.search_text, new.facets); END",
    "CREATE TRIGGER directory_org_fts_delete AFTER DELETE ON directory_organization BEGIN "
    "INSERT INTO directory_organization_fts(directory_organization_fts, rowid, search_text, facets) "
    "VALUES ('delete', old.id, old.search_text, old.facets); END",
    "CREATE TRIGGER directory_org_fts_update AFTER UPDATE OF search_text, facets "
    "ON directory_organization BEGIN "
    "INSERT INTO directory_organization_fts(directory_organization_fts, rowid, search_text, facets) "
    "VALUES ('delete', old.id, old.search_text, old.facets); "
    "INSERT INTO directory_organization_fts(rowid, search_text, facets) "
    "VALUES (new.id, new.search_text, new.facets); END",
    "INSERT INTO directory_organization_fts(directory_organization_fts) VALUES ('rebuild')",
]
POSTGRES_FORWARD = [
    "ALTER TABLE directory_organization ADD COLUMN IF NOT EXISTS facet_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(facets, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS directory_org_facet_vector ON directory_organization "
    "USING gin (facet_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS directory_org_facet_vector",
    "ALTER TABLE directory_organization DROP COLUMN IF EXISTS facet_vector",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def drop_sqlite_index(apps, schema_editor):
    """Before rewriting every row (the old triggers would update the old index for each)."""
    if schema_editor.connection.vendor == "sqlite":
        _run(schema_editor, OLD_FTS)


def facets_of(region, kind, approval, area_paths):
    area_ids = sorted({int(p) for path in area_paths for p in path.strip("/").split("/") if p})
    tokens = [f"qqr{region}" if region else "", f"qqk{kind}" if kind else ""]
    tokens += [f"qqa{approval}" if approval else ""]
    tokens += [f"qqd{pk}" for pk in area_ids]
    return " ".join(t for t in tokens if t)


def free_text(search_text):
    """The search text without its trailing filter tokens (they were written last)."""
    return TRAILING_FACETS.sub("", search_text)


def move_facets(apps, schema_editor):
    Organization = apps.get_model("directory", "Organization")
    through = Organization.disease_areas.through
    paths = {}
    for organization_id, path in through.objects.values_list(
        "organization_id", "diseasearea__path"
    ).iterator():
        paths.setdefault(organization_id, []).append(path)
    changed = []
    rows = Organization.objects.values_list("pk", "region", "kind", "approval", "search_text")
    for pk, region, kind, approval, search_text in rows.iterator():
        changed.append(
            Organization(
                pk=pk,
                search_text=free_text(search_text),
                facets=facets_of(region, kind, approval, paths.get(pk, [])),
            )
        )
        if len(changed) == 1000:
            Organization.objects.bulk_update(changed, ["search_text", "facets"])
            changed = []
    Organization.objects.bulk_update(changed, ["search_text", "facets"])


def index_facets(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)
        # Every row was rewritten: rebuild the free-text indexes compactly (see 0009).
        for index in ("directory_org_search_vector", "directory_org_search_trgm"):
            schema_editor.execute(f"REINDEX INDEX {index}")


def unindex_facets(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, OLD_FTS)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)


def restore_sqlite_index(apps, schema_editor):
    """Back to 0009 (last, after the column is gone): the one-column index of 0004 and its
    triggers. The facets stay out of the search text: run `tandem reindex_directory` with
    the older code."""
    if schema_editor.connection.vendor == "sqlite":
        from importlib import import_module

        _run(schema_editor, OLD_FTS)
        _run(schema_editor, import_module("tandem.directory.migrations.0004_sqlite_fts").FORWARD)


class Migration(migrations.Migration):
    dependencies = [("directory", "0010_refuse_control_characters")]

    operations = [
        migrations.RunPython(drop_sqlite_index, restore_sqlite_index),
        migrations.AddField(
            model_name="organization",
            name="facets",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(move_facets, migrations.RunPython.noop),
        migrations.RunPython(index_facets, unindex_facets),
    ]
