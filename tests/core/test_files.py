"""local_copy: the file itself on local storage, a temporary copy on remote storage."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage

from lontar.core.files import local_copy


class RemoteStorage(Storage):
    """Behaves like S3: files can be opened, but there is no local path."""

    def __init__(self, files):
        self.files = files

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files


def test_local_storage_gives_the_file_itself(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("data.csv", ContentFile(b"a,b\n1,2\n"))
    with local_copy(storage, name) as path:
        assert path == tmp_path / name


def test_remote_storage_gives_a_temporary_copy(tmp_path):
    storage = RemoteStorage({"data.csv": b"a,b\n1,2\n"})
    with pytest.raises(NotImplementedError):
        storage.path("data.csv")
    with local_copy(storage, "data.csv") as path:
        assert path.read_bytes() == b"a,b\n1,2\n" and path.suffix == ".csv"
        copy = path
    assert not copy.exists()


def test_the_callers_own_not_implemented_error_is_not_swallowed(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("data.csv", ContentFile(b"x"))
    with pytest.raises(NotImplementedError, match="caller"), local_copy(storage, name):
        raise NotImplementedError("caller")
