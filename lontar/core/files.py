"""Local paths for stored files, whatever the storage backend."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import Storage


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
