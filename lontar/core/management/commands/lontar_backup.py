"""``manage.py lontar_backup DIRECTORY``: dump both databases, then copy every file (lontar.core.backup).

Prints the path of the new ``lontar-backup-<UTC time>`` directory; exit status 1 with the reason
when a step fails (nothing half-written is left behind). docs/deploy.md § Backups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up both databases (pg_dump -Fc) and all files (local or bucket) into a dated directory."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="where the dated backup directory is created")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(options["directory"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        for alias, entry in summary.databases.items():
            detail = (
                f"same database as {entry['same_as']}"
                if "same_as" in entry
                else f"{entry['file']} ({entry['bytes']} bytes)"
            )
            self.stdout.write(f"database {alias}: {detail}")
        for tree, count in summary.files.items():
            self.stdout.write(f"files {tree}: {count}")
        self.stdout.write(str(summary.path))
