"""Load the urusan pemerintahan (topics) from data/urusan.json; safe to re-run."""

import json
from pathlib import Path

from django.db import migrations

URUSAN_FILE = Path(__file__).resolve().parent.parent / "data" / "urusan.json"


def load(apps, schema_editor):
    Topic = apps.get_model("catalog", "Topic")
    doc = json.loads(URUSAN_FILE.read_text(encoding="utf-8"))
    for item in doc["urusan"]:
        Topic.objects.update_or_create(
            code=item["code"], defaults={"slug": item["slug"], "name": item["name"], "group": item["group"]}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
