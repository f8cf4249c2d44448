"""Helpers of the measurement, Cek koneksi and public-page tests (H-maps): regions and sites."""

from __future__ import annotations

from lontar.konektivitas.models import Site, SiteKind
from lontar.organisations.models import Organisation, Region, RegionLevel


def desa(code: str = "53.71.01.1001", name: str = "Kelurahan Uji") -> Region:
    """A kelurahan under Kota Kupang (53.71), with its kecamatan (the province fixture makes 53.71)."""
    kota = Region.objects.get(code=code[:5])
    kec, _ = Region.objects.get_or_create(
        code=code[:8], defaults={"name": "Kecamatan Uji", "level": RegionLevel.KECAMATAN, "parent": kota}
    )
    place, _ = Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": RegionLevel.KELURAHAN, "parent": kec}
    )
    return place


def make_site(
    organisation: Organisation,
    code: str = "S-001",
    *,
    lat: float = -10.1772,
    lng: float = 123.607,
    kind: str = SiteKind.KANTOR_OPD,
    desa_code: str = "53.71.01.1001",
    **extra,
) -> Site:
    place = desa(desa_code)
    return Site.objects.create(
        code=code,
        name=extra.pop("name", f"Titik {code}"),
        kind=kind,
        desa=place,
        kabupaten_id=desa_code[:5],
        lat=lat,
        lng=lng,
        organisation=organisation,
        **extra,
    )
