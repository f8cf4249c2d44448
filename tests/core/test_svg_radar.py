"""The radar (spider) chart: one polygon per series on shares of each axis's maximum, and its data table."""

from __future__ import annotations

import re

import pytest

from lontar.core.svg import radar_chart


def test_radar_polygons_legend_and_table():
    chart = radar_chart(
        [("Tata kelola", 114), ("Risiko", 84), ("Aset <cloud>", 276)],
        [("Nilai", [57, 84, None]), ("Ambang", [20, 14, 24])],
        title="Indeks KAMI per area",
        axis_header="Area",
    )
    svg = str(chart.svg)
    assert svg.count("<polygon") == 4 + 2  # four rings and two series
    assert "Aset &lt;cloud&gt;" in svg and 'role="img"' in svg
    assert chart.table_headers[0] == "Area" and chart.table_headers[2:] == ["Nilai", "Ambang"]
    assert chart.table_rows[2][2] == "–" and [item.label for item in chart.legend] == ["Nilai", "Ambang"]
    # the second vertex of the first series sits on the outer ring (84 of 84)
    first = re.findall(r'<polygon points="([^"]+)" fill="#', svg)[0].split()
    outer = re.findall(r'<polygon points="([^"]+)" fill="none" stroke="#d5dbd8"', svg)[-1].split()
    assert first[1] == outer[1]


def test_radar_needs_three_axes():
    with pytest.raises(ValueError):
        radar_chart([("a", 1), ("b", 1)], [("s", [1, 1])], title="t")
