"""PostgreSQL: one GIN index over both of the organizations' vectors (`search_vector`, the free
text; `facet_vector`, the filters) in place of one index each.

A search with words and filters ("cancer" in Occitanie, in a disease area and its descendants)
read both indexes and intersected their bitmaps: "cancer" alone is 12,600 of 100,000
organizations, so building its bitmap was most of the index time. A multicolumn GIN index
intersects the entries of both columns in one scan, starting from the rarest, and answers a
condition on one column as well as the single index did (docs/benchmarks.md: the broad search
went from about 2.8 to 0.8 ms of index scan). The two columns stay apart, so that no
description can put an organization under a filter. Reversing makes the two indexes again."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS directory_org_vectors ON directory_organization "
    "USING gin (search_vector, facet_vector)",
    "DROP INDEX IF EXISTS directory_org_search_vector",
    "DROP INDEX IF EXISTS directory_org_facet_vector",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS directory_org_search_vector ON directory_organization "
    "USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS directory_org_facet_vector ON directory_organization "
    "USING gin (facet_vector)",
    "DROP INDEX IF EXISTS directory_org_vectors",
]


def one_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def two_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_institute_and_office_staff")]

    operations = [migrations.RunPython(one_index, two_indexes)]
