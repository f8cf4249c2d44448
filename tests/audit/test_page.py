"""/audit/: access (province admins and superusers only), filters, paging, detail, verify box."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lontar.accounts.models import Role, User
from lontar.audit.models import AuditEvent
from lontar.audit.services import audit_record
from tests.audit.helpers import TABLE, raw, triggers_off

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings) -> None:
    """Assert on the English msgids; pages fall back to LANGUAGE_CODE without a language cookie."""
    settings.LANGUAGE_CODE = "en"


URL = "/audit/"


@pytest.fixture
def admin_client(login, province) -> Client:
    return login(province["province"], Role.ADMIN)[0]


def _event(action: str = "calendar.holiday.added", *, actor=None, organisation=None, data=None) -> AuditEvent:
    with transaction.atomic():
        return audit_record(action=action, actor=actor, organisation=organisation, data=data or {})


def test_url_names() -> None:
    assert reverse("audit:list") == URL
    assert reverse("audit:detail", args=[7]) == "/audit/7/"
    assert reverse("audit:verify") == "/audit/verifikasi/"


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/akun/" in response["Location"]


@pytest.mark.parametrize(
    ("org_key", "role"),
    [
        ("kabupaten", Role.ADMIN),
        ("kota_opd", Role.ADMIN),
        ("province", Role.TIM_KOORDINASI),
        ("province", Role.WALIDATA),
        ("province", Role.PPID),
        ("province", Role.VIEWER),
    ],
)
def test_signed_in_non_admins_get_403(login, province, org_key, role) -> None:
    client, _ = login(province[org_key], role)
    event = _event()
    assert client.get(URL).status_code == 403
    assert client.get(reverse("audit:detail", args=[event.pk])).status_code == 403
    assert client.post(reverse("audit:verify")).status_code == 403
    assert AuditEvent.objects.count() == 1  # a refused verification records nothing


def test_province_admin_and_superuser_see_the_list(admin_client: Client, province) -> None:
    _event(data={"date": "2026-07-07", "name": "Libur uji"}, organisation=province["kabupaten"])
    response = admin_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Holiday added" in html and "calendar.holiday.added" in html
    assert "Pemerintah Kabupaten Kupang (uji)" in html
    assert "&quot;name&quot;:&quot;Libur uji&quot;" in html
    assert "Time (WITA)" in html and "<caption" in html

    superuser = User.objects.create_superuser(email="root@uji.go.id", password="kata-sandi-uji-123")
    client = Client()
    client.force_login(superuser)
    from tests.fixtures import _mark_verified

    _mark_verified(client, superuser)
    assert client.get(URL).status_code == 200


def test_time_is_shown_in_wita(admin_client: Client) -> None:
    event = _event()
    wita = timezone.localtime(event.created_at, timezone=dt.timezone(dt.timedelta(hours=8)))
    assert wita.strftime("%Y-%m-%d %H:%M:%S") in admin_client.get(URL).content.decode()


def test_filters(admin_client: Client, login, province) -> None:
    _, alice = login(province["province"], Role.WALIDATA, email="alice@ntt.go.id")
    _, bob = login(province["kabupaten"], Role.WALIDATA, email="bob@kupang.go.id")
    a = _event("calendar.holiday.added", actor=alice, organisation=province["province"], data={"who": "a"})
    b = _event("calendar.holiday.removed", actor=bob, organisation=province["kabupaten"], data={"who": "b"})

    def ids(**params: str) -> set[int]:
        response = admin_client.get(URL, params)
        assert response.status_code == 200
        return {e.pk for e in response.context["events"]}

    assert ids() >= {a.pk, b.pk}
    assert ids(actor="ALICE@ntt") == {a.pk}
    assert ids(organisation=str(province["kabupaten"].pk)) == {b.pk}
    assert ids(action="calendar.holiday.removed") == {b.pk}
    today = timezone.localdate().isoformat()
    assert ids(date_from=today, date_to=today) >= {a.pk, b.pk}
    assert ids(date_to="2001-01-01") == set()
    assert ids(actor="100%_") == set()


def test_period_uses_wita_days(admin_client: Client) -> None:
    event = _event()
    # 23:30 UTC on 1 March is 07:30 WITA on 2 March
    with triggers_off():
        late_evening_utc = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
        raw(f"UPDATE {TABLE} SET created_at = %s WHERE id = %s", [late_evening_utc, event.pk])
    found = admin_client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-02"}).context["events"]
    assert [e.pk for e in found] == [event.pk]
    assert list(admin_client.get(URL, {"date_from": "2026-03-01", "date_to": "2026-03-01"}).context["events"]) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-02-30"}, "Enter a valid date."),
        ({"date_from": "x" * 100_000}, "Enter a valid date."),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "must not be before its start"),
        ({"date_to": "1900-01-01"}, "Choose a date between"),
        ({"actor": "a" * 5000}, "at most 200 characters"),
        ({"actor": "nul\x00"}, "Null characters are not allowed."),
        ({"organisation": "abc"}, "Select a valid choice"),
        ({"organisation": "99999999999999999999999999"}, "Select a valid choice"),
        ({"action": "no.such.action"}, "Select a valid choice"),
        ({"before": "-5"}, "The page link is not valid"),
        ({"before": "9" * 40}, "The page link is not valid"),
    ],
)
def test_invalid_filters_give_a_clear_message(admin_client: Client, params: dict[str, str], message: str) -> None:
    _event()
    response = admin_client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "calendar.holiday.added</code>" not in html  # no table with an invalid filter


def test_keyset_paging(admin_client: Client) -> None:
    events = [_event(data={"n": i}) for i in range(53)]
    first = admin_client.get(URL)
    shown = [e.pk for e in first.context["events"]]
    assert shown == [e.pk for e in reversed(events)][:50]
    next_url = first.context["next_url"]
    assert next_url == f"?before={shown[-1]}"
    second = admin_client.get(URL + next_url)
    assert [e.pk for e in second.context["events"]] == [e.pk for e in reversed(events)][50:]
    assert second.context["next_url"] == "" and second.context["first_url"] == "?"


def test_paging_keeps_the_filters(admin_client: Client) -> None:
    for i in range(51):
        _event("calendar.holiday.removed", data={"n": i})
    response = admin_client.get(URL, {"action": "calendar.holiday.removed"})
    assert response.context["next_url"].startswith("?action=calendar.holiday.removed&before=")


def test_detail_shows_full_hashes_and_link_status(admin_client: Client) -> None:
    first, second, third = _event(), _event(), _event()
    response = admin_client.get(reverse("audit:detail", args=[second.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert second.hash in html and second.prev_hash == first.hash and first.hash in html
    assert "matches its hash" in html
    assert reverse("audit:detail", args=[first.pk]) in html and reverse("audit:detail", args=[third.pk]) in html
    with triggers_off():
        raw(f"UPDATE {TABLE} SET target_label = %s WHERE id = %s", ["diubah", second.pk])
    html = admin_client.get(reverse("audit:detail", args=[second.pk])).content.decode()
    assert "This link of the chain is broken." in html


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_detail_missing_is_404(admin_client: Client, pk: str) -> None:
    assert admin_client.get(f"/audit/{pk}/").status_code == 404


def test_verify_records_an_event_and_shows_the_result(admin_client: Client) -> None:
    events = [_event() for _ in range(3)]
    response = admin_client.post(reverse("audit:verify"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The chain is intact: 3 events verified." in html and events[-1].hash in html
    recorded = AuditEvent.objects.order_by("-id").first()
    assert recorded.action == "audit.chain.verified"
    assert recorded.data == {"ok": True, "count": 3, "head": events[-1].hash, "broken_event_id": None, "problem": ""}
    listing = admin_client.get(URL).content.decode()
    assert "Last verified on" in listing and "intact" in listing


def test_verify_reports_the_broken_event(admin_client: Client) -> None:
    events = [_event() for _ in range(3)]
    with triggers_off():
        raw(f"UPDATE {TABLE} SET data = %s WHERE id = %s", ['{"palsu": true}', events[1].pk])
    html = admin_client.post(reverse("audit:verify")).content.decode()
    assert f"The chain is broken at event {events[1].pk}." in html
    assert "changed after it was written" in html
    assert AuditEvent.objects.order_by("-id").first().data["broken_event_id"] == events[1].pk


def test_verify_is_post_only(admin_client: Client) -> None:
    assert admin_client.get(reverse("audit:verify")).status_code == 405


def test_page_is_in_indonesian_by_default(admin_client: Client, settings) -> None:
    settings.LANGUAGE_CODE = "id"
    _event()
    html = admin_client.get(URL).content.decode()
    assert "Jejak audit" in html and "Waktu (WITA)" in html and "Hari libur ditambahkan" in html
    html = admin_client.post(reverse("audit:verify")).content.decode()
    assert "Rantai utuh: 1 peristiwa terverifikasi." in html
