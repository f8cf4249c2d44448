"""The hash chain: correctness, canonical form, append-only triggers, tamper detection."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.audit import registry
from lontar.audit.chain import GENESIS, canonical, compute_hash, event_fields, normalise_numbers
from lontar.audit.models import AuditEvent
from lontar.audit.services import audit_record
from lontar.audit.verify import event_link_status, recompute_hash, verify_chain
from lontar.core.request_context import reset_request_id, set_request_id
from tests.audit.helpers import TABLE, raw, record, triggers_off

# ---------------------------------------------------------------- pure: canonical form

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=10), json_values, max_size=6))
@settings(deadline=None)
def test_canonical_ignores_key_order_and_survives_a_json_round_trip(data: dict) -> None:
    reordered = dict(reversed(list(data.items())))
    assert canonical({"data": data}) == canonical({"data": reordered})
    assert canonical({"data": json.loads(json.dumps(data))}) == canonical({"data": data})


def test_integral_floats_hash_like_the_integers_postgresql_returns() -> None:
    assert normalise_numbers({"a": [1e20, 2.0, 0.5, -0.0]}) == {"a": [10**20, 2, 0.5, 0]}
    assert canonical({"x": 1e20}) == canonical({"x": 100000000000000000000})


def test_canonical_refuses_nan() -> None:
    with pytest.raises(ValueError):
        canonical({"x": float("nan")})


def test_hash_covers_every_field_and_the_previous_hash() -> None:
    base = event_fields(
        action="audit.chain.verified",
        actor_id=1,
        actor_label="a@b.id",
        organisation_id=2,
        target_type="t",
        target_id="3",
        target_label="l",
        data={"k": "v"},
        created_at=dt.datetime(2026, 3, 20, 1, 2, 3, 456789, tzinfo=dt.UTC),
        request_id="r",
    )
    h = compute_hash(base, GENESIS)
    assert len(h) == 64
    for key, other in [("action", "x.y.z"), ("actor_id", 9), ("data", {"k": "w"}), ("request_id", "s")]:
        assert compute_hash({**base, key: other}, GENESIS) != h
    assert compute_hash(base, "1" * 64) != h


# ---------------------------------------------------------------- writing


@pytest.mark.django_db
def test_events_link_to_each_other_and_verify(province) -> None:
    token = set_request_id("req-uji-1")
    try:
        events = record(3)
    finally:
        reset_request_id(token)
    assert events[0].prev_hash == GENESIS
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    stored = list(AuditEvent.objects.order_by("id").values())
    for row in stored:
        assert recompute_hash(row) == row["hash"]
        assert row["request_id"] == "req-uji-1"
    result = verify_chain()
    assert (result.ok, result.count, result.head) == (True, 3, events[-1].hash)


@pytest.mark.django_db
def test_event_fields_are_stored(province, login) -> None:
    _, user = login(province["kabupaten"], "admin")
    org = province["kabupaten"]
    with transaction.atomic():
        event = audit_record(action="audit.chain.verified", actor=user, organisation=org, target=org, data={"n": 1})
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label, event.organisation_id) == (user.pk, user.email, org.pk)
    assert (event.target_type, event.target_id, event.target_label) == (
        "organisations.organisation",
        str(org.pk),
        str(org),
    )


@pytest.mark.django_db
def test_awkward_data_round_trips_and_still_verifies() -> None:
    data = {
        "big": 1e20,
        "whole": 2.0,
        "fraction": 0.1 + 0.2,
        "tiny": 1.5e-7,
        "date": dt.date(2026, 3, 20),
        "nested": {"z": [1, {"y": None}], "a": True},
        "text": "Kupang – Timor 🌴 ‘kutip’ \x00 nul \ud800 surrogate",
        "k\x00ey": "v",
    }
    with transaction.atomic():
        audit_record(action="audit.chain.verified", target_label="label\x00", data=data)
    stored = AuditEvent.objects.get()
    assert "\x00" not in json.dumps(stored.data) and "\x00" not in stored.target_label
    assert stored.data["big"] == 10**20 and stored.data["date"] == "2026-03-20"
    assert verify_chain().ok


@pytest.mark.django_db
def test_nan_in_data_is_refused() -> None:
    with transaction.atomic(), pytest.raises(ValueError, match="NaN"):
        audit_record(action="audit.chain.verified", data={"x": float("inf")})


@pytest.mark.django_db(transaction=True)
def test_audit_record_outside_a_transaction_raises() -> None:
    with pytest.raises(RuntimeError, match="transaction"):
        audit_record(action="audit.chain.verified")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_unregistered_action_raises() -> None:
    with transaction.atomic(), pytest.raises(ValueError, match="unregistered"):
        audit_record(action="audit.chain.tampered_typo")


@pytest.mark.parametrize("name", ["audit", "audit.chain", "Audit.chain.verified!", "a..b", "a.b.c d"])
def test_registry_refuses_bad_names(name: str) -> None:
    with pytest.raises(ValueError):
        registry.register(name, "x")


def test_registry_labels() -> None:
    assert registry.is_registered("audit.chain.verified")
    assert registry.label_for("no.such.action") == "no.such.action"
    assert "calendar.holiday.added" in registry.all_actions()


@pytest.mark.django_db
def test_a_fork_is_impossible_in_the_database() -> None:
    first = record(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.create(
            action="audit.chain.verified", created_at=first.created_at, prev_hash=GENESIS, hash="f" * 64
        )


# ---------------------------------------------------------------- the database refuses changes


def _refused(statement) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        statement()


@pytest.mark.django_db
def test_triggers_refuse_update_and_delete_raw_and_orm() -> None:
    event = record(2)[0]
    _refused(lambda: raw(f"UPDATE {TABLE} SET action = %s WHERE id = %s", ["x.y.z", event.id]))
    _refused(lambda: raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.id]))
    _refused(lambda: raw(f"DELETE FROM {TABLE}"))
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(action="x.y.z"))
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).delete())
    _refused(lambda: AuditEvent.objects.all().delete())
    event.action = "x.y.z"
    _refused(event.save)
    assert AuditEvent.objects.count() == 2
    assert verify_chain().ok


@pytest.mark.django_db
def test_postgresql_refuses_truncate() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists only on PostgreSQL (SQLite's DELETE fires the row triggers, tested above)")
    record(1)
    _refused(lambda: raw(f"TRUNCATE {TABLE}"))
    assert AuditEvent.objects.count() == 1


# ---------------------------------------------------------------- tamper detection


@pytest.mark.django_db
def test_verifier_catches_changed_content() -> None:
    events = record(4)
    with triggers_off():
        raw(f"UPDATE {TABLE} SET actor_label = %s WHERE id = %s", ["penyusup@contoh.id", events[2].id])
    result = verify_chain()
    assert not result.ok and result.count == 3
    assert (result.broken.event_id, result.broken.problem, result.broken.found) == (
        events[2].id,
        "hash",
        events[2].hash,
    )
    assert event_link_status(AuditEvent.objects.get(pk=events[2].id)).problem == "hash"
    assert event_link_status(AuditEvent.objects.get(pk=events[1].id)) is None


@pytest.mark.django_db
def test_verifier_catches_changed_data_json() -> None:
    events = record(3)
    with triggers_off():
        AuditEvent.objects.filter(pk=events[0].pk).update(data={"i": 99})
    broken = verify_chain().broken
    assert (broken.event_id, broken.problem) == (events[0].id, "hash")


@pytest.mark.django_db
def test_verifier_catches_a_deleted_event() -> None:
    events = record(4)
    with triggers_off():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].id])
    broken = verify_chain().broken
    assert (broken.event_id, broken.problem) == (events[2].id, "prev_hash")
    assert (broken.expected, broken.found) == (events[0].hash, events[1].hash)


@pytest.mark.django_db
def test_verifier_catches_a_recomputed_hash_by_the_next_link() -> None:
    events = record(3)
    with triggers_off():
        row = AuditEvent.objects.values().get(pk=events[1].pk)
        row["action"] = "calendar.holiday.removed"
        AuditEvent.objects.filter(pk=events[1].pk).update(action=row["action"], hash=recompute_hash(row))
    broken = verify_chain().broken
    assert (broken.event_id, broken.problem) == (events[2].id, "prev_hash")


# ---------------------------------------------------------------- the command


@pytest.mark.django_db
def test_command_ok_prints_count_and_head() -> None:
    events = record(5)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert out.getvalue().strip() == f"OK: 5 events, head {events[-1].hash}"
    out = StringIO()
    call_command("audit_verify", anchor=events[2].hash, stdout=out)
    assert "(anchor found)" in out.getvalue()


@pytest.mark.django_db
def test_command_on_empty_chain() -> None:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert out.getvalue().strip() == f"OK: 0 events, head {GENESIS}"


@pytest.mark.django_db
def test_command_reports_first_broken_link_and_exits_non_zero() -> None:
    events = record(3)
    with triggers_off():
        raw(f"UPDATE {TABLE} SET request_id = %s WHERE id = %s", ["palsu", events[1].id])
    with pytest.raises(CommandError) as info:
        call_command("audit_verify")
    assert info.value.returncode == 1
    assert f"event {events[1].id}: stored hash {events[1].hash} differs" in str(info.value)


@pytest.mark.django_db
def test_command_anchor_detects_a_rewritten_history() -> None:
    events = record(3)
    anchor = events[-1].hash
    with triggers_off():  # remove the tail: the rest still links, only the anchor notices
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[-1].id])
    call_command("audit_verify", stdout=StringIO())
    with pytest.raises(CommandError, match="anchor") as info:
        call_command("audit_verify", anchor=anchor)
    assert info.value.returncode == 1
    with pytest.raises(CommandError, match="64"):
        call_command("audit_verify", anchor="not-a-hash")
