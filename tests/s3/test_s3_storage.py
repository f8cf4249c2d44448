"""Files in the S3 bucket: written there, read back, never given a public URL.

Runs only under ``tests/s3/run.py`` (``make test-s3``), which starts the S3 server and sets
``LONTAR_S3_*``; in the plain run it is skipped with that reason.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs, urlparse

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from lontar.core import crypto
from lontar.core.storage import build_private_storage

pytestmark = pytest.mark.skipif(
    os.environ.get("LONTAR_TEST_S3") != "1", reason="needs the S3 server of tests/s3/run.py (make test-s3)"
)


def _bucket():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["LONTAR_S3_ENDPOINT_URL"],
        aws_access_key_id=os.environ["LONTAR_S3_ACCESS_KEY"],
        aws_secret_access_key=os.environ["LONTAR_S3_SECRET_KEY"],
        region_name="us-east-1",
    )


def test_settings_point_at_the_bucket() -> None:
    default: Any = settings.STORAGES["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"


def test_public_media_goes_to_the_bucket_and_comes_back() -> None:
    name = default_storage.save("uji/tabel.csv", ContentFile(b"kode,nama\n53.01,Kupang\n"))
    try:
        head = _bucket().head_object(Bucket=os.environ["LONTAR_S3_BUCKET"], Key=name)
        assert head["ContentLength"] == 23
        with default_storage.open(name, "rb") as fh:
            assert fh.read().startswith(b"kode,nama")
    finally:
        default_storage.delete(name)


def test_private_files_live_under_private_and_are_signed_briefly() -> None:
    storage = build_private_storage("uji")
    name = storage.save("dokumen.pdf", ContentFile(b"%PDF-1.4 uji"))
    try:
        keys = [o["Key"] for o in _bucket().list_objects_v2(Bucket="lontar-test", Prefix="private/uji/")["Contents"]]
        assert f"private/uji/{name}" in keys
        url = storage.url(name)
        query = parse_qs(urlparse(url).query)
        assert "X-Amz-Signature" in query or "Signature" in query  # never an unsigned public URL
    finally:
        storage.delete(name)


def test_sealed_files_are_ciphertext_in_the_bucket() -> None:
    storage = build_private_storage("uji-sealed", sealed=True)
    name = storage.save("ktp.jpg", ContentFile(b"foto KTP rahasia"))
    try:
        raw = _bucket().get_object(Bucket="lontar-test", Key=f"private/uji-sealed/{name}")["Body"].read()
        assert crypto.is_sealed(raw) and b"rahasia" not in raw
        with storage.open(name, "rb") as fh:
            assert fh.read() == b"foto KTP rahasia"
    finally:
        storage.delete(name)
