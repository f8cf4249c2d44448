"""Background jobs of the PPID service (django-tasks; a ``db_worker`` runs them, tests run them inline).

Both are daily jobs: cron (or a timer) runs the commands ``ppid_send_reminders`` and
``ppid_purge_documents``; a scheduler that enqueues tasks instead can use these.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import task

from lontar.ppid.services.reminders import send_due_reminders
from lontar.ppid.services.retention import identity_documents_purge


@task()
def send_reminders(day: str = "") -> dict[str, Any]:
    """E-mail the deadline reminders due today (or on ``day``, ISO); fails, after sending the rest, if any
    could not be sent."""
    summary = send_due_reminders(today=dt.date.fromisoformat(day) if day else None)
    if summary.failed:
        raise RuntimeError(f"{len(summary.failed)} PPID reminders not sent: {summary.failed}")
    return summary.as_dict()


@task()
def purge_identity_documents() -> dict[str, int]:
    """Delete identity documents past their body's retention period after closing (audited)."""
    result = identity_documents_purge()
    return {"documents": result.documents, "requests": len(result.requests)}
