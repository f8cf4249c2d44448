"""manage.py notifications_send_digest [--enqueue]: run daily (cron), a thin wrapper of the task
:func:`lontar.notifications.tasks.send_digest`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.notifications.services import DigestNotSent
from lontar.notifications.tasks import send_digest


class Command(BaseCommand):
    help = "E-mail each user who chose the daily digest one message with their pending notifications."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the task to the task worker (db_worker) instead of running it"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = send_digest.enqueue()
            self.stdout.write(f"digest task {result.id} enqueued")
            return
        try:
            sent = send_digest.call()
        except DigestNotSent as exc:
            self.stdout.write(f"{exc.sent} digest(s) sent")
            raise CommandError(f"{len(exc.failed)} digest(s) could not be sent (they will be retried)") from exc
        self.stdout.write(f"{sent} digest(s) sent")
