"""local_copy: the file itself on local storage, a temporary copy on remote storage."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage

from lontar.core.files import atomic_with_files, delete_on_rollback, local_copy


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


def test_files_stored_in_a_block_that_rolls_back_are_deleted(db, tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(ValueError), atomic_with_files():
        name = storage.save("a.csv", ContentFile(b"a"))
        delete_on_rollback(storage, name)
        raise ValueError
    assert not storage.exists(name)


def test_files_of_a_committed_block_stay(db, tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    with atomic_with_files():
        name = storage.save("a.csv", ContentFile(b"a"))
        delete_on_rollback(storage, name)
    assert storage.exists(name)


def test_an_outer_rollback_deletes_the_files_of_an_inner_block(db, tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(ValueError), atomic_with_files():
        with atomic_with_files():
            name = storage.save("a.csv", ContentFile(b"a"))
            delete_on_rollback(storage, name)
        assert storage.exists(name)
        raise ValueError
    assert not storage.exists(name)


def test_delete_on_rollback_outside_a_block_is_a_programming_error(tmp_path):
    with pytest.raises(RuntimeError):
        delete_on_rollback(FileSystemStorage(location=tmp_path), "a.csv")
