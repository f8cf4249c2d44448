"""Private storage of evaluation files (:mod:`lontar.core.storage`): ``PRIVATE_FILES_ROOT/evaluasi``.

Evidence files (under ``bukti/``) and the PDF of every issued LHE (under ``lhe/``). Files are
reached only through access-checked views; with S3-compatible storage they live under the
``private/evaluasi`` prefix with a private ACL.
"""

from __future__ import annotations

from django.core.files.storage import Storage

from lontar.core.storage import private_storage

evidence_storage = private_storage("evaluasi")


def get_evidence_storage() -> Storage:
    """Callable for ``FileField(storage=...)`` (keeps migrations free of storage details)."""
    return evidence_storage


def get_report_storage() -> Storage:
    """Callable for the issued LHE's ``FileField``: the same private storage, files under ``lhe/``."""
    return evidence_storage
