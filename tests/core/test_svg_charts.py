"""The SVG helpers: well-formed XML, accessible names, every region, legends, tables, escaping."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from lontar.core.svg import Chart, bar_chart, kabkota_map, line_chart
from lontar.core.svg.geometry import kabkota_geometry, ring_area, simplify

NS = "{http://www.w3.org/2000/svg}"
CODES = [f"53.{n:02d}" for n in range(1, 22)] + ["53.71"]
HOSTILE = '<script>alert("x")</script> & \x00\x1b\ud800 "quoted" \'single\''


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def parse(chart: Chart) -> ET.Element:
    root = ET.fromstring(str(chart.svg))
    assert root.tag == f"{NS}svg"
    return root


def assert_accessible_svg(root: ET.Element, title: str) -> None:
    title_el = root.find(f"{NS}title")
    desc_el = root.find(f"{NS}desc")
    assert title_el is not None and desc_el is not None
    assert title_el.text == title
    assert root.get("aria-labelledby") == f"{title_el.get('id')} {desc_el.get('id')}"
    assert root.get("role") in {"img", "group"}


# --- the map -------------------------------------------------------------------------------


def test_geometry_has_all_22_regions_with_names_from_the_geojson():
    geometry = kabkota_geometry()
    assert [r.code for r in geometry.regions] == CODES
    names = {r.code: r.name for r in geometry.regions}
    assert names["53.71"] == "Kota Kupang"
    assert names["53.01"] == "Kabupaten Kupang"
    assert all(r.path.startswith("M") and r.path.endswith("z") for r in geometry.regions)
    assert kabkota_geometry() is geometry  # read and projected once


def test_map_svg_stays_small():
    values = {code: i * 1000.5 for i, code in enumerate(CODES)}
    chart = kabkota_map(values, title="Ukuran", link=lambda c: f"/organisasi/?wilayah={c}", highlight="53.71")
    size = len(str(chart.svg).encode())
    assert size < 40_000, size


def test_numeric_map_has_every_region_a_legend_and_a_matching_table():
    values = {code: float(i) for i, code in enumerate(CODES)}
    values["53.05"] = None
    chart = kabkota_map(values, title="Nilai contoh", value_label="Nilai", unit="%")
    root = parse(chart)
    assert_accessible_svg(root, "Nilai contoh")
    assert root.get("role") == "img"
    paths = root.findall(f".//{NS}g/{NS}path")
    assert len(paths) == 22
    titles = [p.find(f"{NS}title").text for p in paths]
    assert "Kota Kupang: 21%" in titles
    assert "Kabupaten Alor: tidak ada data" in titles
    assert chart.table_headers == ["Kabupaten/kota", "Nilai (%)"]
    assert [row[0] for row in chart.table_rows] == [r.name for r in kabkota_geometry().regions]
    assert chart.table_rows[-1] == ["Kota Kupang", "21"]
    assert chart.table_rows[4] == ["Kabupaten Alor", "tidak ada data"]
    labels = [item.label for item in chart.legend]
    assert labels[-1] == "tidak ada data"
    assert labels[0].startswith("0 – ")
    assert len(labels) >= 3
    assert "Tertinggi: Kota Kupang (21%)" in chart.description
    assert "Tanpa data: 1." in chart.description


def test_numbers_use_the_indonesian_format():
    chart = kabkota_map({"53.71": 456_789.5, "53.01": 1234}, title="Penduduk", unit="jiwa")
    assert chart.table_rows[-1][-1] == "456.789,5"
    assert "Kota Kupang: 456.789,5 jiwa" in str(chart.svg)


def test_categorical_map_with_palette_highlight_and_links():
    categories = {"53.71": "Sangat Baik", "53.01": "Baik", "53.02": "Baik", "53.03": "Kurang"}
    palette = {"Sangat Baik": "#0b5e4a", "Baik": "#5ba97f", "Cukup": "#f4d35e"}
    chart = kabkota_map(
        categories=categories,
        palette=palette,
        title="Predikat",
        highlight="53.01",
        link=lambda code: f"/organisasi/?wilayah={code}&x=1",
        value_label="Predikat",
    )
    root = parse(chart)
    assert_accessible_svg(root, "Predikat")
    assert root.get("role") == "group"  # links inside: not a flat image
    links = root.findall(f".//{NS}a")
    assert len(links) == 22
    assert links[-1].get("href") == "/organisasi/?wilayah=53.71&x=1"
    assert links[-1].get("aria-label") == "Kota Kupang: Sangat Baik"
    assert [item.label for item in chart.legend] == [
        "Sangat Baik",
        "Baik",
        "Kurang",
        "tidak ada data",
        "Kabupaten Kupang",
    ]
    fills = {a.find(f"{NS}path").find(f"{NS}title").text.split(":")[0]: a.find(f"{NS}path").get("fill") for a in links}
    assert fills["Kota Kupang"] == "#0b5e4a"
    assert fills["Kabupaten Sikka"].startswith("url(#")
    outline = root.findall(f"{NS}g/{NS}path")[-1]
    assert outline.get("fill") == "none" and outline.get("stroke")
    assert chart.table_headers == ["Kabupaten/kota", "Predikat"]
    assert ["Kabupaten Kupang", "Baik"] in chart.table_rows
    assert "Bergaris tepi: Kabupaten Kupang." in chart.description


def test_plain_map_without_values():
    chart = kabkota_map(title="Wilayah", highlight="53.71")
    root = parse(chart)
    assert len(root.findall(f".//{NS}path")) >= 23
    assert chart.table_headers == ["Kabupaten/kota"]
    assert len(chart.table_rows) == 22
    assert [item.label for item in chart.legend] == ["Kota Kupang"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"values": {"53.99": 1}},
        {"values": {"<x>": 1}},
        {"categories": {"32.01": "Baik"}},
        {"highlight": "53"},
        {"values": {"53.01": math.inf}},
        {"values": {"53.01": "12"}},
        {"categories": {"53.01": "Baik"}, "palette": {"Baik": 'red" onload="x'}},
    ],
)
def test_map_refuses_bad_input_clearly(kwargs):
    with pytest.raises(ValueError):
        kabkota_map(title="x", **kwargs)


def test_map_treats_nan_as_missing():
    chart = kabkota_map({"53.01": math.nan, "53.02": 2.0}, title="x")
    assert chart.table_rows[0][1] == "tidak ada data"


def test_hostile_text_is_escaped_everywhere():
    chart = kabkota_map(
        {"53.01": 1.0},
        categories={"53.01": HOSTILE},
        title=HOSTILE,
        link=lambda code: f'/x?a="{code}"<b>',
    )
    svg = str(chart.svg)
    parse(chart)
    assert "<script>" not in svg
    assert "\x00" not in svg and "\x1b" not in svg
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


# --- bar chart -----------------------------------------------------------------------------


def test_bar_chart_prints_values_and_matches_its_table():
    items = [("Kota Kupang", 3.25), ("Kabupaten Ende", 1.5), ("Kabupaten Alor", None), ("Negatif", -0.5)]
    chart = bar_chart(items, title="Indeks", max_value=5)
    root = parse(chart)
    assert_accessible_svg(root, "Indeks")
    rects = root.findall(f"{NS}rect")
    assert len(rects) == 3
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "3,25" in texts and "tidak ada data" in texts and "5" in texts
    assert chart.table_rows == [
        ["Kota Kupang", "3,25"],
        ["Kabupaten Ende", "1,50"],
        ["Kabupaten Alor", "tidak ada data"],
        ["Negatif", "-0,50"],
    ]
    assert chart.numeric_columns == (1,)
    widths = {r.find(f"{NS}title").text.split(":")[0]: float(r.get("width")) for r in rects}
    assert widths["Kota Kupang"] > widths["Kabupaten Ende"] > widths["Negatif"]


def test_bar_chart_truncates_long_labels_but_keeps_them_in_titles_and_table():
    long = "Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Timor Tengah Selatan"
    chart = bar_chart([(long, 10)], title="t")
    root = parse(chart)
    label = root.find(f"{NS}text")
    assert label.find(f"{NS}title").text == long
    assert chart.table_rows[0][0] == long
    assert "…" in "".join(label.itertext())


def test_bar_chart_empty_and_limits():
    parse(bar_chart([], title="kosong"))
    with pytest.raises(ValueError):
        bar_chart([("a", 1)] * 201, title="x")
    with pytest.raises(ValueError):
        bar_chart([("a", math.inf)], title="x")
    with pytest.raises(ValueError):
        bar_chart([("a", 1)], title="x", max_value=0)


# --- line chart ----------------------------------------------------------------------------


def test_line_chart_series_points_gaps_and_table():
    series = {
        "Provinsi": [(2021, 2.1), (2022, 2.6), (2023, None), (2024, 3.1)],
        "Rata-rata": [(2022, 2.0), (2021, 1.8), (2024, 2.7)],
    }
    chart = line_chart(series, title="Indeks SPBE", unit="poin", x_label="Tahun")
    root = parse(chart)
    assert_accessible_svg(root, "Indeks SPBE")
    point_titles = [t.text for t in root.iter(f"{NS}title")][1:]
    assert "Provinsi, 2022: 2,6 poin" in point_titles
    assert len(point_titles) == 6
    lines = [p.get("d") for p in root.iter(f"{NS}path") if p.get("fill") == "none" and p.get("stroke-width") == "2.5"]
    assert lines[0].count("M") == 2  # the None in 2023 breaks the line
    assert chart.table_headers == ["Tahun", "Provinsi (poin)", "Rata-rata (poin)"]
    assert chart.table_rows == [
        ["2021", "2,1", "1,8"],
        ["2022", "2,6", "2,0"],
        ["2023", "tidak ada data", "tidak ada data"],
        ["2024", "3,1", "2,7"],
    ]
    assert [item.label for item in chart.legend] == ["Provinsi", "Rata-rata"]
    for item in chart.legend:
        ET.fromstring(str(item.swatch))


def test_line_chart_text_categories_keep_order_and_limits():
    chart = line_chart({"A": [("Triwulan I", 1), ("Triwulan II", 2)]}, title="t")
    assert [row[0] for row in chart.table_rows] == ["Triwulan I", "Triwulan II"]
    parse(line_chart({}, title="kosong"))
    with pytest.raises(ValueError):
        line_chart({str(i): [(1, 1)] for i in range(9)}, title="x")
    with pytest.raises(ValueError):
        line_chart({"a": [(1, math.inf)]}, title="x")


# --- properties ----------------------------------------------------------------------------

text = st.text(max_size=60)
number = st.one_of(st.none(), st.just(math.nan), st.floats(min_value=-1e9, max_value=1e9))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(text, number), max_size=25), text)
def test_bar_chart_is_always_well_formed(items, title):
    with translation.override("id"):
        chart = bar_chart(items, title=title)
    parse(chart)
    assert len(chart.table_rows) == len(items)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(text, st.lists(st.tuples(st.integers(1990, 2100), number), max_size=12), max_size=8), text)
def test_line_chart_is_always_well_formed(series, title):
    with translation.override("id"):
        chart = line_chart(series, title=title)
    parse(chart)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(CODES), number), st.dictionaries(st.sampled_from(CODES), text), text)
def test_map_is_always_well_formed(values, categories, title):
    with translation.override("id"):
        chart = kabkota_map(values, categories=categories or None, title=title, link=lambda c: f"/x/{c}")
    root = parse(chart)
    assert len(root.findall(f".//{NS}a")) == 22
    assert len(chart.table_rows) == 22


@given(st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=3, max_size=80), st.floats(0.01, 5))
def test_simplify_keeps_end_points_and_a_subset(points, tolerance):
    result = simplify(points, tolerance)
    assert result[0] == points[0] and result[-1] == points[-1]
    assert all(p in points for p in result)
    assert ring_area([(0, 0), (4, 0), (4, 3)]) == 6


def test_table_body_renders_cells_as_the_template_did():
    """The data table is built in Python: the same cells a template gives ``{{ cell }}`` —
    escaped, numbers localised, the first cell the row header, numeric columns marked."""
    from django.template import Context, Template

    chart = Chart(
        svg="",
        title="t",
        table_headers=["Wilayah", "Nilai", "Catatan"],
        table_rows=[["<b>Kupang</b>", 1234.5, "a & b"], ["Ende", 7, ""]],
        numeric_columns=(1,),
    )
    template = Template(
        "{% for row in chart.table_rows %}<tr>{% for cell in row %}{% if forloop.first %}"
        '<th scope="row">{{ cell }}</th>{% else %}<td{% if forloop.counter0 in chart.numeric_columns %}'
        ' class="num"{% endif %}>{{ cell }}</td>{% endif %}{% endfor %}</tr>\n{% endfor %}'
    )
    with translation.override("id"):
        expected = template.render(Context({"chart": chart})).strip()
        assert str(chart.table_body()) == expected
    assert "&lt;b&gt;Kupang&lt;/b&gt;" in expected and '<td class="num">' in expected
