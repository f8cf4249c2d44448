"""Table preview and automatic charts on the dataset page (read through the datastore's
read-only engine), and the pure chart chooser."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lontar.catalog.chart_choice import ColumnInfo, choose
from tests.catalog.conftest import DB_COMMITTED

CODE = ColumnInfo("kode_wilayah", "region_code", reference_kind="kemendagri_kabkota")
YEAR = ColumnInfo("tahun", "integer", reference_kind="tahun")
COUNT = ColumnInfo("jumlah_penduduk", "integer", unit="jiwa")
RATE = ColumnInfo("persen_miskin", "decimal", unit="%")
KIND = ColumnInfo("jenis_layanan", "text")


def test_chooser_rules():
    plans = choose([CODE, ColumnInfo("nama", "text"), YEAR, COUNT], {"tahun": 2, "nama": 22})
    assert [p.kind for p in plans] == ["map", "line"]
    assert plans[0].year == YEAR and not plans[0].average
    assert [p.kind for p in choose([YEAR, RATE], {"tahun": 5})] == ["line"]
    assert choose([YEAR, RATE], {"tahun": 5})[0].average
    assert [p.kind for p in choose([KIND, COUNT], {"jenis_layanan": 4})] == ["bar"]
    assert choose([KIND, COUNT], {"jenis_layanan": 400}) == []
    assert choose([KIND, YEAR], {"tahun": 3}) == []  # nothing to measure


@given(
    st.lists(
        st.builds(
            ColumnInfo,
            name=st.sampled_from(["a", "b", "tahun", "kode", "nilai"]),
            type=st.sampled_from(["integer", "decimal", "text", "date", "boolean", "region_code"]),
            reference_kind=st.sampled_from(
                ["", "tahun", "kemendagri_kabkota", "kemendagri_desa", "kemendagri_provinsi"]
            ),
        ),
        max_size=8,
    ),
    st.dictionaries(st.sampled_from(["a", "b", "tahun", "kode", "nilai"]), st.integers(0, 40)),
)
def test_chooser_never_plots_a_year_or_code_as_the_measure(columns, distinct):
    plans = choose(columns, distinct)
    assert len(plans) <= 2
    for plan in plans:
        assert plan.measure.type in ("integer", "decimal") and not plan.measure.reference_kind
        assert plan.measure != plan.by


@DB_COMMITTED
def test_dataset_page_shows_preview_map_and_line(client, make_dataset):
    make_dataset("penduduk-kabkota", "Jumlah penduduk per kabupaten/kota")
    body = client.get("/dataset/penduduk-kabkota/").content.decode()
    assert "Kabupaten Kupang" in body and "391539" in body.replace(".", "").replace("\u202f", "")
    assert body.count('<figure class="chart">') == 2
    assert "2024" in body and "/data/penduduk-kabkota/tabel-penduduk.csv" in body
    csv = client.get("/data/penduduk-kabkota/tabel-penduduk.csv")
    assert csv.status_code == 200


@DB_COMMITTED
def test_indicator_page_shows_the_charts_of_its_public_datasets(client, make_dataset, actors):
    from lontar.catalog.services import statmeta

    public = make_dataset("penduduk-kabkota", "Jumlah penduduk per kabupaten/kota")
    indicator = statmeta.indicator_save(
        actor=actors.produsen,
        organisation=public.organisation,
        data={
            "name": "Jumlah penduduk",
            "definition": "Penduduk terdaftar.",
            "method": "Hitung.",
            "datasets": [public],
        },
    )
    assert "Jumlah penduduk" in client.get("/indikator/").content.decode()
    page = client.get(f"/indikator/{indicator.pk}/").content.decode()
    assert page.count('<figure class="chart">') == 2 and "/dataset/penduduk-kabkota/" in page
    assert client.get("/indikator/999999/").status_code == 404
