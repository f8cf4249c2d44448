"""Shared fixtures: organisations, users with roles, signed-in clients."""

from __future__ import annotations

import fcntl
import gettext
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management.commands import flush
from hypothesis import settings as hypothesis_settings

from lontar.audit import db as audit_db

# CI (.ci/run) runs the property tests derandomized and without per-example deadlines, so a run
# is reproducible and a busy machine cannot fail it; locally each run explores new examples.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# pytest-django flushes tables after transactional tests; on SQLite the audit triggers would
# refuse that DELETE, so the flush (and only the flush) unlocks them.
_original_flush = flush.Command.handle


def _flush_unlocked(self, *args, **kwargs):
    audit_db.set_unlocked(True)
    try:
        return _original_flush(self, *args, **kwargs)
    finally:
        audit_db.set_unlocked(False)


flush.Command.handle = _flush_unlocked


ROOT = Path(__file__).resolve().parents[1]


def _stale_catalogues() -> list[Path]:
    found = [*ROOT.glob("locale/*/LC_MESSAGES/*.po"), *ROOT.glob("lontar/*/locale/*/LC_MESSAGES/*.po")]
    return [po for po in sorted(found) if not _compiled(po)]


def _compiled(po: Path) -> bool:
    mo = po.with_suffix(".mo")
    return mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime


def _compile(po: Path) -> None:
    """msgfmt into a temporary file renamed over the .mo: a process reading it never sees half a file."""
    if shutil.which("msgfmt") is None:
        pytest.fail(f"{po.relative_to(ROOT)} needs compiling and msgfmt is missing (Debian package 'gettext').")
    mo = po.with_suffix(".mo")
    partial = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
    done = subprocess.run(["msgfmt", "--check-format", "-o", str(partial), str(po)], capture_output=True, text=True)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        pytest.fail(f"msgfmt {po.relative_to(ROOT)}:\n{done.stderr}")
    os.replace(partial, mo)


def _forget_loaded_translations() -> None:
    # What Django's autoreloader does when a .mo file changes (django.utils.translation.reloader),
    # so a catalogue compiled now is what the tests read.
    from asgiref.local import Local
    from django.utils.translation import trans_real

    gettext._translations = {}  # type: ignore[attr-defined]
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
    trans_real.translation_catalog_exists.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """Compile the .po catalogues whose .mo is missing or older, once per run (a lock serialises the
    xdist workers and other runs on this tree), so running any single test module is not falsely red."""
    if not _stale_catalogues():
        return
    digest = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    with (Path(tempfile.gettempdir()) / f"lontar-messages-{digest}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for po in _stale_catalogues():
            _compile(po)
    _forget_loaded_translations()  # loaded while collecting, before the catalogues were compiled


def pytest_runtest_setup(item):
    """``@pytest.mark.postgres_only``: skipped, with the reason, when the datastore is SQLite."""
    if item.get_closest_marker("postgres_only"):
        from django.conf import settings

        if "postgresql" not in settings.DATABASES["datastore"]["ENGINE"]:
            pytest.skip("needs PostgreSQL (DATABASE_URL and DATASTORE_DATABASE_URL)")


def _s3_prefixes_follow_the_roots(*, setting, **kwargs):
    """Under make test-s3 the bucket's prefixes follow MEDIA_ROOT and PRIVATE_FILES_ROOT: a test that
    gives itself its own directories gets its own prefixes in the bucket too (tests/s3/run.py)."""
    from django.conf import settings

    if setting == "MEDIA_ROOT":
        settings.S3_MEDIA_LOCATION = str(settings.MEDIA_ROOT).strip("/")
    elif setting == "PRIVATE_FILES_ROOT":
        settings.S3_PRIVATE_LOCATION = str(settings.PRIVATE_FILES_ROOT).strip("/")


if os.environ.get("LONTAR_TEST_S3") == "1":
    from django.test.signals import setting_changed

    setting_changed.connect(_s3_prefixes_follow_the_roots)


@pytest.fixture(scope="session", autouse=True)
def _files_of_this_run(tmp_path_factory):
    """Uploaded and generated files go to a directory of this run and xdist worker, not var/: parallel
    workers never meet on a path, and a test run leaves nothing in the data directory."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("files")
    with override_settings(MEDIA_ROOT=root / "media", PRIVATE_FILES_ROOT=root / "private"):
        yield


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Whole pages are kept in the process (lontar.core.page_cache): each test starts without any."""
    from django.core.cache import cache

    from lontar.core.page_cache import store

    # and the shared cache too: a test that rendered a page before the regions were loaded
    # left a short region list (organisations:directory-regions) for the next test in the worker
    cache.clear()
    store.clear()
    yield
    store.clear()


from tests.factories import *  # noqa: E402, F403
from tests.fixtures import *  # noqa: E402, F403
