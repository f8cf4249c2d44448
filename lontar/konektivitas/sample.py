"""Sample data ("data contoh") for the connectivity module: sites on real desa codes, connections,
weeks of measurements, cellular coverage per desa and BAKTI's BTS 4G towers.

What is real and what is not:

* **Real**: the desa/kelurahan, kecamatan and kabupaten/kota (Kemendagri codes and names, loaded
  by ``load_regions``), the agencies (``load_organisations``; their OPD lists are themselves a
  labelled sample), the kecamatan boundaries the points are drawn in, and the number of BAKTI
  BTS 4G sites per kabupaten (reference ``infrastructure.md`` §2.4: 421 sites in 16 kabupaten,
  the 2021 plan; four outlets agree), written in each tower's ``source``.
* **Data contoh**: everything else — which sites exist besides one kantor desa per desa, their
  points, technology, speeds, measurements, the coverage classes and each tower's status, desa
  and point. Every row has ``is_sample=True`` and its name or note says "data contoh".

Points: there are no desa coordinates in the reference data, so a site's point is drawn at random
(seeded per site code, so every run draws the same point) inside the boundary of its desa's
kecamatan and inside its kabupaten/kota's outline (the two outlines come from different sources and
do not coincide on the coast; the registry checks the second; where they hardly overlap the point is
drawn in the kabupaten/kota). ``location_source`` is "lainnya", ``location_accuracy_m`` the radius
of the outline's bounding box (the point is only known to be somewhere in it) and
``location_verified`` false.

Technology follows remoteness: fibre in Kota Kupang (53.71) only, cellular in towns (kelurahan and
the capital's kecamatan), a mix of cellular and BAKTI AKSI VSAT (about 2 Mbps per site, §2.4) farther
out, VSAT or nothing in the most remote desa.

Rows are written with ``bulk_create`` (about 8,000 sites, 30,000 measurements): a loader of
labelled sample rows, not a change made by a person, so it does not go through the per-record
services (each of which audits one change); ``make demo`` must stay fast. Every part is
idempotent: rows are keyed by their code (sites, towers), by (desa, year, source) (coverage), and
connections and measurements are only added to sites that were created in the same run. Running
the loader twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from lontar.konektivitas.geo import Boundaries
from lontar.konektivitas.models import (
    CellularGeneration,
    Connection,
    ConnectionRole,
    ConnectionStatus,
    CoverageObservation,
    CoverageSource,
    InternetSignal,
    LocationSource,
    Measurement,
    MeasurementSource,
    Ownership,
    PhoneSignal,
    PowerSource,
    Programme,
    Site,
    SiteKind,
    Technology,
    TechnologyRoot,
    Tower,
    TowerStatus,
)
from lontar.organisations.models import Organisation, Region
from lontar.organisations.selectors import kabkota_geometries, organisations_by_slugs, region_list

SEED = "lontar-konektivitas-data-contoh"
SAMPLE = "data contoh"
#: the code prefix of every sample site and tower (real codes never start with it)
PREFIX = "DC-"
KOTA_KUPANG = "53.71"
WITA = ZoneInfo("Asia/Makassar")
WEEKS = 8
TESTS_PER_WEEK = 3
#: one site in MEASURED_EVERY (by its code's hash) gets measurements, to keep the demo small
MEASURED_EVERY = 10
COVERAGE_YEAR = 2024

#: BAKTI BTS 4G lokasi baru in NTT, 2021 plan: sites per kabupaten (reference §2.4, [V])
BAKTI_BTS_2021: dict[str, int] = {
    "Sumba Timur": 89,
    "Manggarai Timur": 66,
    "Ende": 59,
    "Alor": 33,
    "Lembata": 31,
    "Manggarai": 31,
    "Manggarai Barat": 24,
    "Kupang": 24,
    "Sumba Tengah": 21,
    "Rote Ndao": 15,
    "Timor Tengah Selatan": 15,
    "Timor Tengah Utara": 4,
    "Sumba Barat": 4,
    "Sabu Raijua": 3,
    "Nagekeo": 1,
    "Sumba Barat Daya": 1,
}
BAKTI_BTS_SOURCE = (
    "Jumlah per kabupaten nyata: rencana BTS 4G lokasi baru BAKTI 2021 di NTT, 421 lokasi di 16 kabupaten "
    "(antaranews.com/berita/2236146; teknologi.bisnis.com 2021-06-28; victorynews.id; sinyalmagz.com). "
    "Status, desa dan titik menara ini: data contoh."
)
#: status of the sample towers (data contoh; in June 2022 207 of the 421 were on-air, §2.4)
TOWER_STATUS_WEIGHTS = (
    (TowerStatus.ON_AIR, 76),
    (TowerStatus.OFF_AIR, 9),
    (TowerStatus.KONSTRUKSI, 8),
    (TowerStatus.RFC, 7),
)
#: BAKTI AKSI's typical capacity per VSAT site (reference §2.4, antaranews.com/berita/4333259)
AKSI_VSAT_MBPS = 2.0

#: OPD units with an office site (short slug -> responsible for which kind of site elsewhere)
SCHOOL_UNIT, HEALTH_UNIT, VILLAGE_UNIT = "disdikbud", "dinkes", "dpmd"

Progress = Callable[[str], None]


def _rng(*parts: object) -> random.Random:
    """A random generator seeded by ``parts``: the same site always gets the same draws (sample
    data, not security: a seeded generator is the point)."""
    digest = hashlib.sha256(":".join([SEED, *map(str, parts)]).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311


def _kec(region: Region) -> str:
    """The kecamatan code of a desa/kelurahan."""
    return region.parent_id or ""


def _bucket(code: str, n: int) -> int:
    return int.from_bytes(hashlib.sha256(f"{SEED}:{code}".encode()).digest()[:4], "big") % n


# --- geometry -------------------------------------------------------------------------------


def _polygons(geometry: dict[str, Any] | None) -> list[list[list[tuple[float, float]]]]:
    """The polygons of a GeoJSON (Multi)Polygon as lists of rings of (lng, lat)."""
    if not geometry:
        return []
    coords = geometry.get("coordinates") or []
    polys = coords if geometry.get("type") == "MultiPolygon" else [coords]
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in polys]


def _in_ring(x: float, y: float, ring: Sequence[tuple[float, float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_geometry(lng: float, lat: float, geometry: dict[str, Any] | None) -> bool:
    """True when (lng, lat) lies in a GeoJSON (Multi)Polygon (holes respected)."""
    for poly in _polygons(geometry):
        if poly and _in_ring(lng, lat, poly[0]) and not any(_in_ring(lng, lat, hole) for hole in poly[1:]):
            return True
    return False


@dataclass
class Area:
    """A kecamatan's boundary, ready for drawing points in it."""

    code: str
    polygons: list[list[list[tuple[float, float]]]]
    centre: tuple[float, float]  # (lat, lng)
    bbox: tuple[float, float, float, float] = (0, 0, 0, 0)  # min lng, min lat, max lng, max lat
    radius_m: float = 0.0

    def __post_init__(self) -> None:
        points = [p for poly in self.polygons for p in poly[0]] if self.polygons else []
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            self.bbox = (min(xs), min(ys), max(xs), max(ys))
            w = (self.bbox[2] - self.bbox[0]) * 111_320 * math.cos(math.radians(self.centre[0]))
            h = (self.bbox[3] - self.bbox[1]) * 110_574
            self.radius_m = round(math.hypot(w, h) / 2, -2)
        else:
            lat, lng = self.centre
            self.bbox = (lng, lat, lng, lat)
            self.radius_m = 5000.0

    def draw(self, rng: random.Random, accept: Callable[[float, float], bool] | None = None) -> tuple[float, float]:
        """(lat, lng) inside the boundary and accepted by ``accept(lat, lng)`` (e.g. inside the
        kabupaten's own outline, which is drawn from another source); the kecamatan's centre if
        200 draws all miss."""
        x0, y0, x1, y1 = self.bbox
        for _ in range(200):
            x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
            lat, lng = round(y, 6), round(x, 6)
            for poly in self.polygons:
                inside = _in_ring(x, y, poly[0]) and not any(_in_ring(x, y, hole) for hole in poly[1:])
                if inside and (accept is None or accept(lat, lng)):
                    return lat, lng
        return self.centre


# --- the world the sample is drawn in ---------------------------------------------------------


@dataclass
class Kab:
    region: Region
    instansi_slug: str
    capital_kec: str = ""
    desa_count: int = 0


@dataclass
class World:
    kabs: dict[str, Kab]
    kecamatan: dict[str, Region]
    areas: dict[str, Area]
    desa: list[Region]
    orgs: dict[str, Organisation]
    remoteness: dict[str, float] = field(default_factory=dict)  # desa code -> 0 (capital) .. 1 (farthest)
    boundaries: Boundaries | None = None

    kab_areas: dict[str, Area] = field(default_factory=dict)

    def point_in(self, desa: Region, rng: random.Random) -> tuple[float, float, float]:
        """(lat, lng, accuracy radius in m): a point inside the desa's kecamatan and inside its
        kabupaten/kota's outline (the registry's own check, :mod:`lontar.konektivitas.geo`); where
        the two outlines (from different sources) hardly overlap, a point in the kabupaten/kota,
        with that outline's radius as the accuracy."""
        kab = desa.code[:5]
        bounds = self.boundaries

        def accept(lat: float, lng: float) -> bool:
            return bounds is None or bounds.place(lat, lng, expected=kab).problem == ""

        for area in (self.areas.get(_kec(desa)), self.kab_areas.get(kab)):
            if area is None:
                continue
            lat, lng = area.draw(rng, accept)
            if (lat, lng) != area.centre or accept(lat, lng):
                return lat, lng, area.radius_m
        return desa.lat or 0.0, desa.lng or 0.0, 50_000.0


def _instansi_slug(region: Region) -> str:
    from django.utils.text import slugify

    if region.code == KOTA_KUPANG or region.level == "kota":
        return "pemkot-" + slugify(region.name.removeprefix("Kota "))
    return "pemkab-" + slugify(region.name.removeprefix("Kabupaten "))


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 110.574
    dx = (a[1] - b[1]) * 111.320 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def world(only: Iterable[str] | None = None) -> World:
    """Regions, boundaries and agencies, read once through the organisations selectors
    (``only``: kabupaten/kota codes to limit the sample to, for tests and quick runs)."""
    kab_regions = [*region_list(level="kabupaten").defer("geometry"), *region_list(level="kota").defer("geometry")]
    if only is not None:
        wanted = set(only)
        kab_regions = [r for r in kab_regions if r.code in wanted]
    kabs = {r.code: Kab(region=r, instansi_slug=_instansi_slug(r)) for r in kab_regions}
    kecamatan = {r.code: r for r in region_list(level="kecamatan")}
    areas = {
        code: Area(code, _polygons(r.geometry), (r.lat or 0.0, r.lng or 0.0))
        for code, r in kecamatan.items()
        if r.lat is not None
    }
    desa = sorted(
        (
            r
            for r in [*region_list(level="desa").defer("geometry"), *region_list(level="kelurahan").defer("geometry")]
            if r.code[:5] in kabs
        ),
        key=lambda r: r.code,
    )
    kelurahan_per_kec: dict[str, int] = defaultdict(int)
    names_per_kec: dict[str, set[str]] = defaultdict(set)
    for r in desa:
        kelurahan_per_kec[_kec(r)] += r.level == "kelurahan"
        names_per_kec[_kec(r)].add(r.name.lower())
    for code, kab in kabs.items():
        kecs = sorted(c for c in kecamatan if c.startswith(code + "."))
        capital = (kab.region.capital or "").lower()
        by_name = [c for c in kecs if capital and (kecamatan[c].name.lower() == capital or capital in names_per_kec[c])]
        by_kelurahan = sorted(kecs, key=lambda c: (-kelurahan_per_kec[c], c))
        kab.capital_kec = (by_name or by_kelurahan or [""])[0]
    remoteness: dict[str, float] = {}
    by_kab: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for r in desa:
        kab_code = r.code[:5]
        found = kabs.get(kab_code)
        home = areas.get(found.capital_kec) if found else None
        here = areas.get(_kec(r))
        d = _distance_km(home.centre, here.centre) if home and here else 0.0
        by_kab[kab_code].append((r.code, d + _rng("jitter", r.code).uniform(0, 8)))
    for items in by_kab.values():
        far = max((d for _, d in items), default=1.0) or 1.0
        remoteness.update({code: d / far for code, d in items})
    slugs = {k.instansi_slug for k in kabs.values()} | {"pemprov-ntt"}
    orgs = {o.slug: o for o in organisations_by_slugs(slugs)}
    children = {o.slug: o for o in _units(orgs.values())}
    orgs.update(children)
    for kab in kabs.values():
        kab.desa_count = len(by_kab.get(kab.region.code, []))
    geometries = kabkota_geometries()
    kab_areas = {
        code: Area(code, _polygons(geometries.get(code)), (k.region.lat or 0.0, k.region.lng or 0.0))
        for code, k in kabs.items()
        if geometries.get(code)
    }
    return World(
        kabs=kabs,
        kecamatan=kecamatan,
        areas=areas,
        desa=desa,
        orgs=orgs,
        remoteness=remoteness,
        boundaries=Boundaries.from_geometries(geometries),
        kab_areas=kab_areas,
    )


def _units(instansi: Iterable[Organisation]) -> list[Organisation]:
    from lontar.organisations.selectors import organisation_units

    units: list[Organisation] = []
    for org in instansi:
        units.extend(organisation_units(org))
    return units


# --- sites and connections --------------------------------------------------------------------


@dataclass
class SitePlan:
    site: Site
    tier: str  # "kota" | "town" | "near" | "mid" | "remote"


def _tier(desa: Region, w: World) -> str:
    if desa.code.startswith(KOTA_KUPANG):
        return "kota"
    kab = w.kabs.get(desa.code[:5])
    if desa.level == "kelurahan" or (kab and _kec(desa) == kab.capital_kec):
        return "town"
    r = w.remoteness.get(desa.code, 0.5)
    return "near" if r < 0.35 else "mid" if r < 0.7 else "remote"


def _org(w: World, kab_code: str, short: str = "") -> Organisation | None:
    kab = w.kabs.get(kab_code)
    if kab is None:
        return None
    if short:
        unit = w.orgs.get(f"{kab.instansi_slug}-{short}")
        if unit is not None:
            return unit
    return w.orgs.get(kab.instansi_slug)


def _site(code: str, name: str, kind: str, desa: Region, org: Organisation, w: World, tier: str) -> SitePlan:
    lat, lng, radius_m = w.point_in(desa, _rng("titik", code))
    kab = w.kabs[desa.code[:5]]
    power_rng = _rng("listrik", code)
    if tier in ("kota", "town", "near"):
        power = PowerSource.PLN
    else:
        power = power_rng.choices(
            [PowerSource.PLN, PowerSource.SURYA, PowerSource.GENSET, PowerSource.TIDAK_ADA], [55, 30, 10, 5]
        )[0]
    site = Site(
        code=code,
        name=f"{name} ({SAMPLE})",
        kind=kind,
        desa=desa,
        kabupaten=kab.region,
        lat=lat,
        lng=lng,
        location_source=LocationSource.LAINNYA,
        location_accuracy_m=radius_m,
        location_verified=False,
        organisation=org,
        power=power,
        remote=tier == "remote",
        border=False,
        disaster_prone=_bucket("bencana:" + code, 5) == 0,
        is_sample=True,
    )
    return SitePlan(site, tier)


def plan_sites(w: World) -> list[SitePlan]:
    """Every sample site: a kantor desa per desa/kelurahan, a school in about two desa of three,
    a kantor kecamatan and a puskesmas per kecamatan, the OPD offices in each capital."""
    plans: list[SitePlan] = []
    first_desa: dict[str, Region] = {}
    for desa in w.desa:
        kab_code = desa.code[:5]
        if kab_code not in w.kabs:
            continue
        first_desa.setdefault(_kec(desa), desa)
        digits = desa.code.replace(".", "")
        tier = _tier(desa, w)
        word = "Kantor Kelurahan" if desa.level == "kelurahan" else "Kantor Desa"
        org = _org(w, kab_code)
        if org is None:
            continue
        plans.append(_site(f"{PREFIX}DESA-{digits}", f"{word} {desa.name}", SiteKind.KANTOR_DESA, desa, org, w, tier))
        if _bucket("sekolah:" + desa.code, 3) != 0:
            school_org = _org(w, kab_code, SCHOOL_UNIT) or org
            kind = SiteKind.MADRASAH if _bucket("madrasah:" + desa.code, 9) == 0 else SiteKind.SEKOLAH
            label = "Madrasah Ibtidaiyah" if kind == SiteKind.MADRASAH else "Sekolah Dasar"
            plans.append(_site(f"{PREFIX}SD-{digits}", f"{label} {desa.name}", kind, desa, school_org, w, tier))
    for kec_code, desa in sorted(first_desa.items()):
        kec = w.kecamatan.get(kec_code)
        if kec is None:
            continue
        kab_code = kec_code[:5]
        digits = kec_code.replace(".", "")
        tier = _tier(desa, w)
        tier = "town" if tier in ("near", "mid", "remote") and kec_code == w.kabs[kab_code].capital_kec else tier
        org = _org(w, kab_code)
        health = _org(w, kab_code, HEALTH_UNIT) or org
        if org is None or health is None:
            continue
        plans.append(
            _site(
                f"{PREFIX}KEC-{digits}", f"Kantor Kecamatan {kec.name}", SiteKind.KANTOR_KECAMATAN, desa, org, w, tier
            )
        )
        plans.append(_site(f"{PREFIX}PKM-{digits}", f"Puskesmas {kec.name}", SiteKind.PUSKESMAS, desa, health, w, tier))
    plans.extend(_opd_offices(w, first_desa))
    return plans


def _opd_offices(w: World, first_desa: dict[str, Region]) -> list[SitePlan]:
    """One office site per OPD, in the capital's kecamatan (the province's in Kota Kupang)."""
    plans = []
    places = [(kab.region.code, kab.instansi_slug, kab.capital_kec) for kab in w.kabs.values()]
    kota = w.kabs.get(KOTA_KUPANG)
    if kota is not None:
        places.append(("53", "pemprov-ntt", kota.capital_kec))
    for region_code, instansi_slug, kec_code in sorted(places):
        desa = first_desa.get(kec_code)
        if desa is None:
            continue
        tier = "kota" if kec_code.startswith(KOTA_KUPANG) else "town"
        for slug, org in sorted(w.orgs.items()):
            if not slug.startswith(instansi_slug + "-") or org.parent_id is None:
                continue
            short = slug.removeprefix(instansi_slug + "-")
            code = f"{PREFIX}OPD-{region_code.replace('.', '')}-{short}"[:40]
            kind = SiteKind.RUMAH_SAKIT if short == "rsud" else SiteKind.KANTOR_OPD
            plans.append(_site(code, f"Kantor {org.short_name or org.name}", kind, desa, org, w, tier))
    return plans


CELL_PROVIDERS = (("Telkomsel", "Telkomsel Flash"), ("Indosat Ooredoo", "IM3 Ooredoo"), ("XL Axiata", "XL 4G"))


def _conn(site: Site, **fields: Any) -> Connection:
    base: dict[str, Any] = {
        "site": site,
        "role": ConnectionRole.UTAMA,
        "status": ConnectionStatus.AKTIF,
        "is_sample": True,
        "valid_from": dt.date(2024, 1, 1),
    }
    base.update(fields)
    return Connection(**base)


def _fibre(site: Site, rng: random.Random) -> Connection:
    speed = rng.choice([20.0, 50.0, 100.0]) if site.kind != SiteKind.KANTOR_OPD else rng.choice([50.0, 100.0])
    return _conn(
        site,
        technology=Technology.FIBER,
        technology_raw="Astinet Telkom (serat optik)",
        technology_root=TechnologyRoot.KABEL,
        provider="Telkom Indonesia",
        programme=Programme.APBD,
        download_contracted_mbps=speed,
        upload_contracted_mbps=speed,
        ownership=Ownership.BUMN,
    )


def _cellular(site: Site, rng: random.Random, programme: str) -> Connection:
    provider, raw = rng.choices(CELL_PROVIDERS, [70, 20, 10])[0]
    return _conn(
        site,
        technology=Technology.SELULER,
        technology_raw=raw,
        technology_root=TechnologyRoot.NIRKABEL,
        cellular_generation=CellularGeneration.G4,
        provider=provider,
        programme=programme,
        download_contracted_mbps=None,
        ownership=Ownership.PIHAK_KETIGA,
    )


def _vsat(site: Site, rng: random.Random) -> Connection:
    status = ConnectionStatus.GANGGUAN if rng.random() < 0.12 else ConnectionStatus.AKTIF
    return _conn(
        site,
        technology=Technology.VSAT,
        technology_raw="VSAT BAKTI AKSI",
        technology_root=TechnologyRoot.NIRKABEL,
        provider="BAKTI (penyedia jasa AKSI)",
        programme=Programme.BAKTI_AKSI,
        status=status,
        download_contracted_mbps=AKSI_VSAT_MBPS,
        ownership=Ownership.INSTANSI_LAIN,
    )


def _none(site: Site) -> Connection:
    return _conn(
        site,
        technology=Technology.TIDAK_ADA,
        technology_raw="tidak ada akses internet",
        technology_root=TechnologyRoot.TIDAK_ADA,
    )


def _kota(site: Site, rng: random.Random, roll: float) -> list[Connection]:
    main = _fibre(site, rng) if roll < 0.85 else _cellular(site, rng, Programme.APBD)
    conns = [main]
    if rng.random() < 0.3 and main.technology == Technology.FIBER:
        backup = _cellular(site, rng, Programme.APBD)
        backup.role = ConnectionRole.CADANGAN
        conns.append(backup)
    return conns


def _town(site: Site, rng: random.Random, roll: float) -> list[Connection]:
    return [_cellular(site, rng, Programme.DANA_DESA if site.kind == SiteKind.KANTOR_DESA else Programme.APBD)]


def _near(site: Site, rng: random.Random, roll: float) -> list[Connection]:
    if roll < 0.85:
        return [_cellular(site, rng, Programme.DANA_DESA if site.kind == SiteKind.KANTOR_DESA else Programme.APBD)]
    return [_vsat(site, rng)]


def _mid(site: Site, rng: random.Random, roll: float) -> list[Connection]:
    if roll < 0.45:
        return [_cellular(site, rng, Programme.DANA_DESA if site.kind == SiteKind.KANTOR_DESA else Programme.SWADAYA)]
    return [_vsat(site, rng)] if roll < 0.85 else [_none(site)]


def _remote(site: Site, rng: random.Random, roll: float) -> list[Connection]:
    if roll < 0.6:
        return [_vsat(site, rng)]
    return [_cellular(site, rng, Programme.SWADAYA)] if roll < 0.7 else [_none(site)]


#: by tier: fibre in Kota Kupang, cellular in towns, cellular or VSAT farther out, VSAT or nothing far out
BY_TIER = {"kota": _kota, "town": _town, "near": _near, "mid": _mid, "remote": _remote}


def plan_connections(plan: SitePlan) -> list[Connection]:
    """The site's connections by remoteness (data contoh)."""
    rng = _rng("koneksi", plan.site.code)
    return BY_TIER[plan.tier](plan.site, rng, rng.random())


# --- measurements -----------------------------------------------------------------------------


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def measurement_weeks(today: dt.date | None = None, weeks: int = WEEKS) -> list[dt.date]:
    """The Mondays of the last ``weeks`` complete weeks before ``today``'s week, oldest first."""
    this = monday(today or timezone.localdate())
    return [this - dt.timedelta(weeks=k) for k in range(weeks, 0, -1)]


#: (median download, spread, latency ms) by technology (data contoh)
SPEED: dict[str, tuple[float, float, float]] = {
    Technology.FIBER: (0.8, 0.15, 18.0),
    Technology.SELULER: (9.0, 0.55, 70.0),
    Technology.VSAT: (0.85, 0.3, 680.0),
}


def plan_measurements(site: Site, main: Connection, weeks: Sequence[dt.date]) -> list[Measurement]:
    """A few tests a week at a measured site (``Cek koneksi``, office hours, WITA)."""
    tech = main.technology
    if tech not in SPEED or main.status != ConnectionStatus.AKTIF:
        return []
    rng = _rng("ukur", site.code)
    level, spread, latency = SPEED[tech]
    contracted = main.download_contracted_mbps
    rows = []
    for week in weeks:
        for _ in range(TESTS_PER_WEEK):
            day = week + dt.timedelta(days=rng.randrange(5))
            when = dt.datetime.combine(day, dt.time(rng.randrange(8, 16), rng.randrange(60)), tzinfo=WITA)
            if tech == Technology.SELULER:
                down = max(0.2, rng.lognormvariate(math.log(level), spread))
            else:
                down = max(0.05, (contracted or AKSI_VSAT_MBPS) * rng.gauss(level, spread * level))
            rows.append(
                Measurement(
                    site=site,
                    measured_at=when,
                    download_mbps=round(down, 2),
                    upload_mbps=round(down * rng.uniform(0.3, 0.9), 2),
                    latency_ms=round(latency * rng.uniform(0.8, 1.4), 1),
                    jitter_ms=round(latency * rng.uniform(0.02, 0.1), 1),
                    packet_loss_pct=round(max(0.0, rng.gauss(0.5 if tech != Technology.VSAT else 2.0, 0.8)), 2),
                    source=MeasurementSource.CEK_KONEKSI,
                    server="lontar (data contoh)",
                    device_id=f"contoh-{_bucket('perangkat:' + site.code, 10**8):08d}",
                    data_used_mb=round(down * 1.6 + 2, 1),
                    is_sample=True,
                )
            )
    return rows


# --- coverage and towers ----------------------------------------------------------------------


def plan_coverage(w: World, year: int = COVERAGE_YEAR) -> list[CoverageObservation]:
    """Podes-style signal classes for every desa, by remoteness (data contoh)."""
    rows = []
    for desa in w.desa:
        if desa.code[:5] not in w.kabs:
            continue
        tier = _tier(desa, w)
        roll = _rng("cakupan", desa.code, year).random()
        if tier in ("kota", "town"):
            phone, net = (
                (PhoneSignal.SANGAT_KUAT, InternetSignal.G4) if roll < 0.7 else (PhoneSignal.KUAT, InternetSignal.G4)
            )
        elif tier == "near":
            phone, net = (PhoneSignal.KUAT, InternetSignal.G4) if roll < 0.8 else (PhoneSignal.LEMAH, InternetSignal.G3)
        elif tier == "mid":
            options = [
                (PhoneSignal.KUAT, InternetSignal.G4),
                (PhoneSignal.LEMAH, InternetSignal.G4),
                (PhoneSignal.LEMAH, InternetSignal.G3),
                (PhoneSignal.LEMAH, InternetSignal.G25),
            ]
            phone, net = options[min(3, int(roll * 4))]
        else:
            options = [
                (PhoneSignal.LEMAH, InternetSignal.G4),
                (PhoneSignal.LEMAH, InternetSignal.G3),
                (PhoneSignal.LEMAH, InternetSignal.G25),
                (PhoneSignal.TIDAK_ADA, InternetSignal.TIDAK_ADA),
            ]
            phone, net = options[0 if roll < 0.45 else 1 if roll < 0.7 else 2 if roll < 0.92 else 3]
        rows.append(
            CoverageObservation(
                desa=desa,
                kabupaten=w.kabs[desa.code[:5]].region,
                year=year,
                source=CoverageSource.PODES,
                phone_signal=phone,
                internet_signal=net,
                has_bts=tier in ("kota", "town") or (tier == "near" and roll < 0.5),
                trusted=True,
                note=f"Kelas sinyal Podes: {SAMPLE}, bukan data BPS.",
                is_sample=True,
            )
        )
    return rows


def _kab_by_name(w: World) -> dict[str, Kab]:
    return {k.region.name.removeprefix("Kabupaten ").strip(): k for k in w.kabs.values() if k.region.level != "kota"}


def plan_towers(w: World) -> list[Tower]:
    """BAKTI's 421 BTS 4G sites: the real count per kabupaten, a sample status, desa and point."""
    by_name = _kab_by_name(w)
    towers = []
    for name, count in BAKTI_BTS_2021.items():
        kab = by_name.get(name)
        if kab is None:
            continue
        digits = kab.region.code.replace(".", "")
        candidates = sorted(
            (d for d in w.desa if d.code.startswith(kab.region.code + ".") and d.level == "desa"),
            key=lambda d: (-w.remoteness.get(d.code, 0.0), d.code),
        )
        pool = candidates[: max(count * 2, 1)] or candidates
        for i in range(1, count + 1):
            code = f"{PREFIX}BTS-{digits}-{i:03d}"
            rng = _rng("menara", code)
            status = rng.choices([s for s, _ in TOWER_STATUS_WEIGHTS], [wt for _, wt in TOWER_STATUS_WEIGHTS])[0]
            desa = pool[rng.randrange(len(pool))] if pool else None
            lat, lng, _radius = w.point_in(desa, rng) if desa else (None, None, None)
            towers.append(
                Tower(
                    code=code,
                    name=f"BTS 4G BAKTI {kab.region.name} #{i} ({SAMPLE})",
                    kabupaten=kab.region,
                    desa=desa,
                    lat=lat,
                    lng=lng,
                    programme=Programme.BAKTI_BTS,
                    generation=CellularGeneration.G4,
                    status=status,
                    planned_year=2021,
                    source=BAKTI_BTS_SOURCE,
                    is_sample=True,
                )
            )
    return towers


# --- loading ----------------------------------------------------------------------------------


@dataclass
class LoadResult:
    sites: int = 0
    connections: int = 0
    measurements: int = 0
    coverage: int = 0
    towers: int = 0
    status_recomputed: str = ""

    def changed(self) -> bool:
        return any((self.sites, self.connections, self.measurements, self.coverage, self.towers))


BATCH = 2000


def _new(model: type, codes: Iterable[str]) -> set[str]:
    codes = list(codes)
    existing: set[str] = set()
    for i in range(0, len(codes), 900):
        existing |= set(model.objects.filter(code__in=codes[i : i + 900]).values_list("code", flat=True))  # type: ignore[attr-defined]
    return set(codes) - existing


def load(
    *, today: dt.date | None = None, progress: Progress | None = None, only: Iterable[str] | None = None
) -> LoadResult:
    """Load the whole sample (idempotent). ``today`` fixes the weeks of the measurements;
    ``only`` limits it to some kabupaten/kota codes (tests, quick runs)."""
    say = progress or (lambda _msg: None)
    result = LoadResult()
    w = world(only)
    if not w.kabs or not w.desa:
        raise ValueError("regions are missing: run load_regions and load_organisations first")
    plans = plan_sites(w)
    fresh = _new(Site, [p.site.code for p in plans])
    plans = [p for p in plans if p.site.code in fresh]
    weeks = measurement_weeks(today)
    with transaction.atomic():
        Site.objects.bulk_create([p.site for p in plans], batch_size=BATCH)
        result.sites = len(plans)
        connections: list[Connection] = []
        measurements: list[Measurement] = []
        for plan in plans:
            conns = plan_connections(plan)
            connections.extend(conns)
            if _bucket("diukur:" + plan.site.code, MEASURED_EVERY) == 0:
                measurements.extend(plan_measurements(plan.site, conns[0], weeks))
        Connection.objects.bulk_create(connections, batch_size=BATCH)
        Measurement.objects.bulk_create(measurements, batch_size=BATCH)
        result.connections, result.measurements = len(connections), len(measurements)
        say(f"sites {result.sites:,}, connections {result.connections:,}, measurements {result.measurements:,}")
        have = set(
            CoverageObservation.objects.filter(year=COVERAGE_YEAR, source=CoverageSource.PODES).values_list(
                "desa_id", flat=True
            )
        )
        coverage = [c for c in plan_coverage(w) if c.desa_id not in have]
        CoverageObservation.objects.bulk_create(coverage, batch_size=BATCH)
        result.coverage = len(coverage)
        towers = plan_towers(w)
        fresh_towers = _new(Tower, [t.code for t in towers])
        Tower.objects.bulk_create([t for t in towers if t.code in fresh_towers], batch_size=BATCH)
        result.towers = len(fresh_towers)
        say(f"coverage {result.coverage:,}, towers {result.towers:,}")
        if result.sites or result.connections or result.coverage:
            from lontar.konektivitas.services.summaries import summaries_refresh

            # the public maps' counts and blank spots (services/summaries.py)
            changed = w.kabs if result.sites or result.connections else []
            summaries_refresh(kabupaten=changed, weeks=False, coverage=bool(result.coverage))
    if result.sites or result.measurements:
        result.status_recomputed = recompute_status(weeks)
        say(f"weekly status: {result.status_recomputed}")
    return result


def recompute_status(weeks: Sequence[dt.date]) -> str:
    """The weekly status recompute (``services/status.py``) for each week of the sample, oldest
    first, so that every site's cached status is the latest week's."""
    from lontar.konektivitas.services.status import status_recompute

    sites = 0
    for week in weeks:
        sites = status_recompute(week=week).sites
    return f"{len(weeks)} week(s), {sites:,} sites each"
