"""Records of the registry made through its services (actor None: the system)."""

from __future__ import annotations

from typing import Any

from lontar.katalog import services
from lontar.katalog.models import AssetKind, Ownership, OwnershipClass, ServiceKind


def make_asset(org: Any, name: str = "Pusat Data Uji", kind: str = AssetKind.FASILITAS_KOMPUTASI, **values: Any):
    base = {"name": name, "kind": kind, "ownership": Ownership.MILIK_SENDIRI}
    return services.asset_create(actor=None, organisation=org, values={**base, **values})


def make_app(org: Any, name: str = "SIMPEG Uji", links: dict | None = None, **values: Any):
    base = {"name": name, "ownership_class": OwnershipClass.KHUSUS_PEMDA, "basis": ["web"]}
    return services.application_create(actor=None, organisation=org, values={**base, **values}, links=links)


def make_service(org: Any, name: str = "Layanan Uji", applications: list | None = None, **values: Any):
    base = {"name": name, "kind": ServiceKind.PUBLIK}
    return services.service_create(
        actor=None, organisation=org, values={**base, **values}, applications=applications or []
    )
