"""Private storage of evidence files: never under MEDIA_ROOT, no public URL.

Files are reached only through the access-checked download view. On local disk they live under
``PRIVATE_FILES_ROOT/evaluasi``; with S3-compatible storage (``LONTAR_S3_BUCKET``) under the
``private/evaluasi`` prefix with a private ACL.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.functional import LazyObject, cached_property


class EvidenceFileSystemStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__(location=None, base_url=None)

    @cached_property
    def base_location(self) -> str:
        return str(settings.PRIVATE_FILES_ROOT / "evaluasi")

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_FILES_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError("Evidence files have no public URL; serve them through the access-checked view.")


def _build() -> Storage:
    default = settings.STORAGES["default"]
    if default["BACKEND"] == "storages.backends.s3.S3Storage":
        from storages.backends.s3 import S3Storage

        options = {**default.get("OPTIONS", {}), "location": "private/evaluasi", "default_acl": "private"}
        return S3Storage(**options)
    return EvidenceFileSystemStorage()


class _LazyEvidenceStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = _build()


evidence_storage = _LazyEvidenceStorage()


def get_evidence_storage() -> Storage:
    """Callable for ``FileField(storage=...)`` (keeps migrations free of storage details)."""
    return evidence_storage  # type: ignore[return-value]
