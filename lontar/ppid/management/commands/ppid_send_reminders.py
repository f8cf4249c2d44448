"""E-mail PPID officers about written-notice deadlines 3 working days ahead and when overdue (run daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.ppid.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "E-mail the assigned PPID Pelaksana (or the body's PPID) 3 working days before a written-notice "
        "deadline and when it is overdue (then weekly). Safe to run more than once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="act as if today were this day (YYYY-MM-DD); for catching up")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options.get("date"):
            try:
                day = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must look like 2026-03-16") from exc
        summary = send_due_reminders(today=day)
        self.stdout.write(
            f"{summary.today}: {summary.checked} requests checked, {summary.sent['due_soon']} due-soon and "
            f"{summary.sent['overdue']} overdue reminders sent, {len(summary.no_recipient)} without a recipient, "
            f"{len(summary.failed)} failed"
        )
        for number in summary.no_recipient:
            self.stderr.write(f"no PPID Pelaksana or PPID account to e-mail for {number}")
        if summary.failed:
            for number, error in summary.failed:
                self.stderr.write(f"not sent: {number}: {error}")
            raise CommandError(f"{len(summary.failed)} reminders could not be sent (they will be retried)")
