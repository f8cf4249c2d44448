"""Identity-document scans are encrypted at rest (envelope encryption), mode 0600, re-wrapped by rotate_keys.

"At rest" is the file on local disk or the object in the S3 bucket (make test-s3, tests/stored.py);
the modes 0600/0700 exist only on local disk (in the bucket the object has a private ACL)."""

from __future__ import annotations

import io
import os

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from lontar.accounts.models import Role
from lontar.core import crypto
from lontar.core.crypto import DecryptionFailed
from lontar.ppid.models import IdentityDocument
from lontar.ppid.storage import identity_storage
from tests.ppid.conftest import PDF_BYTES
from tests.stored import acl_is_private, local_mode, read_raw, write_raw

pytestmark = pytest.mark.django_db

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def _at_rest(doc: IdentityDocument) -> bytes:
    return read_raw(doc.file.storage, doc.file.name)


def _only_the_owner_reads(doc: IdentityDocument) -> bool:
    """Mode 0600 in a 0700 folder on local disk; a private ACL in the bucket."""
    modes = local_mode(doc.file.storage, doc.file.name)
    return modes == (0o600, 0o700) if modes is not None else acl_is_private(doc.file.storage, doc.file.name)


def _streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def test_identity_scan_is_ciphertext_on_disk_with_mode_0600(submit, bodies, login):
    req, _ = submit()
    doc = IdentityDocument.objects.get(request=req)
    raw = _at_rest(doc)
    assert PDF_BYTES not in raw and b"%PDF" not in raw
    assert raw.startswith(crypto.SEALED_MAGIC)
    assert _only_the_owner_reads(doc)
    client, _ = login(bodies["province"].organisation, Role.PPID)
    response = client.get(reverse("ppid:staff_document", args=[req.pk, doc.pk]))
    assert response.status_code == 200
    assert _streamed(response) == PDF_BYTES
    assert int(response["Content-Length"]) == len(PDF_BYTES)


def test_rotate_keys_rewraps_file_keys(submit, bodies, login):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        req, _ = submit()
        doc = IdentityDocument.objects.get(request=req)
        before = _at_rest(doc)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        out = io.StringIO()
        call_command("rotate_keys", stdout=out)
        assert "ppid.IdentityDocument.file files: rewrapped 1" in out.getvalue()
        after = _at_rest(doc)
        assert after != before and crypto.seal_is_current(after)
        assert _only_the_owner_reads(doc)
        call_command("rotate_keys", stdout=io.StringIO())  # idempotent
        assert _at_rest(doc) == after
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
        client, _ = login(bodies["province"].organisation, Role.PPID)
        response = client.get(reverse("ppid:staff_document", args=[req.pk, doc.pk]))
        assert _streamed(response) == PDF_BYTES
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]), pytest.raises(DecryptionFailed):
        crypto.unseal(after)


def test_legacy_plaintext_file_is_read_then_sealed_by_rotate_keys(submit):
    """Files stored before sealing (plaintext, 0644) stay readable; rotate_keys seals them in place."""
    req, _ = submit()
    doc = IdentityDocument.objects.get(request=req)
    write_raw(doc.file.storage, doc.file.name, PDF_BYTES)
    if local_mode(doc.file.storage, doc.file.name) is not None:
        os.chmod(doc.file.storage.path(doc.file.name), 0o644)  # a legacy file on disk was world-readable
    with identity_storage.open(doc.file.name) as legacy:
        assert legacy.read() == PDF_BYTES
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "ppid.IdentityDocument.file files: sealed 1" in out.getvalue()
    raw = _at_rest(doc)
    assert raw.startswith(crypto.SEALED_MAGIC) and b"%PDF" not in raw
    assert _only_the_owner_reads(doc)
    with identity_storage.open(doc.file.name) as sealed:
        assert sealed.read() == PDF_BYTES


def test_a_changed_sealed_file_is_refused(submit):
    req, _ = submit()
    doc = IdentityDocument.objects.get(request=req)
    raw = bytearray(_at_rest(doc))
    raw[-1] ^= 0x01
    write_raw(doc.file.storage, doc.file.name, bytes(raw))
    with pytest.raises(DecryptionFailed):
        identity_storage.open(doc.file.name)
