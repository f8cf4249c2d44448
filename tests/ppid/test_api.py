"""The PPID API: public tracking and statistics, staff inbox, detail and transitions (problem+json)."""

from __future__ import annotations

import pytest
from django.test import Client

from lontar.accounts import tokens
from lontar.accounts.models import Role
from lontar.ppid.choices import Status
from tests.ppid.conftest import NIK

pytestmark = pytest.mark.django_db
BASE = "/api/v1/ppid"


@pytest.fixture
def api_client(login):
    def make(organisation, role):
        _, user = login(organisation, role)
        _, raw = tokens.api_token_create(actor=user, name="uji", days=5)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


def test_tracking_right_wrong_and_missing(client, submit):
    req, token = submit()
    ok = client.post(f"{BASE}/tracking", {"number": req.number, "token": token}, content_type="application/json")
    assert ok.status_code == 200
    body = ok.json()
    assert body["number"] == req.number and body["status"] == "received"
    assert body["deadline"]["working_days_left"] >= 9 and body["deadline"]["overdue"] is False
    assert NIK not in ok.content.decode() and "pemohon@contoh.id" not in ok.content.decode()
    wrong = client.post(f"{BASE}/tracking", {"number": req.number, "token": "nope"}, content_type="application/json")
    missing = client.post(f"{BASE}/tracking", {"number": "PPID-X", "token": "nope"}, content_type="application/json")
    assert wrong.status_code == missing.status_code == 404
    assert wrong["Content-Type"] == "application/problem+json"
    assert {k: v for k, v in wrong.json().items()} == {k: v for k, v in missing.json().items()}
    junk = client.post(f"{BASE}/tracking", {"number": "x" * 500, "token": 5}, content_type="application/json")
    assert junk.status_code == 422


def test_tracking_rate_limited(client, submit):
    req, token = submit()
    for _ in range(20):
        client.post(f"{BASE}/tracking", {"number": req.number, "token": "x"}, content_type="application/json")
    response = client.post(f"{BASE}/tracking", {"number": req.number, "token": token}, content_type="application/json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"


def test_statistics_and_bodies_are_public(client, submit):
    submit()
    submit("kabupaten")
    stats = client.get(f"{BASE}/statistics").json()
    assert {row["body_code"]: row["total"] for row in stats} == {"ntt": 1, "kab-kupang": 1}
    assert client.get(f"{BASE}/statistics", {"year": 1800}).status_code == 422
    codes = [b["code"] for b in client.get(f"{BASE}/bodies").json()]
    assert set(codes) == {"ntt", "ntt-kominfo", "kab-kupang", "kab-kupang-kominfo"}


def test_staff_endpoints_need_a_token(client, submit):
    req, _ = submit()
    assert client.get(f"{BASE}/requests").status_code == 401
    assert (
        client.post(
            f"{BASE}/requests/{req.pk}/extend", {"reason": "x" * 20}, content_type="application/json"
        ).status_code
        == 401
    )


def test_staff_inbox_and_detail_are_scoped(api_client, submit, bodies):
    prov, _ = submit()
    kab, _ = submit("kabupaten")
    ppid = api_client(bodies["province"].organisation, Role.PPID)
    items = ppid.get(f"{BASE}/requests").json()["items"]
    assert [i["number"] for i in items] == [prov.number]
    detail = ppid.get(f"{BASE}/requests/{prov.pk}").json()
    assert detail["personal_data"]["identity_number"] == NIK
    assert ppid.get(f"{BASE}/requests/{kab.pk}").status_code == 404
    atasan = api_client(bodies["province"].organisation, Role.ATASAN_PPID)
    assert atasan.get(f"{BASE}/requests/{prov.pk}").json()["personal_data"] is None
    assert ppid.get(f"{BASE}/requests", {"status": "bogus"}).status_code == 422
    assert ppid.get(f"{BASE}/requests", {"cursor": "!!!"}).status_code == 422


@pytest.mark.parametrize("role", [Role.VIEWER, Role.WALIDATA, Role.TIM_KOORDINASI])
def test_inbox_refuses_callers_without_a_ppid_role(api_client, submit, bodies, role):
    """As the staff inbox page does (403), not an empty list."""
    submit()
    response = api_client(bodies["province"].organisation, role).get(f"{BASE}/requests")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")


def test_transitions_through_the_api(api_client, submit, bodies):
    req, _ = submit()
    ppid = api_client(bodies["province"].organisation, Role.PPID)
    post = lambda path, data: ppid.post(f"{BASE}/requests/{req.pk}/{path}", data, content_type="application/json")  # noqa: E731
    bad = post("assign", {"to": "kab-kupang-kominfo"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "to"
    assert post("assign", {"to": "ntt-kominfo"}).json()["status"] == Status.ASSIGNED
    short = post("extend", {"reason": "x"})
    assert short.status_code == 422 and short["Content-Type"] == "application/problem+json"
    assert post("extend", {"reason": "Data dihimpun dari tiga bidang."}).json()["extended_due_on"]
    refused = post("notice", {"decision": "refused"})
    assert refused.status_code == 422
    fields = {e["field"] for e in refused.json()["errors"]}
    assert {"exemption_ground", "consequence_test"} <= fields
    granted = post("notice", {"decision": "granted", "material": "DPA 2025", "delivery": "E-mail"})
    assert granted.status_code == 200 and granted.json()["notice"]["decision"] == "granted"
    assert post("notice", {"decision": "granted", "material": "x", "delivery": "y"}).status_code == 409
    assert post("deliver", {}).json()["status"] == Status.DELIVERED
    assert post("close", {}).json()["status"] == Status.CLOSED
    conflict = post("withdraw", {"reason": "Pemohon membatalkan lewat telepon."})
    assert conflict.status_code == 409 and conflict["Content-Type"] == "application/problem+json"


def test_other_body_cannot_act(api_client, submit, bodies):
    req, _ = submit()
    kab = api_client(bodies["kabupaten"].organisation, Role.PPID)
    response = kab.post(
        f"{BASE}/requests/{req.pk}/extend",
        {"reason": "Data dihimpun dari tiga bidang."},
        content_type="application/json",
    )
    assert response.status_code == 404
    pelaksana = api_client(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)
    assert pelaksana.get(f"{BASE}/requests/{req.pk}").status_code == 404
    atasan = api_client(bodies["province"].organisation, Role.ATASAN_PPID)
    forbidden = atasan.post(
        f"{BASE}/requests/{req.pk}/extend",
        {"reason": "Data dihimpun dari tiga bidang."},
        content_type="application/json",
    )
    assert forbidden.status_code == 403


def test_objections_in_tracking_and_answer_endpoint(api_client, client, submit, bodies):
    from lontar.ppid import services

    req, token = submit()
    services.objection_file(request=req, grounds=["b"], explanation="Informasi berkala belum diumumkan.", token=token)
    tracked = client.post(
        f"{BASE}/tracking", {"number": req.number, "token": token}, content_type="application/json"
    ).json()
    assert tracked["objections"][0]["grounds"] == ["b"] and tracked["objections"][0]["answer_deadline"]["running"]
    objection_id = tracked["objections"][0]["id"]
    ppid = api_client(bodies["province"].organisation, Role.PPID)
    data = {"decision": "upheld", "answer": "Informasi berkala segera diumumkan.", "atasan_name": "Sekda"}
    assert (
        ppid.post(f"{BASE}/objections/{objection_id}/answer", data, content_type="application/json").status_code == 403
    )
    kab = api_client(bodies["kabupaten"].organisation, Role.ATASAN_PPID)
    assert (
        kab.post(f"{BASE}/objections/{objection_id}/answer", data, content_type="application/json").status_code == 404
    )
    atasan = api_client(bodies["province"].organisation, Role.ATASAN_PPID)
    bad = atasan.post(
        f"{BASE}/objections/{objection_id}/answer", {**data, "decision": "?"}, content_type="application/json"
    )
    assert bad.status_code == 422
    ok = atasan.post(f"{BASE}/objections/{objection_id}/answer", data, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["objections"][0]["decision"] == "upheld"
    again = atasan.post(f"{BASE}/objections/{objection_id}/answer", data, content_type="application/json")
    assert again.status_code == 409
