"""Register pages: the public one never loads personal columns; cells escaped once, in the view."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.ppid import services
from lontar.ppid.models import InformationRequest
from lontar.ppid.selectors import requests as request_selectors
from tests.ppid.conftest import NIK

pytestmark = pytest.mark.django_db


def test_public_register_reads_no_personal_column(client, submit):
    req, _ = submit(purpose="<script>alert(1)</script> tujuan")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("ppid:register"))
    html = page.content.decode()
    assert page.status_code == 200 and req.number in html
    selects = [q["sql"] for q in queries.captured_queries if "ppid_informationrequest" in q["sql"]]
    personal = [f'"ppid_informationrequest"."{f}"' for f in ("name", "identity_number", "address", "phone", "email")]
    assert selects and not any(column in sql for column in personal for sql in selects)
    assert "Contoh Pemohon Satu" not in html and NIK not in html and "<script>alert" not in html
    assert "<td>—</td>" in html  # no notice yet: empty cells show a dash


def test_staff_register_escapes_and_keeps_line_breaks(submit, bodies, login):
    req, _ = submit(address="Jl. <b>Contoh</b> No. 1\nOelamasi")
    client, _ = login(bodies["province"].organisation, Role.PPID)
    html = client.get(reverse("ppid:staff_register")).content.decode()
    assert "Jl. &lt;b&gt;Contoh&lt;/b&gt; No. 1<br>Oelamasi" in html
    assert InformationRequest.objects.get(pk=req.pk).address in html.replace("<br>", "\n").replace("&lt;", "<").replace(
        "&gt;", ">"
    )


def test_statistics_counts_are_cached_per_data_version(client, submit, bodies, login):
    req, _ = submit()
    assert request_selectors.statistics()[0].by_status == {"received": 1}
    with CaptureQueriesContext(connection) as queries:
        request_selectors.statistics()
    assert not any("GROUP BY" in q["sql"] for q in queries.captured_queries)  # served from the cache
    _, ppid = login(bodies["province"].organisation, Role.PPID)
    services.information_request_assign(actor=ppid, request=req, to=bodies["province_opd"])
    submit("kabupaten")
    stats = {s.body.pk: s.by_status for s in request_selectors.statistics()}  # a new step: counted again
    assert stats == {bodies["province"].pk: {"assigned": 1}, bodies["kabupaten"].pk: {"received": 1}}
    page = client.get(reverse("ppid:statistics"))
    assert page.status_code == 200


def test_register_count_is_cached_per_data_version(submit, bodies, login):
    submit()
    client, _ = login(bodies["province"].organisation, Role.PPID)
    assert client.get(reverse("ppid:staff_register")).context["page_obj"].paginator.count == 1
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("ppid:staff_register"))
    assert not any("COUNT(" in q["sql"] for q in queries.captured_queries)
    submit()  # a new request: counted again
    assert client.get(reverse("ppid:staff_register")).context["page_obj"].paginator.count == 2
    other = client.get(reverse("ppid:staff_register"), {"date_from": "2000-01-01", "date_to": "2000-12-31"})
    assert other.context["page_obj"].paginator.count == 0  # another query, another key
