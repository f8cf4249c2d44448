"""The LHE's pages (verification, signature, download) only read: the PDF is stored at issue."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.evaluations.test_signature import report  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def test_lhe_pages_make_no_write(client, report):  # noqa: F811
    urls = [
        reverse("evaluations:verify", args=[report.number]),
        reverse("evaluations:verify_signature", args=[report.number]),
        reverse("evaluations:verify", args=[report.number]) + f"?sha256={report.sha256}",
    ]
    with CaptureQueriesContext(connection) as queries:
        statuses = [client.get(url).status_code for url in urls]
    assert statuses == [200, 200, 200]
    assert [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)] == []
