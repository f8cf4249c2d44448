"""Helpers of the site registry tests (H-status): kabupaten outlines, desa and users."""

from __future__ import annotations

from lontar.konektivitas.selectors.sites import forget_boundaries
from lontar.organisations.models import Region, RegionLevel

#: squares standing in for the outlines (lng, lat): Kabupaten Kupang and Kota Kupang side by side
KAB_SQUARE = [[123.70, -10.40], [124.30, -10.40], [124.30, -9.80], [123.70, -9.80], [123.70, -10.40]]
KOTA_SQUARE = [[123.50, -10.25], [123.69, -10.25], [123.69, -10.10], [123.50, -10.10], [123.50, -10.25]]
#: a point in each
IN_KAB = (-10.0, 124.0)
IN_KOTA = (-10.17, 123.60)
#: in NTT's extent but far from both squares (the Savu Sea)
IN_SEA = (-9.0, 121.0)


def outlines() -> None:
    """Give 53.01 and 53.71 (made by the ``province`` fixture) their outlines, plus a far one."""
    Region.objects.filter(code="53.01").update(geometry={"type": "Polygon", "coordinates": [KAB_SQUARE]})
    Region.objects.filter(code="53.71").update(geometry={"type": "MultiPolygon", "coordinates": [[KOTA_SQUARE]]})
    prov = Region.objects.get(code="53")
    far = [[119.0, -8.9], [119.5, -8.9], [119.5, -8.4], [119.0, -8.4], [119.0, -8.9]]
    Region.objects.update_or_create(
        code="53.15",
        defaults={
            "name": "Kabupaten Manggarai Barat",
            "level": RegionLevel.KABUPATEN,
            "parent": prov,
            "geometry": {"type": "Polygon", "coordinates": [far]},
        },
    )
    far2 = [[124.8, -8.4], [125.2, -8.4], [125.2, -8.1], [124.8, -8.1], [124.8, -8.4]]
    Region.objects.update_or_create(
        code="53.05",
        defaults={
            "name": "Kabupaten Alor",
            "level": RegionLevel.KABUPATEN,
            "parent": prov,
            "geometry": {"type": "Polygon", "coordinates": [far2]},
        },
    )
    forget_boundaries()


def desa(code: str, name: str = "Desa Uji") -> Region:
    """A desa (or kelurahan) with its kecamatan under an existing kabupaten/kota."""
    parent = Region.objects.get(code=code[:5])
    kec, _ = Region.objects.get_or_create(
        code=code[:8], defaults={"name": f"Kecamatan {code[:8]}", "level": RegionLevel.KECAMATAN, "parent": parent}
    )
    level = RegionLevel.KELURAHAN if code[9] == "1" else RegionLevel.DESA
    place, _ = Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent": kec})
    return place


KAB_DESA = "53.01.01.2001"
KOTA_DESA = "53.71.01.1001"
