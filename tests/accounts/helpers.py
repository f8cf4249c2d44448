"""Helpers for the account tests: TOTP codes, signing in through the real pages."""

from __future__ import annotations

import time

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts.models import Membership, User

PASSWORD = "kata-sandi-uji-123"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    """The device's code ``offset`` time steps from now (tolerance accepts -1..+1)."""
    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + offset * device.step
    return f"{generator.token():0{device.digits}d}"


def make_user(email: str, organisation=None, role=None, *, device: bool = False, **extra) -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=extra.pop("full_name", "Uji Coba"), **extra
    )
    if organisation is not None and role is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    if device:
        TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    return user


def post_password(client: Client, email: str, password: str = PASSWORD, next_url: str | None = None):
    data = {"username": email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/akun/masuk/", data, REMOTE_ADDR="10.0.0.1")


def wrong_code(device: TOTPDevice) -> str:
    """A six-digit code that is none of the codes accepted now (previous, current, next step)."""
    accepted = {code_for(device, offset) for offset in (-2, -1, 0, 1, 2)}
    candidate = 0
    while f"{candidate:06d}" in accepted:
        candidate += 1
    return f"{candidate:06d}"
