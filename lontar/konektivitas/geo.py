"""Where a point lies: in NTT, in which kabupaten/kota, or in the sea (pure; no database).

The kabupaten/kota boundaries Lontar ships (``Region.geometry``, GeoJSON from
``data/reference/ntt_kabkota.geojson``) are simplified outlines, so a coastal office can fall a
little outside its island: a point within :data:`BOUNDARY_TOLERANCE_M` of a kabupaten's outline
counts as in it. The point-in-polygon test is the even-odd ray cast; each ring keeps its bounding
box and its edges bucketed by latitude band, so a test reads a handful of edges (100,000 points
take well under a second).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

#: how far outside a simplified outline a point still counts as inside (metres)
BOUNDARY_TOLERANCE_M = 2000.0
#: NTT's extent when no boundary is loaded (degrees; lat south, lng east), with a margin
NTT_BBOX = (-11.2, 118.8, -7.9, 125.3)
#: margin around the outlines' own extent before a point counts as outside NTT (degrees)
BBOX_MARGIN = 0.1
_BANDS = 32
_M_PER_DEG = 111_320.0

Edge = tuple[float, float, float, float]


@dataclass
class _Ring:
    min_x: float
    min_y: float
    max_x: float
    max_y: float
    band_height: float
    bands: list[list[Edge]]
    edges: list[Edge]

    @classmethod
    def build(cls, points: list[tuple[float, float]]) -> _Ring:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        min_y, max_y = min(ys), max(ys)
        height = (max_y - min_y) / _BANDS or 1.0
        edges = [(*points[i - 1], *points[i]) for i in range(1, len(points))]
        if points[0] != points[-1]:
            edges.append((*points[-1], *points[0]))
        bands: list[list[Edge]] = [[] for _ in range(_BANDS)]
        for e in edges:
            lo, hi = sorted((e[1], e[3]))
            for b in range(_band(lo, min_y, height), _band(hi, min_y, height) + 1):
                bands[b].append(e)
        return cls(min(xs), min_y, max(xs), max_y, height, bands, edges)

    def contains_box(self, x: float, y: float, margin: float = 0.0) -> bool:
        return self.min_x - margin <= x <= self.max_x + margin and self.min_y - margin <= y <= self.max_y + margin

    def edges_near(self, x: float, y: float, margin: float) -> Iterable[Edge]:
        """Edges whose bounding box, grown by ``margin``, holds the point (each at most once)."""
        first = _band(y - margin, self.min_y, self.band_height)
        last = _band(y + margin, self.min_y, self.band_height)
        seen: set[Edge] = set()
        for b in range(first, last + 1):
            for e in self.bands[b]:
                if e in seen:
                    continue
                seen.add(e)
                if min(e[0], e[2]) - margin <= x <= max(e[0], e[2]) + margin and (
                    min(e[1], e[3]) - margin <= y <= max(e[1], e[3]) + margin
                ):
                    yield e

    def crossings(self, x: float, y: float) -> int:
        """Edges a ray from (x, y) towards +x crosses (even-odd)."""
        count = 0
        for x1, y1, x2, y2 in self.bands[_band(y, self.min_y, self.band_height)]:
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                count += 1
        return count


def _band(y: float, min_y: float, height: float) -> int:
    return min(_BANDS - 1, max(0, int((y - min_y) / height)))


@dataclass
class _Polygon:
    rings: list[_Ring]  # the outer ring first, then holes

    def contains(self, x: float, y: float) -> bool:
        outer = self.rings[0]
        if not (outer.min_x <= x <= outer.max_x and outer.min_y <= y <= outer.max_y):
            return False
        return sum(r.crossings(x, y) for r in self.rings if r.contains_box(x, y)) % 2 == 1


@dataclass
class Area:
    """One kabupaten/kota outline (a GeoJSON Polygon or MultiPolygon)."""

    code: str
    polygons: list[_Polygon]
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # min_x, min_y, max_x, max_y

    def contains(self, x: float, y: float) -> bool:
        b = self.bbox
        if not (b[0] <= x <= b[2] and b[1] <= y <= b[3]):
            return False
        return any(p.contains(x, y) for p in self.polygons)

    def distance_m(self, x: float, y: float, limit_m: float) -> float:
        """Distance (metres) from the point to the outline, or ``inf`` when beyond ``limit_m``."""
        margin = limit_m / _M_PER_DEG * 1.5
        b = self.bbox
        if not (b[0] - margin <= x <= b[2] + margin and b[1] - margin <= y <= b[3] + margin):
            return math.inf
        best = math.inf
        kx = math.cos(math.radians(y)) * _M_PER_DEG
        for polygon in self.polygons:
            for ring in polygon.rings:
                if ring.contains_box(x, y, margin):
                    for e in ring.edges_near(x, y, margin):
                        best = min(best, _segment_distance(x, y, e, kx))
        return best if best <= limit_m else math.inf


def _segment_distance(x: float, y: float, e: Edge, kx: float) -> float:
    ax, ay = (e[0] - x) * kx, (e[1] - y) * _M_PER_DEG
    bx, by = (e[2] - x) * kx, (e[3] - y) * _M_PER_DEG
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy)


def area_from_geojson(code: str, geometry: Mapping[str, Any]) -> Area:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    built = []
    for polygon in polygons:
        rings = [_Ring.build([(float(p[0]), float(p[1])) for p in ring]) for ring in polygon if len(ring) >= 3]
        if rings:
            built.append(_Polygon(rings))
    # the big islands first: most points are on them, so ``any`` stops early
    built.sort(key=lambda p: -(p.rings[0].max_x - p.rings[0].min_x) * (p.rings[0].max_y - p.rings[0].min_y))
    area = Area(code, built)
    if built:
        outers = [p.rings[0] for p in built]
        area.bbox = (
            min(r.min_x for r in outers),
            min(r.min_y for r in outers),
            max(r.max_x for r in outers),
            max(r.max_y for r in outers),
        )
    return area


@dataclass(frozen=True)
class Placement:
    """Where a point lies. ``problem``: "" (fine), ``outside`` (not in NTT), ``swapped`` (in NTT only
    with latitude and longitude exchanged), ``sea`` (in NTT's extent but in no kabupaten/kota),
    ``other_kabupaten`` (in ``found`` rather than the expected one)."""

    problem: str
    found: str = ""


@dataclass
class Boundaries:
    """The kabupaten/kota outlines, indexed for point tests."""

    areas: dict[str, Area] = field(default_factory=dict)
    tolerance_m: float = BOUNDARY_TOLERANCE_M

    @classmethod
    def from_geometries(cls, geometries: Mapping[str, Mapping[str, Any] | None], **kw: Any) -> Boundaries:
        areas = {code: area_from_geojson(code, g) for code, g in geometries.items() if g}
        return cls({code: a for code, a in areas.items() if a.polygons}, **kw)

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        """(min lat, min lng, max lat, max lng) of NTT."""
        if not self.areas:
            return NTT_BBOX
        boxes = [a.bbox for a in self.areas.values()]
        return (
            min(b[1] for b in boxes) - BBOX_MARGIN,
            min(b[0] for b in boxes) - BBOX_MARGIN,
            max(b[3] for b in boxes) + BBOX_MARGIN,
            max(b[2] for b in boxes) + BBOX_MARGIN,
        )

    def in_bbox(self, lat: float, lng: float) -> bool:
        b = self.bbox
        return b[0] <= lat <= b[2] and b[1] <= lng <= b[3]

    def area_of(self, lat: float, lng: float, candidates: Iterable[str] = ()) -> str:
        """The code of the kabupaten/kota containing the point ("" for none); ``candidates`` first."""
        tried = set()
        for code in candidates:
            area = self.areas.get(code)
            tried.add(code)
            if area is not None and area.contains(lng, lat):
                return code
        for code, area in self.areas.items():
            if code not in tried and area.contains(lng, lat):
                return code
        return ""

    def near(self, code: str, lat: float, lng: float) -> bool:
        area = self.areas.get(code)
        return area is not None and area.distance_m(lng, lat, self.tolerance_m) <= self.tolerance_m

    def place(self, lat: float, lng: float, expected: str = "") -> Placement:
        """Check a point against NTT and the kabupaten/kota ``expected`` (from the desa code)."""
        if not self.in_bbox(lat, lng):
            if self.in_bbox(lng, lat):
                return Placement("swapped")
            return Placement("outside")
        if not self.areas:
            return Placement("")
        if expected and expected in self.areas:
            if self.areas[expected].contains(lng, lat) or self.near(expected, lat, lng):
                return Placement("")
            found = self.area_of(lat, lng)
            if found:
                return Placement("other_kabupaten", found)
            nearest = [c for c in self.areas if self.near(c, lat, lng)]
            return Placement("other_kabupaten", nearest[0]) if nearest else Placement("sea")
        found = self.area_of(lat, lng)
        if found or any(self.near(c, lat, lng) for c in self.areas):
            return Placement("", found)
        return Placement("sea")
