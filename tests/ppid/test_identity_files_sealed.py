"""Identity-document scans are encrypted at rest (envelope encryption), mode 0600, re-wrapped by rotate_keys."""

from __future__ import annotations

import io
import stat
from pathlib import Path

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

pytestmark = pytest.mark.django_db

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


def _on_disk(doc: IdentityDocument) -> Path:
    return Path(doc.file.path)


def _streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def test_identity_scan_is_ciphertext_on_disk_with_mode_0600(submit, bodies, login):
    req, _ = submit()
    doc = IdentityDocument.objects.get(request=req)
    path = _on_disk(doc)
    raw = path.read_bytes()
    assert PDF_BYTES not in raw and b"%PDF" not in raw
    assert raw.startswith(crypto.SEALED_MAGIC)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    client, _ = login(bodies["province"].organisation, Role.PPID)
    response = client.get(reverse("ppid:staff_document", args=[req.pk, doc.pk]))
    assert response.status_code == 200
    assert _streamed(response) == PDF_BYTES
    assert int(response["Content-Length"]) == len(PDF_BYTES)


def test_rotate_keys_rewraps_file_keys(submit, bodies, login):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        req, _ = submit()
        doc = IdentityDocument.objects.get(request=req)
        before = _on_disk(doc).read_bytes()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        out = io.StringIO()
        call_command("rotate_keys", stdout=out)
        assert "ppid.IdentityDocument.file files: rewrapped 1" in out.getvalue()
        after = _on_disk(doc).read_bytes()
        assert after != before and crypto.seal_is_current(after)
        assert stat.S_IMODE(_on_disk(doc).stat().st_mode) == 0o600
        call_command("rotate_keys", stdout=io.StringIO())  # idempotent
        assert _on_disk(doc).read_bytes() == after
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
    path = _on_disk(doc)
    path.write_bytes(PDF_BYTES)
    path.chmod(0o644)
    with identity_storage.open(doc.file.name) as legacy:
        assert legacy.read() == PDF_BYTES
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "ppid.IdentityDocument.file files: sealed 1" in out.getvalue()
    raw = path.read_bytes()
    assert raw.startswith(crypto.SEALED_MAGIC) and b"%PDF" not in raw
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with identity_storage.open(doc.file.name) as sealed:
        assert sealed.read() == PDF_BYTES


def test_a_changed_sealed_file_is_refused(submit):
    req, _ = submit()
    doc = IdentityDocument.objects.get(request=req)
    path = _on_disk(doc)
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(DecryptionFailed):
        identity_storage.open(doc.file.name)
