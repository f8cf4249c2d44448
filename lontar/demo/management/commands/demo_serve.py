"""Serve the demo: the development server plus the background task worker."""

from __future__ import annotations

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the web server on 127.0.0.1:PORT and a background task worker beside it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: object, **options: object) -> None:
        port = options["port"]
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"])
        self._print_logins()
        self.stdout.write(self.style.SUCCESS(f"Lontar berjalan di http://127.0.0.1:{port}/ (Ctrl+C untuk berhenti)"))
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def _print_logins(self) -> None:
        """Repeat the demo logins last, where a person starting the demo will see them."""
        from lontar.accounts.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write(self.style.MIGRATE_HEADING("Login demo (data contoh) — kata sandi: " + DEMO_PASSWORD))
        for demo in DEMO_USERS:
            roles = ", ".join(f"{role} @ {org}" for org, role in demo.grants) or "superuser"
            self.stdout.write(f"  {demo.email:<42} {roles}")
        self.stdout.write(
            "Staf masuk dengan kode TOTP: rahasia tiap pengguna dicetak oleh demo_users di atas; "
            "kode saat ini: .venv/bin/python manage.py totp_code <e-mail>"
        )
