"""Files in the S3 bucket: written there, read back, never given a public URL.

Runs only under ``tests/s3/run.py`` (``make test-s3``), which starts the S3 server and sets
``LONTAR_S3_*``; in the plain run it is skipped with that reason. The rest of the file-writing
tests run under S3 too (the list is ``S3_TESTS`` in the Makefile) and look at the bucket through
``tests/stored.py``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from lontar.core import crypto
from lontar.core.storage import build_private_storage
from tests import stored

pytestmark = pytest.mark.skipif(not stored.S3, reason="needs the S3 server of tests/s3/run.py (make test-s3)")


@pytest.fixture(autouse=True)
def _own_prefixes(settings, tmp_path) -> None:
    """Own directories, hence own prefixes in the bucket (tests/conftest.py): listings see this test's files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


def test_settings_point_at_the_bucket() -> None:
    default: Any = settings.STORAGES["default"]
    assert default["BACKEND"] == "lontar.core.s3.MediaS3Storage"
    assert default["OPTIONS"]["default_acl"] == "private" and default["OPTIONS"]["querystring_auth"] is True


def test_public_media_goes_to_the_bucket_under_media_and_comes_back() -> None:
    name = default_storage.save("uji/tabel.csv", ContentFile(b"kode,nama\n53.01,Kupang\n"))
    try:
        head = stored.bucket().head_object(Bucket=stored.bucket_name(), Key=stored.key(default_storage, name))
        assert head["ContentLength"] == 23
        assert stored.key(default_storage, name).startswith(settings.S3_MEDIA_LOCATION + "/")
        assert stored.media_files() == [name]
        assert stored.acl_is_private(default_storage, name)
        with default_storage.open(name, "rb") as fh:
            assert fh.read().startswith(b"kode,nama")
    finally:
        default_storage.delete(name)
    assert not stored.exists_raw(default_storage, name)


def test_a_second_upload_of_the_same_name_never_replaces_the_first() -> None:
    first = default_storage.save("uji/sama.csv", ContentFile(b"pertama"))
    second = default_storage.save("uji/sama.csv", ContentFile(b"kedua"))
    assert first != second
    assert stored.read_raw(default_storage, first) == b"pertama"


def test_media_urls_are_signed_and_short_lived_and_the_bare_key_is_refused() -> None:
    name = default_storage.save("uji/url.csv", ContentFile(b"a,b\n"))
    url = default_storage.url(name)
    query = parse_qs(urlparse(url).query)
    assert "X-Amz-Signature" in query or "Signature" in query  # never an unsigned public URL
    if "X-Amz-Expires" in query:
        assert int(query["X-Amz-Expires"][0]) <= 300
    bare = url.split("?", 1)[0]
    assert requests.get(bare, timeout=10).status_code == 403  # the bucket gives nothing without a signature
    assert requests.get(url, timeout=10).content == b"a,b\n"


def test_private_files_live_under_private_and_have_no_url() -> None:
    storage = build_private_storage("uji")
    name = storage.save("dokumen.pdf", ContentFile(b"%PDF-1.4 uji"))
    assert stored.key(storage, name) == f"{settings.S3_PRIVATE_LOCATION}/uji/{name}"
    assert stored.private_files() == [f"uji/{name}"]
    assert stored.is_private(storage, name) and stored.acl_is_private(storage, name)
    with pytest.raises(ValueError, match="access-checked view"):
        storage.url(name)
    storage.delete(name)
    assert stored.private_files() == []


def test_sealed_files_are_ciphertext_in_the_bucket() -> None:
    storage = build_private_storage("uji-sealed", sealed=True)
    name = storage.save("ktp.jpg", ContentFile(b"foto KTP rahasia"))
    raw = stored.read_raw(storage, name)
    assert crypto.is_sealed(raw) and b"rahasia" not in raw
    with storage.open(name, "rb") as fh:
        assert fh.read() == b"foto KTP rahasia"


def test_the_prefixes_are_read_at_every_use() -> None:
    storage = build_private_storage("uji")
    with override_settings(S3_PRIVATE_LOCATION="cabang/private"):
        assert stored.key(storage, "a.pdf") == "cabang/private/uji/a.pdf"
    with override_settings(S3_MEDIA_LOCATION="cabang/media"):
        assert stored.key(default_storage, "a.csv") == "cabang/media/a.csv"
