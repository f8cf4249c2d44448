"""``manage.py lontar_restore BACKUP_DIRECTORY``: restore a backup of lontar_backup into the
configured databases, which must be empty (new ones), and into the configured file storage.

Afterwards: ``datastore_reader_setup`` (grants of the read-only role) and ``audit_verify``.
docs/deploy.md § Backups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a lontar_backup directory into empty databases and the configured file storage."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path, help="a lontar-backup-<time> directory")
        parser.add_argument("--no-files", action="store_true", help="restore the databases only")
        parser.add_argument("--no-databases", action="store_true", help="restore the files only")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore(options["backup"], databases=not options["no_databases"], files=not options["no_files"])
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        for alias, entry in summary.databases.items():
            self.stdout.write(f"database {alias}: restored from {entry['file']}")
        for tree, count in summary.files.items():
            self.stdout.write(f"files {tree}: {count}")
        self.stdout.write("now run: manage.py datastore_reader_setup (PostgreSQL) and manage.py audit_verify")
