"""Ed25519 signatures of issued documents: keys, the public key page, the deploy check."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lontar.core import signing
from lontar.core.apps import signing_key_check

ROOT = Path(__file__).resolve().parents[2]


def test_new_key_round_trip_and_fingerprint():
    key = signing.new_key()
    assert len(base64.b64decode(key)) == 32
    parsed = signing.parse_key(key)
    signature = parsed.sign(b"LHE")
    assert signing.verify(b"LHE", signature, parsed.public_key())
    assert not signing.verify(b"LHE!", signature, parsed.public_key())


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode(), ""])
def test_bad_keys_are_refused(bad):
    with pytest.raises(ImproperlyConfigured):
        signing.parse_key(bad)


@hsettings(max_examples=30, deadline=None)
@given(st.binary(max_size=2048), st.integers(min_value=0, max_value=2047))
def test_any_changed_byte_breaks_the_signature(data, position):
    signature = signing.sign(data)
    assert signing.verify(data, signature)
    if data:
        i = position % len(data)
        tampered = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]
        assert not signing.verify(tampered, signature)


def test_public_key_page(client: Client):
    response = client.get("/.well-known/lontar-signing-key.pem")
    assert response.status_code == 200
    assert response.content.decode().startswith("-----BEGIN PUBLIC KEY-----")
    assert response.content.decode() == signing.public_key_pem()


def test_without_a_key_nothing_claims_a_signature(client: Client, settings):
    settings.SIGNING_KEY = ""
    assert client.get("/.well-known/lontar-signing-key.pem").status_code == 404
    warnings = signing_key_check()
    assert [w.id for w in warnings] == ["lontar.W001"]


def test_deploy_check_is_quiet_with_a_key():
    assert signing_key_check() == []


def test_signing_key_command(capsys):
    call_command("signing_key", "--new")
    assert len(base64.b64decode(capsys.readouterr().out.strip())) == 32
    call_command("signing_key")
    out = capsys.readouterr().out
    assert f"# key id {signing.key_id()}" in out and "BEGIN PUBLIC KEY" in out


def _import_prod(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    from cryptography.fernet import Fernet

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "LONTAR_SECRET_KEY": "x" * 64,
        "LONTAR_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        **extra,
    }
    code = "import django; django.setup(); from django.conf import settings; print(bool(settings.SIGNING_KEY))"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_a_malformed_key_and_accepts_a_good_one():
    bad = _import_prod({"LONTAR_SIGNING_KEY": "bm90IGEga2V5"})
    assert bad.returncode != 0 and "LONTAR_SIGNING_KEY must be 32 bytes" in bad.stderr
    good = _import_prod({"LONTAR_SIGNING_KEY": signing.new_key()})
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == "True"
