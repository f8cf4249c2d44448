"""The file half of lontar_backup / lontar_restore, on local disk and (make test-s3) in the bucket:
every public-data and private file is copied out and comes back readable, sealed files stay
ciphertext in the backup. The database half needs PostgreSQL (tests/core/test_backup.py)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from lontar.core import backup
from lontar.core.storage import build_private_storage

PUBLIC = b"kode,nama\n53,Nusa Tenggara Timur\n"  # data contoh
SECRET = b"%PDF-1.4 data contoh KTP\n"


def test_files_go_out_and_come_back(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "before" / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "before" / "private"
    public_name = default_storage.save("catalog/contoh.csv", ContentFile(PUBLIC))
    sealed = build_private_storage("ppid/identity", sealed=True)
    private_name = sealed.save("ktp.pdf", ContentFile(SECRET))

    counts = backup._copy_files_out(tmp_path / "backup")
    assert counts == {"media": 1, "private": 1}
    copied = (tmp_path / "backup" / "private" / "ppid" / "identity" / private_name).read_bytes()
    assert SECRET not in copied  # ciphertext in the backup as at rest
    assert (tmp_path / "backup" / "media" / public_name).read_bytes() == PUBLIC
    assert oct((tmp_path / "backup" / "media" / public_name).stat().st_mode & 0o777) == oct(0o600)

    # an empty place to restore into (under make test-s3: new prefixes in the bucket)
    settings.MEDIA_ROOT = tmp_path / "after" / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "after" / "private"
    assert not default_storage.exists(public_name)
    assert backup._copy_files_in(tmp_path / "backup") == {"media": 1, "private": 1}
    with default_storage.open(public_name) as stored:
        assert stored.read() == PUBLIC
    with build_private_storage("ppid/identity", sealed=True).open(private_name) as stored:
        assert stored.read() == SECRET


def test_an_unfinished_backup_is_not_a_backup(tmp_path) -> None:
    (tmp_path / "lontar-backup-x.partial").mkdir()
    with pytest.raises(backup.BackupError, match="not a complete backup"):
        backup.restore(tmp_path / "lontar-backup-x.partial")
