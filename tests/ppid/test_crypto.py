"""Encryption at rest, key rotation (manage.py rotate_keys) and the blind index."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from lontar.audit.models import AuditEvent
from lontar.core import crypto
from lontar.core.crypto import DecryptionFailed
from lontar.ppid.models import InformationRequest
from lontar.ppid.selectors.requests import InboxFilters, information_request_inbox
from tests.ppid.conftest import NIK

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def _raw(pk: int) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT identity_number, address, phone, email, identity_index FROM ppid_informationrequest WHERE id = %s",
            [pk],
        )
        row = cursor.fetchone()
    return dict(zip(["identity_number", "address", "phone", "email", "identity_index"], row, strict=True))


def test_round_trip_and_no_plaintext():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        token = crypto.encrypt(NIK)
        assert NIK not in token
        assert crypto.decrypt(token) == NIK
        assert crypto.encrypt(NIK) != token  # randomised


def test_missing_or_bad_keys_are_configuration_errors():
    with override_settings(FIELD_ENCRYPTION_KEYS=[]), pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
    with override_settings(FIELD_ENCRYPTION_KEYS=["not-a-key"]), pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
    assert crypto.key_problems(["not-a-key", OLD]) == ["key 1 is not a url-safe base64 Fernet key of 32 bytes"]


def test_removed_key_fails_loudly():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        token = crypto.encrypt(NIK)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]), pytest.raises(DecryptionFailed):
        crypto.decrypt(token)


@pytest.mark.django_db
def test_rotate_keys_reencrypts_every_value(submit, bodies, login):
    from lontar.accounts.models import Role

    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        req, _ = submit()
        other, _ = submit(email="")
        before = _raw(req.pk)
    assert NIK not in " ".join(before.values())
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        # readable with the old key still configured, and found by NIK across the rotation
        assert InformationRequest.objects.get(pk=req.pk).identity_number == NIK
        _, ppid = login(bodies["province"].organisation, Role.PPID)
        assert information_request_inbox(actor=ppid, filters=InboxFilters(query=NIK)).count() == 2
        call_command("rotate_keys", batch_size=1, stdout=io.StringIO())
        after = _raw(req.pk)
        assert all(after[k] != before[k] for k in ("identity_number", "address", "phone", "email", "identity_index"))
        assert _raw(other.pk)["email"] == ""
        call_command("rotate_keys", stdout=io.StringIO())  # idempotent
        assert _raw(req.pk) == after
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
        fresh = InformationRequest.objects.get(pk=req.pk)
        assert (fresh.identity_number, fresh.email) == (NIK, "pemohon@contoh.id")
        assert information_request_inbox(actor=ppid, filters=InboxFilters(query=NIK)).count() == 2
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]), pytest.raises(DecryptionFailed):
        crypto.decrypt(after["identity_number"])
    assert AuditEvent.objects.filter(action="ppid.encryption_keys.rotated").count() == 2
