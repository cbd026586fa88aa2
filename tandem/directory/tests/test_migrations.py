"""The directory's migrations, squashed before the first release: what a database migrated with
the former set needs, and the full-text indexes' real reverse on either engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tandem.directory.search import FTS_TABLE, search_organizations
from tandem.directory.tests.factories import OrganizationFactory

FORMER = [
    "0001_initial",
    "0002_seed_reference_data",
    "0003_postgres_search",
    "0004_sqlite_fts",
    "0005_organization_name_index_and_facets",
    "0006_search_vector_and_listed_index",
    "0007_health_information",
    "0008_organization_area_ids",
    "0009_search_text_roots",
    "0010_refuse_control_characters",
    "0011_organization_facets",
]
MIGRATIONS = Path(__file__).resolve().parents[2]


def test_a_database_at_the_former_0011_has_applied_every_squashed_migration_but_the_last():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    kept = {name for app, name in loader.disk_migrations if app == "directory"}
    replaced = {
        name
        for (app, _name), migration in loader.replacements.items()
        if app == "directory"
        for _app, name in migration.replaces
    }
    # Every former migration is kept by its name or replaced: such a database is at 0003.
    assert set(FORMER) <= kept | replaced
    # The squashed set and the migration that followed it; later ones are new, numbered after.
    assert sorted(kept)[:4] == [
        "0001_initial",
        "0002_seed_reference_data",
        "0003_full_text_search",
        "0004_drop_unused_name_trigram",
    ]
    assert all(name[:4] > "0004" for name in sorted(kept)[4:])


@pytest.mark.parametrize("path", sorted(MIGRATIONS.glob("*/migrations/0*.py")), ids=str)
def test_migrations_freeze_the_helpers_they_run(path):
    """No migration imports a function of the live code (its behaviour would change with later
    code); Django's references to validators, upload paths and models are names, not code run
    by the migration."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("tandem"), (path, node.module)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            pytest.fail(f"{path} imports a module at run time")


def _full_text_objects() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE %s OR name = %s",
                ["directory_org_fts%", FTS_TABLE],
            )
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'directory_organization' "
                "AND (indexname LIKE '%%vector%%' OR indexname LIKE '%%trgm')"
            )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_full_text_indexes_are_undone_and_made_again_with_their_rows():
    organization = OrganizationFactory(name="Entraide Zéphyr")
    made = _full_text_objects()
    assert made
    # Every app's latest migration: going back to directory 0002 also undoes the apps whose
    # migrations depend on a later directory migration (their tables are dropped), and they
    # must come back for the tests that follow on this database.
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate([("directory", "0002_seed_reference_data")])
        assert _full_text_objects() == set()
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert _full_text_objects() == made
    # The organization written before was indexed again, and new writes follow.
    assert [o.name for o in search_organizations("zephyr", visible_to=None)] == [organization.name]
    OrganizationFactory(name="Zéphyr du Sud")
    assert len(search_organizations("zephyr", visible_to=None)) == 2


@pytest.mark.django_db
def test_postgres_indexes_words_and_filters_in_one_multicolumn_gin_index():
    """One scan intersects a search's words and filters (migration 0006); the single-column
    indexes it replaced are gone."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's tsvector indexes")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'directory_organization' AND indexname LIKE '%%vector%%'"
        )
        found = dict(cursor.fetchall())
    assert list(found) == ["directory_org_vectors"]
    assert "gin (search_vector, facet_vector)" in found["directory_org_vectors"]
