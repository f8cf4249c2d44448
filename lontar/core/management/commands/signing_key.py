"""Print a new Ed25519 signing key, or the public key and fingerprint of the configured one."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lontar.core import signing


class Command(BaseCommand):
    help = "Signing key of issued documents: --new prints a fresh LONTAR_SIGNING_KEY; otherwise the public key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--new", action="store_true", help="print a new private key (base64) and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new"]:
            self.stdout.write(signing.new_key())
            return
        if not signing.available():
            raise CommandError("LONTAR_SIGNING_KEY is not set.")
        self.stdout.write(f"# key id {signing.key_id()}")
        self.stdout.write(signing.public_key_pem().rstrip())
