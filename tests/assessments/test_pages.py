"""Public pages: framework list, framework tree, and the simulator with and without htmx."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

BASE = "/evaluasi/kerangka/"


@pytest.fixture(autouse=True)
def english(client):
    """Pages follow the language switch's cookie; texts are checked in English (the msgids)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_list_shows_every_framework_apart(client, shipped):
    response = client.get(BASE)
    assert response.status_code == 200
    body = response.content.decode()
    for code in ("spbe-2018", "spbe-2020", "pemdi-2026", "epss"):
        assert f'href="{BASE}{code}/"' in body
        assert f'href="{BASE}{code}/simulasi/"' in body
    assert "not comparable" in text(response)


def test_detail_shows_exact_thirds_criteria_and_explanations(client, shipped):
    response = client.get(f"{BASE}spbe-2018/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "3⅓" in body  # indicators 32-34 weigh 10/3
    assert body.count('<details class="disclosure indicator"') == 35
    assert "Tidak terdapat kebijakan internal terkait Tim Pengarah SPBE." in body
    assert "Predikat" in body and "Memuaskan" in body
    assert 'lang="en"' in body  # transcription notes are marked as English


def test_detail_of_pemdi_marks_external_values(client, shipped):
    page = text(client.get(f"{BASE}pemdi-2026/"))
    assert "value from another index" in page
    assert "EPSS / Indeks Pembangunan Statistik (IPS), BPS" in page
    assert "general meaning of the level" in page


def test_unknown_framework_is_404(client, shipped):
    assert client.get(f"{BASE}spbe-2099/").status_code == 404
    assert client.get(f"{BASE}spbe-2099/simulasi/").status_code == 404


def test_simulator_form_has_a_labelled_select_per_indicator(client, shipped):
    response = client.get(f"{BASE}spbe-2020/simulasi/")
    assert response.status_code == 200
    body = response.content.decode()
    for number in (1, 32, 47):
        assert f'<label class="visually-hidden" for="id_level_{number}">Level of indicator {number}</label>' in body
        assert f'name="cap_{number}"' in body
    assert "Rintisan" in body and "Informasi" in body  # both ladders of 59/2020
    assert 'data-hx-post="/evaluasi/kerangka/spbe-2020/simulasi/"' in body


def test_simulator_post_without_javascript(client, shipped):
    data = {f"level_{n}": "3" for n in range(1, 48)}
    data.update(level_42="5", level_43="5", target_predikat="Sangat Baik", cap_32="4")
    response = client.post(f"{BASE}spbe-2020/simulasi/", data)
    assert response.status_code == 200
    page = text(response)
    assert "3.12 Baik" in page
    assert "Plan to reach the target" in page and "3.50" in page
    assert "<svg" in response.content.decode()  # the bar chart
    assert 'value="5" selected' in response.content.decode()  # the form keeps the levels


def test_simulator_provisional_and_unreachable(client, shipped):
    data = {"level_1": "2", "cap_32": "1", "target_index": "5"}
    page = text(client.post(f"{BASE}spbe-2020/simulasi/", data))
    assert "Provisional: 1 of 47 indicators answered" in page
    assert "cannot be reached" in page


def test_simulator_external_figure_with_comma(client, shipped):
    data = {f"level_{n}": "3" for n in range(1, 21)}
    data["level_7"] = "2,87"
    page = text(client.post(f"{BASE}pemdi-2026/simulasi/", data))
    assert "3.00 Baik · Berkembang / Developing" in page  # (97·3 + 3·2.87)/100 = 2.9961


def test_simulator_bad_input_is_422_with_messages_naming_indicators(client, shipped):
    response = client.post(
        f"{BASE}spbe-2020/simulasi/", {"level_1": "9", "level_2": "<script>alert(1)</script>", "target_index": "x"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Indicator 1: choose one of the levels in the list." in body
    assert "Indicator 2: choose one of the levels in the list." in body
    assert "<script>alert(1)</script>" not in body
    assert "nothing was calculated" in body


def test_simulator_cap_below_level(client, shipped):
    page = text(client.post(f"{BASE}spbe-2020/simulasi/", {"level_5": "4", "cap_5": "2", "target_index": "3"}))
    assert "Indicator 5: the highest level allowed (2) is below the current level (4)." in page


def test_simulator_htmx_returns_the_result_fragment(client, shipped):
    response = client.post(f"{BASE}spbe-2020/simulasi/", {"level_1": "3"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="result"') and "<html" not in body
    invalid = client.post(f"{BASE}spbe-2020/simulasi/", {"level_1": "9"}, HTTP_HX_REQUEST="true")
    assert invalid.status_code == 200 and "Indicator 1: choose one" in invalid.content.decode()


def test_pages_are_indonesian_by_default(client, shipped):
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "Kerangka penilaian" in client.get(BASE).content.decode()
