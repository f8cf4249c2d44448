"""Demo users ("data contoh"): one per role, a shared password, fixed TOTP secrets.

Everything here is public on purpose so a person can try Lontar: never create these users on a
production server (the ``demo_users`` command refuses under production settings).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from lontar.accounts.models import Role

DEMO_DOMAIN = "demo.lontar.id"
DEMO_PASSWORD = "lontar-demo-2026"  # noqa: S105 - public demo password, printed by demo_users
_SECRET_SEED = b"lontar demo totp (public, not a secret)"


@dataclass(frozen=True)
class DemoUser:
    local: str
    full_name: str
    grants: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.local}@{DEMO_DOMAIN}"


PROVINCE = "pemprov-ntt"
PROVINCE_OPD = "pemprov-ntt-diskominfo"
KABUPATEN = "pemkab-kupang"
KABUPATEN_OPD = "pemkab-kupang-diskominfo"

DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("superadmin", "Superadmin (data contoh)", superuser=True),
    DemoUser("admin", "Admin Provinsi (data contoh)", ((PROVINCE, Role.ADMIN),)),
    DemoUser("tim.koordinasi", "Tim Koordinasi SPBE Provinsi (data contoh)", ((PROVINCE, Role.TIM_KOORDINASI),)),
    DemoUser("asesor", "Asesor (data contoh)", ((PROVINCE, Role.ASESOR),)),
    DemoUser("walidata", "Walidata Provinsi (data contoh)", ((PROVINCE, Role.WALIDATA),)),
    DemoUser("produsen", "Produsen Data Diskominfo Provinsi (data contoh)", ((PROVINCE_OPD, Role.PRODUSEN_DATA),)),
    # Pembina Data for statistics is BPS; its officers hold the role in the instansi they coach.
    DemoUser("pembina", "Pembina Data BPS (data contoh)", ((PROVINCE, Role.PEMBINA_DATA),)),
    DemoUser("ppid", "PPID Utama Provinsi (data contoh)", ((PROVINCE, Role.PPID),)),
    DemoUser(
        "ppid.pelaksana", "PPID Pelaksana Diskominfo Provinsi (data contoh)", ((PROVINCE_OPD, Role.PPID_PELAKSANA),)
    ),
    DemoUser("atasan.ppid", "Atasan PPID Provinsi (data contoh)", ((PROVINCE, Role.ATASAN_PPID),)),
    DemoUser("viewer", "Pembaca Provinsi (data contoh)", ((PROVINCE, Role.VIEWER),)),
    DemoUser("pengelola.tik", "Pengelola TIK Diskominfo Provinsi (data contoh)", ((PROVINCE, Role.PENGELOLA_TIK),)),
    DemoUser(
        "tim.koordinasi.kabkupang",
        "Tim Koordinasi SPBE Kabupaten Kupang (data contoh)",
        ((KABUPATEN, Role.TIM_KOORDINASI),),
    ),
    DemoUser("ppid.kabkupang", "PPID Kabupaten Kupang (data contoh)", ((KABUPATEN, Role.PPID),)),
    DemoUser("walidata.kabkupang", "Walidata Kabupaten Kupang (data contoh)", ((KABUPATEN, Role.WALIDATA),)),
    DemoUser(
        "produsen.kabkupang",
        "Produsen Data Diskominfo Kabupaten Kupang (data contoh)",
        ((KABUPATEN_OPD, Role.PRODUSEN_DATA),),
    ),
    DemoUser(
        "pengelola.tik.kabkupang",
        "Pengelola TIK Kabupaten Kupang (data contoh)",
        ((KABUPATEN, Role.PENGELOLA_TIK),),
    ),
    DemoUser("viewer.kabkupang", "Pembaca Kabupaten Kupang (data contoh)", ((KABUPATEN, Role.VIEWER),)),
)


def is_demo_email(email: str) -> bool:
    return email.strip().lower().endswith(f"@{DEMO_DOMAIN}")


def demo_totp_key(email: str) -> str:
    """The fixed TOTP key (hex, 20 bytes, as django-otp stores it) of a demo user."""
    return hmac.new(_SECRET_SEED, email.lower().encode("utf-8"), hashlib.sha256).hexdigest()[:40]


def needs_device(demo: DemoUser) -> bool:
    """Staff roles (and the superuser) sign in with TOTP; a viewer does not."""
    return demo.superuser or any(role != Role.VIEWER for _, role in demo.grants)
