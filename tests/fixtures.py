"""Fixtures: a small province (province + two kabupaten, each with an OPD) and role clients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from lontar.accounts.models import Membership, User
from lontar.organisations.models import OpdType, Organisation, OrganisationKind, Region, RegionLevel

__all__ = ["login", "province", "verified_client"]

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture
def province(db) -> dict[str, Organisation]:
    """Provinsi NTT with Kota Kupang and Kabupaten Kupang, each instansi with one OPD."""
    prov_region, _ = Region.objects.get_or_create(
        code="53", defaults={"name": "Nusa Tenggara Timur", "level": RegionLevel.PROVINSI}
    )
    kab, _ = Region.objects.get_or_create(
        code="53.01",
        defaults={
            "name": "Kabupaten Kupang",
            "level": RegionLevel.KABUPATEN,
            "parent": prov_region,
            "bps_code": "5303",
        },
    )
    kota, _ = Region.objects.get_or_create(
        code="53.71",
        defaults={"name": "Kota Kupang", "level": RegionLevel.KOTA, "parent": prov_region, "bps_code": "5371"},
    )

    def org(slug: str, name: str, region: Region, parent: Organisation | None = None) -> Organisation:
        obj, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "region": region,
                "kind": OrganisationKind.OPD if parent else OrganisationKind.INSTANSI,
                "opd_type": OpdType.DINAS if parent else "",
                "parent": parent,
            },
        )
        return obj

    p = org("test-pemprov-ntt", "Pemerintah Provinsi NTT (uji)", prov_region)
    k = org("test-pemkab-kupang", "Pemerintah Kabupaten Kupang (uji)", kab)
    c = org("test-pemkot-kupang", "Pemerintah Kota Kupang (uji)", kota)
    return {
        "province": p,
        "province_opd": org("test-diskominfo-ntt", "Dinas Kominfo Provinsi NTT (uji)", prov_region, p),
        "kabupaten": k,
        "kabupaten_opd": org("test-diskominfo-kab-kupang", "Dinas Kominfo Kabupaten Kupang (uji)", kab, k),
        "kota": c,
        "kota_opd": org("test-diskominfo-kota-kupang", "Dinas Kominfo Kota Kupang (uji)", kota, c),
    }


def _make_user(email: str, organisation: Organisation | None, role: str | None) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": email.split("@")[0]})
    if created:
        user.set_password(PASSWORD)
        user.save()
    if organisation is not None and role is not None:
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def login(db) -> Callable[..., tuple[Client, User]]:
    """login(organisation, role) -> (client signed in with 2FA passed, user)."""

    def _login(organisation: Organisation | None, role: str | None, email: str | None = None) -> tuple[Client, User]:
        address = email or f"{role or 'anon'}.{organisation.slug if organisation else 'none'}@uji.go.id"
        user = _make_user(address, organisation, role)
        client = Client()
        client.force_login(user)
        _mark_verified(client, user)
        return client, user

    return _login


def _mark_verified(client: Client, user: User) -> None:
    """Pass two-factor for a test client the way django-otp records it in the session."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="uji", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


@pytest.fixture
def verified_client(login):
    return login
