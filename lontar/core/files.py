"""Stored files and transactions; local paths for stored files, whatever the storage backend."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import Storage
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

_pending = threading.local()


def _stack(using: str | None) -> list[list[tuple[Storage, str]]]:
    stacks: dict[str, list[list[tuple[Storage, str]]]] = _pending.__dict__.setdefault("stacks", {})
    return stacks.setdefault(using or DEFAULT_DB_ALIAS, [])


def _delete_all(files: list[tuple[Storage, str]]) -> None:
    """Delete files whose rows never committed. A failure is logged, never raised over the real error."""
    for storage, name in reversed(files):
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Could not delete %s after a rollback; remove it by hand.", name)


@contextmanager
def atomic_with_files(using: str | None = None) -> Iterator[None]:
    """``transaction.atomic()`` that deletes the files stored inside it if it rolls back.

    A service that stores files writes them inside this block and names each one with
    ``delete_on_rollback(storage, name)``. If the block ends with an exception (validation after
    the file was saved, a failed audit write, a failed commit), the rows naming the files are
    rolled back and the files are deleted, so no orphan is left in storage. Nested in another
    ``atomic_with_files`` block, the files are handed to it once this block succeeds: an outer
    rollback deletes them too. (Nested only in a plain ``transaction.atomic()`` that rolls back
    later, they stay: services open their own block, so that does not happen outside tests.)
    """
    stack = _stack(using)
    files: list[tuple[Storage, str]] = []
    stack.append(files)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        _delete_all(files)
        raise
    finally:
        stack.pop()
    if stack:
        stack[-1].extend(files)


def delete_on_rollback(storage: Storage, name: str, *, using: str | None = None) -> None:
    """Delete ``name`` from ``storage`` if the enclosing ``atomic_with_files()`` block rolls back."""
    stack = _stack(using)
    if not stack:
        raise RuntimeError("delete_on_rollback() must be called inside an atomic_with_files() block.")
    stack[-1].append((storage, name))


def _direct_path(storage: Storage, name: str) -> Path | None:
    """The file's own path on local storage; None for remote storage (S3 has no path)."""
    try:
        return Path(storage.path(name))
    except NotImplementedError:
        return None


@contextmanager
def local_copy(storage: Storage, name: str) -> Iterator[Path]:
    """A path on disk for ``name``: the file itself on local storage, else a temporary copy.

    The path is found before yielding, so an exception raised by the caller's own code is never
    taken for "remote storage".
    """
    direct = _direct_path(storage, name)
    if direct is not None:
        yield direct
        return
    with tempfile.NamedTemporaryFile(suffix=Path(name).suffix) as tmp, storage.open(name, "rb") as src:
        shutil.copyfileobj(src, tmp)
        tmp.flush()
        yield Path(tmp.name)
