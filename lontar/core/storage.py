"""Private file storage: files no one reaches except through an access-checked view.

Files never live under ``MEDIA_ROOT`` and have no public URL. On local disk they live under the
setting ``PRIVATE_FILES_ROOT`` (optionally in a sub-folder), files with mode 0600 and folders 0700;
with S3-compatible storage (``LONTAR_S3_BUCKET``) under the ``private/`` prefix of the bucket with a
private ACL and short-lived signed URLs (:mod:`lontar.core.s3`).

A *sealed* storage also encrypts every file at rest (envelope encryption, :func:`lontar.core.crypto.seal`):
views read the plaintext through the storage as usual, the bytes on disk or in the bucket are
ciphertext. Files written before sealing was switched on (legacy plaintext, recognised by the
absence of :data:`lontar.core.crypto.SEALED_MAGIC`) are still read as they are until
:meth:`SealingMixin.reseal` encrypts them (``manage.py rotate_keys`` does so for every sealed
file field).

Apps declare their storages with :func:`private_storage` and give ``FileField(storage=...)`` a
module-level callable returning it (keeps migrations free of storage details).
"""

from __future__ import annotations

import enum
import io
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.functional import SimpleLazyObject, cached_property

from lontar.core import crypto

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage under ``settings.PRIVATE_FILES_ROOT`` (0600/0700) that refuses to make URLs."""

    def __init__(self, subdir: str = "") -> None:
        self.subdir = subdir
        super().__init__(
            location=None, base_url=None, file_permissions_mode=FILE_MODE, directory_permissions_mode=DIRECTORY_MODE
        )

    @cached_property
    def base_location(self) -> str:
        root = Path(settings.PRIVATE_FILES_ROOT)
        return str(root / self.subdir if self.subdir else root)

    def _clear_cached_properties(self, setting: str, **kwargs: Any) -> None:
        super()._clear_cached_properties(setting, **kwargs)  # type: ignore[arg-type]
        if setting == "PRIVATE_FILES_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through an access-checked view.")


class Resealed(enum.Enum):
    CURRENT = "current"
    REWRAPPED = "rewrapped"
    SEALED = "sealed"
    MISSING = "missing"


class SealingMixin:
    """Encrypts on save and decrypts on open; put it before a Storage class."""

    sealed = True

    def _save(self, name: str, content: File) -> str:
        content.seek(0)
        blob = crypto.seal(b"".join(content.chunks()))
        return super()._save(name, ContentFile(blob))  # type: ignore[misc]

    def _raw(self, name: str) -> bytes:
        with super()._open(name, "rb") as stored:  # type: ignore[misc]
            return stored.read()

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode not in ("r", "rb"):
            raise ValueError("Sealed files are opened for reading only; save a new file instead.")
        blob = self._raw(name)
        plaintext = crypto.unseal(blob) if crypto.is_sealed(blob) else blob
        return File(io.BytesIO(plaintext), name=name)

    def reseal(self, name: str) -> Resealed:
        """Bring one stored file to the newest key: seal legacy plaintext, re-wrap an older data key."""
        blob = self._raw(name)
        if not crypto.is_sealed(blob):
            self._replace(name, crypto.seal(blob))
            return Resealed.SEALED
        if crypto.seal_is_current(blob):
            return Resealed.CURRENT
        self._replace(name, crypto.reseal(blob))
        return Resealed.REWRAPPED

    def _replace(self, name: str, blob: bytes) -> None:
        """Overwrite ``name`` in place: atomically on local disk (mode 0600), by a new upload on S3."""
        try:
            path = Path(self.path(name))  # type: ignore[attr-defined]
        except NotImplementedError:
            super()._save(name, ContentFile(blob))  # type: ignore[misc]  # S3 overwrites the key
            return
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".reseal-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class SealedPrivateFileSystemStorage(SealingMixin, PrivateFileSystemStorage):
    """Private local storage whose files are encrypted at rest."""


S3_BACKENDS = frozenset({"lontar.core.s3.MediaS3Storage", "storages.backends.s3.S3Storage"})


def s3_enabled() -> bool:
    """True when files live in an S3-compatible bucket (``LONTAR_S3_BUCKET``), not on local disk."""
    default: dict[str, Any] = settings.STORAGES["default"]  # type: ignore[assignment]
    return default["BACKEND"] in S3_BACKENDS


def _s3_storage(subdir: str, *, sealed: bool) -> Storage:
    from lontar.core import s3

    default: dict[str, Any] = settings.STORAGES["default"]  # type: ignore[assignment]
    cls = s3.SealedPrivateS3Storage if sealed else s3.PrivateS3Storage
    return cls(subdir, **default.get("OPTIONS", {}))


def build_private_storage(subdir: str = "", *, sealed: bool = False) -> Storage:
    """The private storage for the configured backend (local disk or S3-compatible)."""
    if s3_enabled():
        return _s3_storage(subdir, sealed=sealed)
    return SealedPrivateFileSystemStorage(subdir) if sealed else PrivateFileSystemStorage(subdir)


def private_storage(subdir: str = "", *, sealed: bool = False) -> Storage:
    """A lazily built private storage (settings are read on first use, not at import)."""
    return SimpleLazyObject(partial(build_private_storage, subdir, sealed=sealed))  # type: ignore[return-value]


def is_sealed_storage(storage: Any) -> bool:
    """True for a storage that encrypts its files (works through the lazy wrapper)."""
    return bool(getattr(storage, "sealed", False))


def reseal_files(storage: Any, names: Iterable[str]) -> Counter[str]:
    """Bring every named file of a sealed storage to the newest key; counts by outcome.

    A name whose file is gone is counted as ``missing`` (nothing to protect) rather than stopping
    the run.
    """
    counts: Counter[str] = Counter()
    for name in names:
        if not name:
            continue
        outcome = storage.reseal(name) if storage.exists(name) else Resealed.MISSING
        counts[outcome.value] += 1
    return counts
