"""An index for the directory's default order (by name), and the filter tokens ("facets") added
to every organization's search text (see Organization.facet_tokens)."""

from django.db import migrations, models

from tandem.directory.text import fold


def rebuild_search_text(apps, schema_editor):
    Organization = apps.get_model("directory", "Organization")
    regions = dict(Organization._meta.get_field("region").choices)
    for org in Organization.objects.prefetch_related("disease_areas"):
        areas = list(org.disease_areas.all())
        parts = [org.name, org.acronym, org.city, str(regions.get(org.region, "")), org.description]
        parts += [" ".join([a.name_fr, a.name_en, a.synonyms, a.code]) for a in areas]
        area_ids = sorted({int(p) for a in areas for p in a.path.strip("/").split("/") if p})
        facets = [f"qqr{org.region}" if org.region else "", f"qqk{org.kind}", f"qqa{org.approval}"]
        facets += [f"qqd{pk}" for pk in area_ids]
        org.search_text = fold(" ".join(p for p in parts if p)) + " " + " ".join(f for f in facets if f)
        org.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_sqlite_fts")]

    operations = [
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["name", "id"], name="directory_org_name"),
        ),
        migrations.RunPython(rebuild_search_text, migrations.RunPython.noop),
    ]
