"""Frictionless: every public dataset's ``datapackage.json`` passes ``frictionless validate``.

The demo catalogue is loaded and served by the live server, so the validator reads the package as
a client does: the descriptor (Data Package profile), then every resource it points to over HTTP:
bytes and SHA-256, and for tables each row against the Table Schema (types, region-code pattern).
"""

from __future__ import annotations

import frictionless
import pytest
from django.urls import reverse

from lontar.catalog.models import CatalogEntry
from tests.conformance.demo_data import CATALOG_STEPS, load_demo

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "datastore"])


def test_every_datapackage_of_the_demo_catalogue_is_valid(live_server):
    load_demo(only=CATALOG_STEPS)
    slugs = sorted(CatalogEntry.objects.values_list("name", flat=True))
    assert slugs, "the demo catalogue has no public dataset"
    problems, tables = [], 0
    for slug in slugs:
        url = live_server.url + reverse("catalog:datapackage", kwargs={"slug": slug})
        report = frictionless.validate(url)
        for task in report.tasks:
            if task.type == "table":
                tables += 1
                if not task.stats.get("rows"):
                    problems.append(f"{slug}: {task.name}: no rows read from {task.place}")
        problems += [f"{slug}: {kind}: {message}" for kind, message in report.flatten(["type", "message"])]
    assert not problems, "frictionless validate:\n" + "\n".join(problems)
    # the demo publishes tables (CSV/XLSX with a data dictionary); the check must have read them
    assert tables >= 1
