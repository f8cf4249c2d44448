"""The status rule and the blank-spot derivation (pure): hand-worked examples and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
from lontar.konektivitas.status import (
    AVAILABILITY_STATUS,
    DEFAULT_BENCHMARK,
    ORDER,
    Benchmark,
    ConnectionFacts,
    CoverageFacts,
    blank_spot,
    classify_speed,
    latest_coverage,
    median,
    site_status,
)

S = ConnectivityStatus
VSAT_BENCH = Benchmark(good_mbps=10, base_mbps=1)


def conn(status=ConnectionStatus.AKTIF, mbps=None, role=ConnectionRole.UTAMA, tech=Technology.FIBER):
    return ConnectionFacts(role=role, technology=tech, status=status, download_contracted_mbps=mbps)


@pytest.mark.parametrize(
    ("mbps", "expected"),
    [(0, S.TIDAK_ADA), (0.5, S.BURUK), (1, S.SEDANG), (20, S.SEDANG), (20.01, S.BAIK), (300, S.BAIK)],
)
def test_speed_thresholds_giga_defaults(mbps, expected):
    # Giga: good above 20 Mbps, moderate 1..20, poor below 1 (reference §1.3); 0 is no connection
    assert classify_speed(mbps, DEFAULT_BENCHMARK) == expected


def test_measured_speed_wins_over_everything():
    result = site_status(
        measured_mbps=12.5, connections=[conn(mbps=100)], internet_signal=InternetSignal.G4, benchmark=VSAT_BENCH
    )
    assert result == (S.BAIK, StatusRule.MEASURED, 12.5, 10)


def test_contracted_speed_of_the_main_connection_when_not_measured():
    backup = conn(mbps=50, role=ConnectionRole.CADANGAN)
    main = conn(mbps=2)
    result = site_status(connections=[backup, main], benchmark=VSAT_BENCH)
    assert (result.status, result.rule, result.value) == (S.SEDANG, StatusRule.CONTRACTED, 2)


def test_backup_used_when_the_main_one_is_down():
    result = site_status(connections=[conn(ConnectionStatus.GANGGUAN, 100), conn(mbps=0.5, role="cadangan")])
    assert (result.status, result.rule) == (S.BURUK, StatusRule.CONTRACTED)


def test_active_connection_of_unknown_speed_is_availability():
    result = site_status(connections=[conn()], internet_signal=InternetSignal.TIDAK_ADA)
    assert (result.status, result.rule, result.value) == (AVAILABILITY_STATUS, StatusRule.AVAILABILITY, None)
    assert AVAILABILITY_STATUS == S.SEDANG


@pytest.mark.parametrize(
    "connections",
    [
        [conn(ConnectionStatus.GANGGUAN)],
        [conn(ConnectionStatus.NONAKTIF, 10)],
        [conn(tech=Technology.TIDAK_ADA)],
        [conn(ConnectionStatus.NONAKTIF), conn(ConnectionStatus.RENCANA, 20)],
    ],
)
def test_known_without_connection_is_tidak_ada(connections):
    result = site_status(connections=connections, internet_signal=InternetSignal.G4)
    assert (result.status, result.rule) == (S.TIDAK_ADA, StatusRule.AVAILABILITY)


def test_planned_connection_falls_through_to_coverage():
    result = site_status(connections=[conn(ConnectionStatus.RENCANA, 20)], internet_signal=InternetSignal.G3)
    assert (result.status, result.rule) == (S.SEDANG, StatusRule.COVERAGE)


@pytest.mark.parametrize(
    ("signal", "expected"),
    [
        (InternetSignal.G4, S.BAIK),
        (InternetSignal.G3, S.SEDANG),
        (InternetSignal.G25, S.SEDANG),
        (InternetSignal.TIDAK_ADA, S.TIDAK_ADA),
        ("", S.TIDAK_DIKETAHUI),
    ],
)
def test_coverage_fallback(signal, expected):
    assert site_status(internet_signal=signal).status == expected


def test_nothing_known():
    assert site_status() == (S.TIDAK_DIKETAHUI, StatusRule.NONE, None, None)


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, -math.inf, "abc", True])
def test_odd_speeds_count_as_no_value(bad):
    assert site_status(measured_mbps=bad, internet_signal=InternetSignal.G4).rule == StatusRule.COVERAGE
    assert site_status(connections=[conn(mbps=bad)]).rule == StatusRule.AVAILABILITY


def test_benchmark_entered_the_wrong_way_round():
    assert classify_speed(5, Benchmark(good_mbps=1, base_mbps=10)) == S.SEDANG


def test_median():
    assert median([]) is None
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 2, 3]) == 2.5


# -- properties --

speeds = st.floats(min_value=0, max_value=10_000, allow_nan=False)
benchmarks = st.builds(
    Benchmark, good_mbps=st.floats(0.01, 1000, allow_nan=False), base_mbps=st.floats(0.01, 1000, allow_nan=False)
)
anything = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**6), 10**6))
connection_facts = st.builds(
    ConnectionFacts,
    role=st.sampled_from([*ConnectionRole.values, "x"]),
    technology=st.sampled_from([*Technology.values, ""]),
    status=st.sampled_from([*ConnectionStatus.values, ""]),
    download_contracted_mbps=anything,
)
signals = st.sampled_from([*InternetSignal.values, "", "5g"])


@given(a=speeds, b=speeds, bench=benchmarks)
def test_monotone_in_speed(a, b, bench):
    low, high = sorted((a, b))
    assert ORDER.index(classify_speed(low, bench)) <= ORDER.index(classify_speed(high, bench))


@given(measured=anything, connections=st.lists(connection_facts, max_size=4), signal=signals, bench=benchmarks)
def test_never_raises_and_rule_matches_the_data(measured, connections, signal, bench):
    result = site_status(measured_mbps=measured, connections=connections, internet_signal=signal, benchmark=bench)
    assert result.status in S.values and result.rule in StatusRule.values
    usable = measured is not None and not isinstance(measured, bool) and math.isfinite(measured) and measured >= 0
    if usable:
        assert result.rule == StatusRule.MEASURED and result.value == float(measured)
    else:
        assert result.rule != StatusRule.MEASURED


@given(measured=speeds, connections=st.lists(connection_facts, max_size=4), signal=signals)
def test_fallback_order_respected(measured, connections, signal):
    # a measurement makes the other data irrelevant; without one, the connections decide before coverage
    assert site_status(measured_mbps=measured, connections=connections, internet_signal=signal) == site_status(
        measured_mbps=measured
    )
    without = site_status(connections=connections, internet_signal=signal)
    if without.rule in (StatusRule.CONTRACTED, StatusRule.AVAILABILITY):
        assert without == site_status(connections=connections, internet_signal="")
    if without.rule == StatusRule.COVERAGE:
        assert site_status(connections=connections).rule == StatusRule.NONE


# -- blank spot --


def obs(year, source=CoverageSource.PODES, phone=PhoneSignal.KUAT, internet=InternetSignal.G4, trusted=True):
    return CoverageFacts(year=year, source=source, phone_signal=phone, internet_signal=internet, trusted=trusted)


def test_blank_spot_latest_year_wins():
    assert blank_spot([obs(2021, phone=PhoneSignal.TIDAK_ADA, internet=InternetSignal.TIDAK_ADA), obs(2024)]) is False
    assert blank_spot([obs(2024, internet=InternetSignal.TIDAK_ADA), obs(2021)]) is True


def test_blank_spot_source_preference_within_a_year():
    podes = obs(2024, CoverageSource.PODES, phone=PhoneSignal.TIDAK_ADA, internet=InternetSignal.TIDAK_ADA)
    survey = obs(2024, CoverageSource.SURVEI_LAPANGAN)
    ookla = obs(2024, CoverageSource.OOKLA)
    assert latest_coverage([ookla, podes, survey]) == survey
    assert blank_spot([ookla, podes]) is True


def test_blank_spot_untrusted_and_empty_are_ignored():
    assert blank_spot([]) is None
    assert blank_spot([obs(2025, internet=InternetSignal.TIDAK_ADA, trusted=False), obs(2021)]) is False
    assert blank_spot([obs(2025, phone="", internet=""), obs(2021, phone=PhoneSignal.TIDAK_ADA)]) is True


observations = st.builds(
    CoverageFacts,
    year=st.integers(2015, 2030),
    source=st.sampled_from(CoverageSource.values),
    phone_signal=st.sampled_from([*PhoneSignal.values, ""]),
    internet_signal=st.sampled_from([*InternetSignal.values, ""]),
    trusted=st.booleans(),
)


# one observation per desa, year and source (the model's unique constraint)
@given(st.lists(observations, max_size=8, unique_by=lambda o: (o.year, o.source)), st.randoms())
def test_blank_spot_does_not_depend_on_order_and_reads_the_latest_trusted(found, rnd):
    shuffled = list(found)
    rnd.shuffle(shuffled)
    assert blank_spot(found) == blank_spot(shuffled)
    latest = latest_coverage(found)
    if latest is None:
        assert blank_spot(found) is None
    else:
        newer = [o for o in found if o.trusted and (o.phone_signal or o.internet_signal) and o.year > latest.year]
        assert newer == [] and latest.trusted
