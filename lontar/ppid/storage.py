"""Private file storage for identity documents and delivered files.

Files never live under ``MEDIA_ROOT`` and have no public URL: staff and requesters reach them
only through views that check access (and log it). On local disk the root is the setting
``PRIVATE_FILES_ROOT``; with S3-compatible storage (``LONTAR_S3_BUCKET``) the files go under the
``private/`` prefix of the bucket with a private ACL.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.functional import LazyObject, cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage rooted at ``settings.PRIVATE_FILES_ROOT`` that refuses to make URLs."""

    def __init__(self) -> None:
        super().__init__(location=None, base_url=None)

    @cached_property
    def base_location(self) -> str:
        return str(settings.PRIVATE_FILES_ROOT)

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        super()._clear_cached_properties(setting, **kwargs)  # type: ignore[arg-type]
        if setting == "PRIVATE_FILES_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through an access-checked view.")


def _build() -> Storage:
    default: dict[str, Any] = settings.STORAGES["default"]  # type: ignore[assignment]
    if default["BACKEND"] == "storages.backends.s3.S3Storage":
        from storages.backends.s3 import S3Storage

        options = {
            **default.get("OPTIONS", {}),
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
        }
        return S3Storage(**options)
    return PrivateFileSystemStorage()


class _LazyPrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = _build()


private_storage = _LazyPrivateStorage()


def get_private_storage() -> Storage:
    """Callable for ``FileField(storage=...)`` (keeps migrations free of storage details)."""
    return private_storage  # type: ignore[return-value]
