"""Create the demo users ("data contoh"), one per role, with fixed TOTP devices. Idempotent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts import services
from lontar.accounts.demo import DEMO_PASSWORD, DEMO_USERS, DemoUser, demo_totp_key, needs_device
from lontar.accounts.models import User
from lontar.accounts.twofactor import base32_secret, provisioning_uri
from lontar.organisations.models import Organisation
from lontar.organisations.selectors import organisations_by_slugs

DEVICE_NAME = "demo"


def _organisations() -> dict[str, Organisation]:
    slugs = {slug for demo in DEMO_USERS for slug, _ in demo.grants}
    found = {o.slug: o for o in organisations_by_slugs(slugs).select_related("region")}
    missing = sorted(slugs - found.keys())
    if missing:
        raise CommandError(
            f"Organisations not found: {', '.join(missing)}. Run `manage.py load_regions` and "
            "`manage.py load_organisations` first."
        )
    return found


def _ensure_user(demo: DemoUser) -> tuple[User, bool]:
    user = User.objects.filter(email__iexact=demo.email).first()
    if user is not None:
        return user, False
    user = services.user_create(
        actor=None,
        email=demo.email,
        full_name=demo.full_name,
        password=DEMO_PASSWORD,
        send_invitation=False,
        is_superuser=demo.superuser,
    )
    return user, True


def _ensure_device(user: User) -> tuple[TOTPDevice, bool]:
    key = demo_totp_key(user.email)
    device, created = TOTPDevice.objects.get_or_create(
        user=user, name=DEVICE_NAME, defaults={"key": key, "confirmed": True}
    )
    if not created and (device.key != key or not device.confirmed):
        device.key, device.confirmed = key, True
        device.save(update_fields=["key", "confirmed"])
    return device, created


def _roles(demo: DemoUser) -> str:
    if demo.superuser:
        return "superuser"
    return ", ".join(f"{role} @ {slug}" for slug, role in demo.grants)


def _ensure_demo(demo: DemoUser, organisations: dict[str, Organisation]) -> tuple[dict[str, Any], int, int]:
    """Create what is missing of one demo user. Returns (printed row, users created, roles granted)."""
    user, created = _ensure_user(demo)
    granted = 0
    for slug, role in demo.grants:
        if not user.memberships.filter(organisation=organisations[slug], role=role).exists():
            services.membership_grant(actor=None, user=user, organisation=organisations[slug], role=role)
            granted += 1
    row = {"email": demo.email, "roles": _roles(demo), "secret": "—", "uri": ""}
    if needs_device(demo):
        device, _ = _ensure_device(user)
        row.update(secret=base32_secret(device), uri=provisioning_uri(device))
    return row, int(created), granted


class Command(BaseCommand):
    help = "Create one demo user per role (data contoh) with a shared password and fixed TOTP secrets."

    def handle(self, *args: Any, **options: Any) -> None:
        if str(getattr(settings, "SETTINGS_MODULE", "")).endswith(".prod"):
            raise CommandError(
                "demo_users refuses to run with production settings: its password and TOTP secrets are public."
            )
        organisations = _organisations()
        rows: list[dict[str, Any]] = []
        users_created = roles_granted = 0
        with transaction.atomic():
            for demo in DEMO_USERS:
                row, created, granted = _ensure_demo(demo, organisations)
                rows.append(row)
                users_created += created
                roles_granted += granted
        self.stdout.write(self.style.SUCCESS(f"demo users: {users_created} created, {roles_granted} roles granted"))
        self._print_table(rows)

    def _print_table(self, rows: list[dict[str, Any]]) -> None:
        keys = ("email", "roles", "secret")
        header = {"email": "e-mail", "roles": "role @ organisation", "secret": "TOTP secret (base32)"}
        widths = {k: max(len(r[k]) for r in [header, *rows]) for k in keys}
        line = "+-" + "-+-".join("-" * widths[k] for k in keys) + "-+"

        def fmt(row: dict[str, Any]) -> str:
            return "| " + " | ".join(row[k].ljust(widths[k]) for k in keys) + " |"

        self.stdout.write(f"\nDemo logins (data contoh). Password for all: {DEMO_PASSWORD}")
        self.stdout.write("\n".join([line, fmt(header), line, *(fmt(r) for r in rows), line]))
        self.stdout.write("\nAdd a secret to an authenticator app, or scan its otpauth URI:")
        for row in rows:
            if row["uri"]:
                self.stdout.write(f"  {row['email']}: {row['uri']}")
        self.stdout.write("With DEBUG on, `manage.py totp_code <e-mail>` prints a demo user's current code.")
