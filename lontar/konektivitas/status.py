"""The connectivity status of a site and the blank-spot state of a desa (pure functions, no database).

Giga's fallback order (``shared/reference/infrastructure.md`` §1.3, §5): a site's status comes from
the best data it has, and the rule that produced it is kept beside it:

1. **Measured speed** (``diukur``): the median download of the week's unflagged measurements
   against the site kind's benchmark: above ``good_mbps`` → baik; ``base_mbps``..``good_mbps`` →
   sedang; below ``base_mbps`` → buruk; 0 → tidak ada. The median (not the mean) is used, as the
   reference's recommended model says ("median download over the last N days"): one bad test on
   a metered VSAT link must not pull a site down.
2. **Contracted speed** (``kontrak``) of the current active connection (the main one before a
   backup), with the same thresholds.
3. **Availability only** (``ketersediaan``): an active connection of unknown speed. Giga maps
   "available" to *good* because some countries only report yes/no; Lontar decides **sedang**
   (:data:`AVAILABILITY_STATUS`): "baik" is kept for evidence of a speed above the benchmark, and
   a connected site of unknown quality should not look as good as a measured fibre link. The rule
   beside it shows the map reader that the speed is unknown. When the site's connections are all
   disrupted (``gangguan``), inactive (``nonaktif``) or of technology "tidak ada" the status is
   **tidak ada** by the same rule. Planned, installing and relocated connections are no evidence.
4. **Coverage** (``cakupan``) of the site's desa (latest trusted observation): 4G → baik;
   3G and 2.5G → sedang; no internet signal → tidak ada (Giga: 4g/5g good, 2g/3g moderate).
5. Otherwise **tidak diketahui** (``tanpa_data``).

A desa is a **blank spot** when its latest trusted coverage observation (latest year; within a
year, sources in :data:`SOURCE_PREFERENCE` order) says there is no phone signal or no internet
signal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from lontar.konektivitas.models import (
    ConnectionRole,
    ConnectionStatus,
    ConnectivityStatus,
    CoverageSource,
    InternetSignal,
    PhoneSignal,
    StatusRule,
    Technology,
)

#: the order of the statuses from worst to best (``tidak_diketahui`` is outside the order)
ORDER = (ConnectivityStatus.TIDAK_ADA, ConnectivityStatus.BURUK, ConnectivityStatus.SEDANG, ConnectivityStatus.BAIK)
#: what an active connection of unknown speed counts as (Giga says "good"; see the module text)
AVAILABILITY_STATUS = ConnectivityStatus.SEDANG
#: within one year, the source trusted first: a field survey, then BPS Podes, then Kominfo's
#: blank-spot list, then Ookla (tests only where people test)
SOURCE_PREFERENCE = (
    CoverageSource.SURVEI_LAPANGAN,
    CoverageSource.PODES,
    CoverageSource.KOMINFO_BLANKSPOT,
    CoverageSource.OOKLA,
)
_COVERAGE_STATUS = {
    InternetSignal.G4: ConnectivityStatus.BAIK,
    InternetSignal.G3: ConnectivityStatus.SEDANG,
    InternetSignal.G25: ConnectivityStatus.SEDANG,
    InternetSignal.TIDAK_ADA: ConnectivityStatus.TIDAK_ADA,
}
_DOWN = frozenset({ConnectionStatus.GANGGUAN, ConnectionStatus.NONAKTIF})
_NO_EVIDENCE = frozenset({ConnectionStatus.RENCANA, ConnectionStatus.INSTALASI, ConnectionStatus.DIRELOKASI})


@dataclass(frozen=True)
class Benchmark:
    """Download speeds (Mbps): above ``good_mbps`` is good, below ``base_mbps`` is poor."""

    good_mbps: float
    base_mbps: float

    def bounds(self) -> tuple[float, float]:
        """(base, good), in that order even when the two were entered the wrong way round."""
        return min(self.base_mbps, self.good_mbps), max(self.base_mbps, self.good_mbps)


#: Giga's global benchmark (20 Mbps) and base (1 Mbps), reference §1.3
DEFAULT_BENCHMARK = Benchmark(good_mbps=20.0, base_mbps=1.0)


@dataclass(frozen=True)
class ConnectionFacts:
    """What the status rule needs of one current connection."""

    role: str
    technology: str
    status: str
    download_contracted_mbps: float | None = None


class StatusResult(NamedTuple):
    """(status, rule, value used, benchmark in Mbps) — the four fields of a SiteWeeklyStatus."""

    status: str
    rule: str
    value: float | None = None
    benchmark_mbps: float | None = None


@dataclass(frozen=True)
class CoverageFacts:
    """One coverage observation of a desa."""

    year: int
    source: str
    phone_signal: str = ""
    internet_signal: str = ""
    trusted: bool = True


def usable_speed(value: float | None) -> float | None:
    """A speed the rule can use: a finite number ≥ 0 (anything else counts as no value)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def classify_speed(mbps: float, benchmark: Benchmark) -> str:
    """baik / sedang / buruk / tidak_ada for a download speed in Mbps (≥ 0)."""
    base, good = benchmark.bounds()
    if mbps <= 0:
        return ConnectivityStatus.TIDAK_ADA
    if mbps > good:
        return ConnectivityStatus.BAIK
    if mbps >= base:
        return ConnectivityStatus.SEDANG
    return ConnectivityStatus.BURUK


def median(values: Sequence[float]) -> float | None:
    """The median of ``values`` (None for none)."""
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        return None
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _current(connections: Iterable[ConnectionFacts]) -> ConnectionFacts | None:
    """The active connection the rule reads: the main one before a backup."""
    active = [c for c in connections if c.status == ConnectionStatus.AKTIF and c.technology != Technology.TIDAK_ADA]
    if not active:
        return None
    mains = [c for c in active if c.role == ConnectionRole.UTAMA]
    pool = mains or active
    with_speed = [c for c in pool if usable_speed(c.download_contracted_mbps) is not None]
    return (with_speed or pool)[0]


def _known_down(connections: Sequence[ConnectionFacts]) -> bool:
    """Connections that count exist and none is usable: each is disrupted, inactive or of
    technology "none" (planned, installing and relocated ones do not count)."""
    counted = [c for c in connections if c.status not in _NO_EVIDENCE]
    return bool(counted) and all(c.status in _DOWN or c.technology == Technology.TIDAK_ADA for c in counted)


def site_status(
    *,
    measured_mbps: float | None = None,
    connections: Sequence[ConnectionFacts] = (),
    internet_signal: str = "",
    benchmark: Benchmark = DEFAULT_BENCHMARK,
) -> StatusResult:
    """The status of one site for one week, by Giga's fallback order (see the module text).

    ``measured_mbps``: the week's median download of unflagged measurements (None: none);
    ``connections``: the site's current connections; ``internet_signal``: the latest trusted
    coverage of its desa (an :class:`InternetSignal` value, "" when unknown). Never raises for
    odd values: a negative, infinite or non-numeric speed counts as no value.
    """
    speed = usable_speed(measured_mbps)
    if speed is not None:
        return StatusResult(classify_speed(speed, benchmark), StatusRule.MEASURED, speed, benchmark.bounds()[1])
    current = _current(connections)
    if current is not None:
        contracted = usable_speed(current.download_contracted_mbps)
        if contracted is not None:
            return StatusResult(
                classify_speed(contracted, benchmark), StatusRule.CONTRACTED, contracted, benchmark.bounds()[1]
            )
        return StatusResult(AVAILABILITY_STATUS, StatusRule.AVAILABILITY)
    if _known_down(connections):
        return StatusResult(ConnectivityStatus.TIDAK_ADA, StatusRule.AVAILABILITY)
    coverage = _COVERAGE_STATUS.get(internet_signal)  # type: ignore[call-overload]
    if coverage is not None:
        return StatusResult(coverage, StatusRule.COVERAGE)
    return StatusResult(ConnectivityStatus.TIDAK_DIKETAHUI, StatusRule.NONE)


def _preference(source: str) -> int:
    try:
        return SOURCE_PREFERENCE.index(source)  # type: ignore[arg-type]
    except ValueError:
        return len(SOURCE_PREFERENCE)


def latest_coverage(observations: Iterable[CoverageFacts]) -> CoverageFacts | None:
    """The observation that speaks for a desa: trusted, saying something about a signal, of the
    latest year, and within that year from the most preferred source."""
    usable = [o for o in observations if o.trusted and (o.phone_signal or o.internet_signal)]
    if not usable:
        return None
    return min(usable, key=lambda o: (-o.year, _preference(o.source), o.source))


def blank_spot(observations: Iterable[CoverageFacts]) -> bool | None:
    """True when the desa's latest trusted coverage says no phone or no internet signal; False when
    it says there is a signal; None when nothing trusted is known."""
    latest = latest_coverage(observations)
    if latest is None:
        return None
    return latest.phone_signal == PhoneSignal.TIDAK_ADA or latest.internet_signal == InternetSignal.TIDAK_ADA
