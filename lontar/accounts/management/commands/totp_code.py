"""Print the current TOTP code of a demo user (DEBUG only, @demo.lontar.id only)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP

from lontar.accounts.demo import DEMO_DOMAIN, is_demo_email
from lontar.accounts.models import User
from lontar.accounts.twofactor import confirmed_device


def current_code(device: Any, now: float | None = None) -> tuple[str, int]:
    """The device's code now and the seconds it stays valid."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if now is None else now
    remaining = device.step - int(totp.time - device.t0) % device.step
    return f"{totp.token():0{device.digits}d}", remaining


class Command(BaseCommand):
    help = f"Print the current two-factor code of a demo user (@{DEMO_DOMAIN}); only when DEBUG is on."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        email = str(options["email"]).strip().lower()
        if not settings.DEBUG:
            raise CommandError("totp_code works only with DEBUG on (a development or demo server).")
        if not is_demo_email(email):
            raise CommandError(f"totp_code works only for demo users (@{DEMO_DOMAIN}).")
        user = User.objects.filter(email__iexact=email).first()
        device = confirmed_device(user) if user is not None else None
        if device is None:
            raise CommandError(f"No demo user with a two-factor device: {email}. Run `manage.py demo_users` first.")
        code, remaining = current_code(device)
        self.stdout.write(code)
        self.stderr.write(f"valid for about {remaining} more seconds")
