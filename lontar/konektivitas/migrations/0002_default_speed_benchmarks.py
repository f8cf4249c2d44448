"""Giga's default download benchmark for every site kind; a province edits them per kind."""

from django.db import migrations

GIGA_SOURCE = (
    "Giga Maps, layer DEFAULT_DOWNLOAD: global_benchmark 20 Mbps, base_benchmark 1 Mbps "
    "(unicef/giga-maps-backend, load_system_data_layers.py; shared/reference/infrastructure.md §1.3)"
)
KINDS = (
    "kantor_opd",
    "kantor_kecamatan",
    "kantor_desa",
    "sekolah",
    "madrasah",
    "puskesmas",
    "pustu_polindes",
    "rumah_sakit",
    "mpp",
    "ruang_publik",
    "lainnya",
)


def forwards(apps, schema_editor):
    SpeedBenchmark = apps.get_model("konektivitas", "SpeedBenchmark")
    for kind in KINDS:
        SpeedBenchmark.objects.get_or_create(
            kind=kind, defaults={"good_mbps": 20.0, "base_mbps": 1.0, "source": GIGA_SOURCE}
        )


def backwards(apps, schema_editor):
    apps.get_model("konektivitas", "SpeedBenchmark").objects.filter(source=GIGA_SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("konektivitas", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
