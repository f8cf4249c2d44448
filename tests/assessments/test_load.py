"""framework_load: stores the tree exactly, is idempotent, updates in place, refuses to change locked versions."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lontar.assessments.definitions import FRAMEWORKS_DIR, read_definition
from lontar.assessments.models import Framework, FrameworkNode, LevelCriterion, PredikatBand
from lontar.assessments.selectors import framework_get, framework_tree
from lontar.assessments.services import FrameworkLoadOutcome, FrameworkLocked, framework_load, framework_lock
from lontar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def load(path):
    return framework_load(definition=read_definition(path), source_file=path.name)


def test_load_stores_the_exact_tree(mini, write_definition):
    assert load(write_definition(mini, "mini-uji.json")) == FrameworkLoadOutcome.CREATED
    framework = framework_get("mini-uji")
    assert framework.nodes.count() == 2 + 3 + 5
    one = framework.nodes.get(kind="indicator", number="1")
    assert (one.weight_numerator, one.weight_denominator, one.weight_text, one.weight) == (
        40,
        3,
        "40/3",
        Fraction(40, 3),
    )
    assert one.parent.number == "1" and one.parent.parent.kind == "domain"
    assert list(one.criteria.values_list("level", "criteria")) == [(1, "Kriteria 1/1"), (2, "Kriteria 1/2")]
    assert framework.nodes.get(number="5", kind="indicator").external_source == "Indeks lain (uji)"
    assert list(framework.bands.values_list("name", flat=True)) == [
        "Kurang",
        "Cukup",
        "Baik",
        "Sangat Baik",
        "Memuaskan",
    ]
    assert framework_tree(framework) == read_definition(write_definition(mini)).tree
    assert AuditEvent.objects.filter(action="assessments.framework.loaded").count() == 1


def test_loading_twice_changes_nothing(mini, write_definition):
    path = write_definition(mini, "mini-uji.json")
    load(path)
    ids = sorted(FrameworkNode.objects.values_list("pk", flat=True))
    assert load(path) == FrameworkLoadOutcome.UNCHANGED
    assert sorted(FrameworkNode.objects.values_list("pk", flat=True)) == ids
    assert AuditEvent.objects.filter(action__startswith="assessments.framework").count() == 1


def test_changed_file_updates_in_place_keeping_unchanged_indicators(mini, write_definition):
    load(write_definition(mini, "mini-uji.json"))
    kept = FrameworkNode.objects.get(kind="indicator", number="4").pk
    mini["name"] = "Kerangka uji kecil (perbaikan)"
    aspect = mini["nodes"][1]["children"]
    aspect[0]["children"][0]["name"] = "Indikator empat (nama baru)"
    aspect[1]["children"][0]["number"] = "6"  # indicator 5 renumbered
    mini["bands"][0]["alias"] = "Merintis"
    assert load(write_definition(mini, "mini-uji.json")) == FrameworkLoadOutcome.UPDATED
    framework = framework_get("mini-uji")
    assert framework.name.endswith("(perbaikan)")
    four = framework.nodes.get(kind="indicator", number="4")
    assert four.pk == kept and four.name == "Indikator empat (nama baru)"
    assert set(framework.nodes.filter(kind="indicator").values_list("number", flat=True)) == {"1", "2", "3", "4", "6"}
    assert PredikatBand.objects.get(framework=framework, name="Kurang").alias == "Merintis"
    assert Framework.objects.count() == 1
    assert AuditEvent.objects.filter(action="assessments.framework.updated").count() == 1


def test_a_locked_version_refuses_changes_and_a_new_version_loads_beside_it(mini, write_definition):
    path = write_definition(mini, "mini-uji.json")
    load(path)
    old = framework_lock(framework=framework_get("mini-uji"))
    assert old.locked_at is not None
    assert load(path) == FrameworkLoadOutcome.UNCHANGED
    mini["nodes"][0]["children"][0]["children"][0]["name"] = "Diubah"
    with translation.override("en"), pytest.raises(FrameworkLocked, match="used by finalised results"):
        load(write_definition(mini, "mini-uji.json"))
    assert FrameworkNode.objects.filter(name="Diubah").count() == 0
    mini["version"] = "2"
    assert load(write_definition(mini, "mini-uji.json")) == FrameworkLoadOutcome.CREATED
    current = framework_get("mini-uji")
    assert current.version == "2" and current.pk != old.pk
    assert Framework.objects.get(pk=old.pk).is_current is False
    assert Framework.objects.get(pk=old.pk).nodes.filter(name="Indikator satu").exists()


def test_command_reports_a_locked_version(mini, write_definition, capsys):
    path = write_definition(mini, "mini-uji.json")
    call_command("framework_load", file=[path])
    framework_lock(framework=framework_get("mini-uji"))
    mini["description"] = "changed"
    write_definition(mini, "mini-uji.json")
    with translation.override("en"), pytest.raises(CommandError):
        call_command("framework_load", file=[path])
    assert "new “version”" in capsys.readouterr().err


def test_a_broken_file_writes_nothing(mini, write_definition):
    mini["nodes"][0]["weight"] = "41"
    with pytest.raises(CommandError):
        call_command("framework_load", file=[write_definition(mini)])
    assert Framework.objects.count() == 0 and LevelCriterion.objects.count() == 0


def test_only_province_admins_load(mini, write_definition, province, login):
    _client, user = login(province["kabupaten"], "admin")
    with pytest.raises(PermissionDenied):
        framework_load(actor=user, definition=read_definition(write_definition(mini)), source_file="x.json")
    _client, admin = login(province["province"], "admin")
    assert (
        framework_load(actor=admin, definition=read_definition(write_definition(mini)), source_file="x.json")
        == "created"
    )
    assert AuditEvent.objects.get(action="assessments.framework.loaded").actor_id == admin.pk


def test_shipped_frameworks_load_with_all_their_texts(capsys):
    call_command("framework_load", "--all")
    assert set(Framework.objects.values_list("code", flat=True)) == {
        "spbe-2018",
        "spbe-2020",
        "pemdi-2026",
        "epss",
        "kami-5",
        "monev-kip",
    }
    spbe2020 = framework_get("spbe-2020")
    assert LevelCriterion.objects.filter(node__framework=spbe2020).count() == 235
    assert LevelCriterion.objects.filter(node__framework=framework_get("spbe-2018")).count() == 210
    indicator_11 = spbe2020.nodes.get(kind="indicator", number="11")
    assert indicator_11.scale.code == "proses" and indicator_11.explanation and indicator_11.guidance
    assert spbe2020.nodes.get(kind="indicator", number="32").scale.code == "layanan"
    data = json.loads((FRAMEWORKS_DIR / "spbe-2020.json").read_text(encoding="utf-8"))
    assert spbe2020.regulation == data["regulation"]
    call_command("framework_load", all=True)  # as demo_setup calls it
    assert capsys.readouterr().out.count("unchanged") == 6


def test_empty_framework_list_page_says_how_to_load(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "framework_load --all" in client.get("/evaluasi/kerangka/").content.decode()
