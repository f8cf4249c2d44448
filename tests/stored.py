"""Stored files as they are at rest, wherever they are: local disk, or the S3 bucket under ``make test-s3``.

Tests that prove something about storage (a scan is ciphertext at rest, a rolled-back service
leaves no file, an altered PDF is refused) look through these helpers, never through
``storage.path()``: S3 has no paths. Under S3 they talk to the bucket with their own boto3 client
(not the storage's), so what they see is what is in the bucket.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from storages.utils import clean_name

#: set by tests/s3/run.py (make test-s3): every file is in the S3 bucket
S3 = os.environ.get("LONTAR_TEST_S3") == "1"


def bucket() -> Any:
    """A boto3 client on the test bucket (only under ``make test-s3``)."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=os.environ["LONTAR_S3_ENDPOINT_URL"],
        aws_access_key_id=os.environ["LONTAR_S3_ACCESS_KEY"],
        aws_secret_access_key=os.environ["LONTAR_S3_SECRET_KEY"],
        region_name="us-east-1",
    )


def bucket_name() -> str:
    return os.environ["LONTAR_S3_BUCKET"]


def local_path(storage: Storage, name: str) -> Path | None:
    """The file's path on local disk; None when the storage is remote (S3)."""
    try:
        return Path(storage.path(name))
    except NotImplementedError:
        return None


def key(storage: Storage, name: str) -> str:
    """The file's key in the bucket (the storage's prefix and the name)."""
    return str(storage._normalize_name(clean_name(name)))  # type: ignore[attr-defined]


def read_raw(storage: Storage, name: str) -> bytes:
    """The bytes at rest (ciphertext for a sealed storage)."""
    path = local_path(storage, name)
    if path is not None:
        return path.read_bytes()
    return bucket().get_object(Bucket=bucket_name(), Key=key(storage, name))["Body"].read()


def write_raw(storage: Storage, name: str, data: bytes) -> None:
    """Replace the bytes at rest behind the application's back (a tampered or legacy file)."""
    path = local_path(storage, name)
    if path is not None:
        path.write_bytes(data)
    else:
        bucket().put_object(Bucket=bucket_name(), Key=key(storage, name), Body=data)


def remove_raw(storage: Storage, name: str) -> None:
    """Remove the file behind the application's back (lost from storage)."""
    path = local_path(storage, name)
    if path is not None:
        path.unlink()
    else:
        bucket().delete_object(Bucket=bucket_name(), Key=key(storage, name))


def exists_raw(storage: Storage, name: str) -> bool:
    path = local_path(storage, name)
    if path is not None:
        return path.exists()
    found = bucket().list_objects_v2(Bucket=bucket_name(), Prefix=key(storage, name))
    return any(item["Key"] == key(storage, name) for item in found.get("Contents", []))


def local_mode(storage: Storage, name: str) -> tuple[int, int] | None:
    """(file mode, folder mode) on local disk; None on S3, where objects have a private ACL instead."""
    path = local_path(storage, name)
    if path is None:
        return None
    return stat.S_IMODE(path.stat().st_mode), stat.S_IMODE(path.parent.stat().st_mode)


def _listed(prefix: str) -> list[str]:
    client, names = bucket(), list[str]()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket_name(), Prefix=prefix + "/"):
        names.extend(item["Key"][len(prefix) + 1 :] for item in page.get("Contents", []))
    return sorted(names)


def _files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def private_files() -> list[str]:
    """Every private file of this test (names relative to ``PRIVATE_FILES_ROOT`` or the ``private/`` prefix)."""
    if S3:
        return _listed(settings.S3_PRIVATE_LOCATION)
    return _files_under(Path(settings.PRIVATE_FILES_ROOT))


def media_files() -> list[str]:
    """Every file of the default storage of this test (relative to ``MEDIA_ROOT`` or the ``media/`` prefix)."""
    if S3:
        return _listed(settings.S3_MEDIA_LOCATION)
    return _files_under(Path(settings.MEDIA_ROOT))


def is_private(storage: Storage, name: str) -> bool:
    """The file lies in the private area: under ``PRIVATE_FILES_ROOT`` (not ``MEDIA_ROOT``), or under ``private/``."""
    path = local_path(storage, name)
    if path is None:
        return key(storage, name).startswith(settings.S3_PRIVATE_LOCATION + "/")
    return path.is_relative_to(settings.PRIVATE_FILES_ROOT) and not path.is_relative_to(settings.MEDIA_ROOT)


def acl_is_private(storage: Storage, name: str) -> bool:
    """On S3: the object grants nothing to everyone (AllUsers) or to signed-in AWS users. True on local disk."""
    if local_path(storage, name) is not None:
        return True
    grants = bucket().get_object_acl(Bucket=bucket_name(), Key=key(storage, name))["Grants"]
    public = (
        "http://acs.amazonaws.com/groups/global/AllUsers",
        "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
    )
    return not any(grant["Grantee"].get("URI") in public for grant in grants)
