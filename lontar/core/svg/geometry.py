"""NTT kabupaten/kota outlines for the choropleth: read once, projected, simplified, cached.

Source: ``data/reference/ntt_kabkota.geojson`` (cahyadsn/wilayah_boundaries, MIT licence,
© 2024 Cahya DSN — see data/reference/SOURCES.md). Coordinates are projected with an
equirectangular projection whose x is scaled by cos(mean latitude), simplified with
Douglas–Peucker and written as compact relative SVG path data.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEOJSON_PATH = Path(__file__).resolve().parents[3] / "data" / "reference" / "ntt_kabkota.geojson"

MAP_WIDTH = 640.0
MARGIN = 8.0
TOLERANCE = 0.45  # Douglas–Peucker tolerance, in SVG units
MIN_RING_AREA = 1.5  # rings (islets) smaller than this many square units are dropped…
# …except the largest ring of each region, so every region is always drawn.

Point = tuple[float, float]


@dataclass(frozen=True)
class RegionShape:
    code: str
    name: str
    path: str  # SVG path data


@dataclass(frozen=True)
class MapGeometry:
    width: float
    height: float
    regions: tuple[RegionShape, ...]

    def by_code(self) -> dict[str, RegionShape]:
        return {r.code: r for r in self.regions}


def _rings(geometry: dict) -> list[list[Point]]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")
    return [[(float(x), float(y)) for x, y in ring] for polygon in polygons for ring in polygon]


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / math.hypot(dx, dy)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker (iterative): keeps the end points and every point farther than ``tolerance``."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_area(points: list[Point]) -> float:
    """Absolute planar area (shoelace)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def _simplify_ring(ring: list[Point]) -> list[Point]:
    """Simplify a closed ring: split at its farthest point so both halves keep their shape."""
    if ring and ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return ring
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    first = simplify(ring[: far + 1], TOLERANCE)
    second = simplify([*ring[far:], ring[0]], TOLERANCE)
    return first[:-1] + second[:-1]


def _path_data(rings: list[list[Point]]) -> str:
    """Rings as ``M x y l dx dy … z`` with integer deltas accumulated from rounded points (no drift)."""
    parts: list[str] = []
    for ring in rings:
        rounded = [(round(x), round(y)) for x, y in ring]
        deduped = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if len(deduped) < 3:
            continue
        x0, y0 = deduped[0]
        moves = [f"{x1 - xa} {y1 - ya}" for (xa, ya), (x1, y1) in itertools.pairwise(deduped)]
        parts.append(f"M{x0} {y0}l" + " ".join(moves).replace(" -", "-") + "z")
    return "".join(parts)


def _bounds(features: list[dict]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for feature in features:
        for ring in _rings(feature["geometry"]):
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)
    return min(xs), min(ys), max(xs), max(ys)


def project_features(features: list[dict], width: float = MAP_WIDTH) -> MapGeometry:
    """Project, simplify and encode every feature. Pure: same input, same output."""
    lon_min, lat_min, lon_max, lat_max = _bounds(features)
    kx = math.cos(math.radians((lat_min + lat_max) / 2))
    scale = (width - 2 * MARGIN) / ((lon_max - lon_min) * kx)
    height = (lat_max - lat_min) * scale + 2 * MARGIN

    def project(p: Point) -> Point:
        return (MARGIN + (p[0] - lon_min) * kx * scale, MARGIN + (lat_max - p[1]) * scale)

    regions = []
    for feature in features:
        props = feature["properties"]
        rings = [_simplify_ring([project(p) for p in ring]) for ring in _rings(feature["geometry"])]
        rings = [r for r in rings if len(r) >= 3]
        largest = max(rings, key=ring_area)
        kept = [r for r in rings if r is largest or ring_area(r) >= MIN_RING_AREA]
        regions.append(RegionShape(code=str(props["kode"]), name=str(props["nama"]), path=_path_data(kept)))
    regions.sort(key=lambda r: r.code)
    return MapGeometry(width=width, height=math.ceil(height), regions=tuple(regions))


@lru_cache(maxsize=2)
def kabkota_geometry(path: Path = GEOJSON_PATH) -> MapGeometry:
    """The 22 NTT kabupaten/kota, read and projected once per process."""
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return project_features(collection["features"])
