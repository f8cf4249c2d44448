"""The request id is the server's own; a client's X-Request-ID is only recorded apart from it."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from lontar.audit.models import AuditEvent
from lontar.audit.services import audit_record
from lontar.audit.verify import verify_chain
from lontar.core.middleware import RequestIdMiddleware
from lontar.core.request_context import clean_client_request_id, get_client_request_id, get_request_id

SERVER_ID = re.compile(r"^[0-9a-f]{32}$")


def _audited(request):
    with transaction.atomic():
        audit_record(action="audit.chain.verified", data={"ok": True})
    return HttpResponse("ok")


def run(headers: dict[str, str] | None = None) -> HttpResponse:
    request = RequestFactory().get("/", headers=headers or {})
    return RequestIdMiddleware(_audited)(request)


@pytest.mark.django_db
def test_a_client_cannot_choose_the_request_id_of_audit_events():
    response = run({"X-Request-ID": "attacker-chosen-id-0001"})
    event = AuditEvent.objects.get()
    assert SERVER_ID.match(event.request_id) and event.request_id == response["X-Request-ID"]
    assert event.data == {"ok": True, "client_request_id": "attacker-chosen-id-0001"}
    assert verify_chain().ok


@pytest.mark.django_db
def test_without_a_client_id_the_data_is_untouched():
    response = run()
    event = AuditEvent.objects.get()
    assert event.data == {"ok": True} and event.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_each_request_gets_its_own_id_whatever_the_client_sends():
    first = run({"X-Request-ID": "same-id-every-time"})["X-Request-ID"]
    second = run({"X-Request-ID": "same-id-every-time"})["X-Request-ID"]
    assert first != second and SERVER_ID.match(first) and SERVER_ID.match(second)
    assert verify_chain().ok and AuditEvent.objects.count() == 2


@pytest.mark.django_db
def test_events_recorded_before_the_change_still_verify(province):
    from tests.audit.helpers import record

    record(2)  # outside any request: no client id, as every existing row
    run({"X-Request-ID": "klien-123"})
    result = verify_chain()
    assert result.ok and result.count == 3


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("abc-123", "abc-123"),
        ("<script>alert(1)</script>", "scriptalert1script"),
        ("id\r\nSet-Cookie: x=1", "idSet-Cookie:x1"),
        ("x" * 10_000, "x" * 64),
        ("\x00\ud800é", ""),
        ("", ""),
    ],
)
def test_client_ids_are_sanitised_and_capped(raw, kept):
    assert clean_client_request_id(raw) == kept


def test_the_context_is_reset_after_the_request():
    seen = {}

    def view(request):
        seen.update(server=get_request_id(), client=get_client_request_id())
        return HttpResponse()

    RequestIdMiddleware(view)(RequestFactory().get("/", headers={"X-Request-ID": "abc"}))
    assert seen["client"] == "abc" and SERVER_ID.match(seen["server"])
    assert get_request_id() == "" and get_client_request_id() == ""
