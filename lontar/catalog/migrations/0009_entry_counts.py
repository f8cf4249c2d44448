"""CKAN's ``num_resources`` and ``num_tags`` as columns of the catalogue index (package_search sorts
on them); existing entries are filled from their published snapshot."""

from django.db import migrations, models


def fill(apps, schema_editor):
    CatalogEntry = apps.get_model("catalog", "CatalogEntry")
    for entry in CatalogEntry.objects.select_related("version").iterator():
        snap = entry.version.snapshot
        CatalogEntry.objects.filter(pk=entry.pk).update(
            num_resources=len(snap.get("resources", [])), num_tags=len(snap.get("tags", []))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_datastore_tables_keyed_by_resource"),
    ]

    operations = [
        migrations.AddField(
            model_name="catalogentry",
            name="num_resources",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="catalogentry",
            name="num_tags",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
