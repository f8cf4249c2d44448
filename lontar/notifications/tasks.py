"""Background jobs of the notifications (django-tasks; a ``db_worker`` runs them, tests run them inline).

``send_digest`` is the daily digest. It is scheduled once a day like the other daily jobs: cron
(or a systemd timer) runs ``manage.py notifications_send_digest``, which runs this task in its own
process, or with ``--enqueue`` hands it to the ``db_worker`` (docs/notifications.md).
"""

from __future__ import annotations

from django_tasks import task

from lontar.notifications.services import digest_send


@task()
def send_digest() -> int:
    """E-mail each user who chose the digest their pending items; the number of digests sent.

    Fails (after trying every user) when some could not be sent; their items stay for the next run.
    """
    return digest_send()
