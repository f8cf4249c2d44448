"""Sample registry ("data contoh") for `make demo`: applications, infrastructure and services of the
province and two kabupaten (Kupang, Timor Tengah Selatan), with consolidation candidates.

The national common applications (SRIKANDI, SP4N-LAPOR!, SPSE, SI-ASN; reference §2.1) and the
K/L applications are real by name; every record, its details, audits and ratings are sample data.
Records have fixed IDs: a record already present is skipped, so loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from lontar.audit.services import audit_record
from lontar.katalog import services
from lontar.katalog.models import AssetKind as K
from lontar.katalog.models import OwnershipClass as C
from lontar.katalog.models import Stage as S
from lontar.katalog.selectors import staff as selectors
from lontar.organisations.selectors import organisation_by_slug

NOTE = " (data contoh)"
#: instansi slug -> the prefix of the sample IDs
INSTANSI = {"pemprov-ntt": "NTT", "pemkab-kupang": "KPG", "pemkab-timor-tengah-selatan": "TTS"}

#: (suffix, OPD short, kind, name, ownership, attributes, licence valid for days)
ASSETS: list[tuple[str, str, str, str, str, dict[str, Any], int | None]] = [
    (
        "DC",
        "diskominfo",
        K.FASILITAS_KOMPUTASI,
        "Ruang server Diskominfo",
        "milik_sendiri",
        {"tier": "2", "bandwidth_internet_mbps": 200, "bandwidth_intranet_mbps": 1000},
        None,
    ),
    (
        "SRV",
        "diskominfo",
        K.SERVER,
        "Server virtualisasi aplikasi",
        "milik_sendiri",
        {"jenis_penggunaan": "Virtualisasi", "kapasitas_memori_gb": 256, "kapasitas_penyimpanan_gb": 8000},
        None,
    ),
    (
        "NET",
        "diskominfo",
        K.JARINGAN_INTRA,
        "Jaringan intra pemerintah daerah",
        "milik_sendiri",
        {"jenis_jaringan": "intranet", "tipe_media": "fiber_optic", "bandwidth_mbps": 100, "primary_backup": "primary"},
        None,
    ),
    (
        "FW",
        "diskominfo",
        K.PERANGKAT_KEAMANAN,
        "Firewall perimeter",
        "milik_sendiri",
        {"tipe_perangkat": "Next-generation firewall"},
        None,
    ),
    (
        "DB",
        "diskominfo",
        K.PERANGKAT_LUNAK_BASIS_DATA,
        "Lisensi sistem basis data",
        "milik_sendiri",
        {"jenis": "Database", "jenis_lisensi": "proprietary"},
        120,
    ),
]
PROVINCE_ASSETS: list[tuple[str, str, str, str, str, dict[str, Any], int | None]] = [
    ("SPLP", "diskominfo", K.SPLP, "SPLP Provinsi NTT", "milik_sendiri", {"jenis": "API gateway"}, None),
    (
        "CLOUD",
        "diskominfo",
        K.KOMPUTASI_AWAN,
        "Pusat Data Nasional (PDN)",
        "instansi_lain",
        {"tipe_cloud": "PDN", "nama_pemilik": "Komdigi"},
        None,
    ),
    (
        "OS",
        "diskominfo",
        K.SISTEM_OPERASI,
        "Lisensi sistem operasi server",
        "milik_sendiri",
        {"jenis": "Sistem operasi", "jenis_lisensi": "proprietary"},
        -30,
    ),
]

#: (suffix, OPD short, name, class, stage, replaced by suffix, basis, raa l1/l2, sso, tte, category, url)
App = tuple[str, str, str, str, str, str, list[str], tuple[str, str], bool, bool, str, str]
NATIONAL: list[App] = [
    (
        "SRIKANDI",
        "setda",
        "SRIKANDI",
        C.UMUM_NASIONAL,
        S.OPERASIONAL,
        "",
        ["web", "mobile"],
        ("01", "01.02"),
        True,
        True,
        "tinggi",
        "https://srikandi.arsip.go.id",
    ),
    (
        "LAPOR",
        "diskominfo",
        "SP4N-LAPOR!",
        C.UMUM_NASIONAL,
        S.OPERASIONAL,
        "",
        ["web", "mobile"],
        ("01", "01.01"),
        False,
        False,
        "tinggi",
        "https://www.lapor.go.id",
    ),
    (
        "SPSE",
        "bpkad",
        "SPSE",
        C.UMUM_NASIONAL,
        S.OPERASIONAL,
        "",
        ["web"],
        ("01", "01.02"),
        False,
        True,
        "strategis",
        "",
    ),
    ("SIASN", "", "SI-ASN", C.UMUM_NASIONAL, S.OPERASIONAL, "", ["web"], ("01", "01.02"), True, False, "tinggi", ""),
]
OWN: dict[str, list[App]] = {
    "NTT": [
        (
            "EOFFICE",
            "setda",
            "E-Office Pemprov NTT",
            C.KHUSUS_PEMDA,
            S.KONSOLIDASI,
            "SRIKANDI",
            ["web"],
            ("02", "02.02"),
            False,
            True,
            "rendah",
            "",
        ),
        (
            "SIMPEG",
            "bkd",
            "SIMPEG NTT",
            C.KHUSUS_PEMDA,
            S.KONSOLIDASI,
            "SIASN",
            ["web"],
            ("02", "02.02"),
            False,
            False,
            "tinggi",
            "",
        ),
        (
            "ADUAN",
            "diskominfo",
            "Aplikasi Pengaduan Masyarakat NTT",
            C.KHUSUS_PEMDA,
            S.DIHENTIKAN,
            "LAPOR",
            ["web"],
            ("02", "02.01"),
            False,
            False,
            "rendah",
            "",
        ),
        (
            "SATUDATA",
            "diskominfo",
            "Portal Satu Data NTT",
            C.KHUSUS_PEMDA,
            S.OPERASIONAL,
            "",
            ["web"],
            ("02", "02.01"),
            True,
            False,
            "tinggi",
            "",
        ),
        (
            "IZIN",
            "dpmptsp",
            "E-Perizinan NTT",
            C.KHUSUS_PEMDA,
            S.OPERASIONAL,
            "",
            ["web", "mobile"],
            ("02", "02.01"),
            True,
            True,
            "tinggi",
            "",
        ),
        (
            "SIKDA",
            "dinkes",
            "Sistem Informasi Kesehatan Daerah",
            C.KHUSUS_PEMDA,
            S.UJI,
            "",
            ["web"],
            ("02", "02.01"),
            False,
            False,
            "tinggi",
            "",
        ),
        (
            "SIPD",
            "bappeda",
            "SIPD",
            C.KHUSUS_KL,
            S.OPERASIONAL,
            "",
            ["web"],
            ("02", "02.02"),
            False,
            False,
            "strategis",
            "",
        ),
        (
            "PRESENSI",
            "bkd",
            "Presensi ASN NTT",
            C.KHUSUS_PEMDA,
            S.PENGEMBANGAN,
            "",
            ["mobile"],
            ("02", "02.02"),
            True,
            False,
            "rendah",
            "",
        ),
    ],
    "KPG": [
        (
            "ESURAT",
            "setda",
            "E-Surat Kabupaten Kupang",
            C.KHUSUS_PEMDA,
            S.KONSOLIDASI,
            "SRIKANDI",
            ["web"],
            ("02", "02.02"),
            False,
            False,
            "rendah",
            "",
        ),
        (
            "SIMPEG",
            "bkpsdm",
            "SIMPEG Kabupaten Kupang",
            C.KHUSUS_PEMDA,
            S.KONSOLIDASI,
            "KEPEG",
            ["web"],
            ("02", "02.02"),
            False,
            False,
            "tinggi",
            "",
        ),
        (
            "KEPEG",
            "bkpsdm",
            "Sistem Kepegawaian BKPSDM",
            C.KHUSUS_PEMDA,
            S.OPERASIONAL,
            "",
            ["web"],
            ("02", "02.02"),
            True,
            False,
            "tinggi",
            "",
        ),
        (
            "SIAK",
            "disdukcapil",
            "SIAK Terpusat",
            C.KHUSUS_KL,
            S.OPERASIONAL,
            "",
            ["desktop", "web"],
            ("02", "02.01"),
            False,
            False,
            "strategis",
            "",
        ),
        (
            "EPUSK",
            "dinkes",
            "E-Puskesmas Kabupaten Kupang",
            C.KHUSUS_PEMDA,
            S.OPERASIONAL,
            "",
            ["web"],
            ("02", "02.01"),
            False,
            False,
            "tinggi",
            "",
        ),
        (
            "WEB",
            "diskominfo",
            "Portal Resmi Kabupaten Kupang",
            C.KHUSUS_PEMDA,
            S.OPERASIONAL,
            "",
            ["web"],
            ("02", "02.01"),
            False,
            False,
            "rendah",
            "",
        ),
        (
            "SIDESA",
            "dpmd",
            "Sistem Informasi Desa",
            C.KHUSUS_PEMDA,
            S.USULAN,
            "",
            ["web", "mobile"],
            ("02", "02.01"),
            False,
            False,
            "",
            "",
        ),
    ],
    "TTS": [
        (
            "IZIN",
            "dpmptsp",
            "Perizinan Online TTS",
            C.KHUSUS_PEMDA,
            S.OPERASIONAL,
            "",
            ["web"],
            ("02", "02.01"),
            False,
            True,
            "tinggi",
            "",
        ),
        (
            "WEB",
            "diskominfo",
            "Portal Resmi Kabupaten TTS",
            C.KHUSUS_PEMDA,
            S.OPERASIONAL,
            "",
            ["web"],
            ("02", "02.01"),
            False,
            False,
            "rendah",
            "",
        ),
        (
            "EKIN",
            "bkpsdm",
            "E-Kinerja TTS",
            C.KHUSUS_PEMDA,
            S.USULAN,
            "",
            ["web", "mobile"],
            ("02", "02.02"),
            False,
            False,
            "",
            "",
        ),
        (
            "ADUAN",
            "diskominfo",
            "Aduan TTS",
            C.KHUSUS_PEMDA,
            S.KONSOLIDASI,
            "LAPOR",
            ["mobile"],
            ("02", "02.01"),
            False,
            False,
            "rendah",
            "",
        ),
        (
            "SISKEUDES",
            "dpmd",
            "Siskeudes",
            C.KHUSUS_KL,
            S.OPERASIONAL,
            "",
            ["desktop"],
            ("02", "02.02"),
            False,
            False,
            "tinggi",
            "",
        ),
    ],
}
#: (suffix, OPD short, name, kind, RAL code, app suffixes)
SERVICES: list[tuple[str, str, str, str, str, list[str]]] = [
    ("ADUAN", "diskominfo", "Pengaduan masyarakat", "publik", "", ["LAPOR", "ADUAN"]),
    ("SURAT", "setda", "Persuratan dinas", "administrasi", "", ["SRIKANDI", "EOFFICE", "ESURAT"]),
    ("IZIN", "dpmptsp", "Perizinan", "publik", "", ["IZIN"]),
    ("PEGAWAI", "", "Administrasi kepegawaian", "administrasi", "", ["SIASN", "SIMPEG", "KEPEG", "EKIN"]),
]


def _org(instansi: Any, short: str) -> Any:
    if not short:
        return instansi
    return organisation_by_slug(f"{instansi.slug}-{short}") or instansi


def _staff_unit(prefix: str) -> str:
    return "bkd" if prefix == "NTT" else "bkpsdm"


def _load_assets(instansi: Any, prefix: str, today: dt.date) -> dict[str, Any]:
    rows = ASSETS + (PROVINCE_ASSETS if prefix == "NTT" else [])
    existing = selectors.assets_by_codes([f"{prefix}-AST-{r[0]}" for r in rows])
    out = {}
    for suffix, short, kind, name, ownership, attributes, licence_days in rows:
        code = f"{prefix}-AST-{suffix}"
        if code in existing:
            out[suffix] = existing[code]
            continue
        values = {"kind": kind, "name": name + NOTE, "ownership": ownership, "attributes": attributes}
        if licence_days is not None:
            values["licence_valid_until"] = today + dt.timedelta(days=licence_days)
        out[suffix] = services.asset_create(
            actor=None, organisation=_org(instansi, short), values=values, code=code, is_sample=True
        )
    return out


def _load_apps(instansi: Any, prefix: str, assets: dict[str, Any]) -> dict[str, Any]:
    rows = NATIONAL + OWN[prefix]
    # replacements first, so that "digantikan oleh" points to an existing record
    rows = sorted(rows, key=lambda r: bool(r[5]))
    existing = selectors.applications_by_codes([f"{prefix}-APL-{r[0]}" for r in rows])
    out: dict[str, Any] = {}
    for suffix, short, name, klass, stage, replaced, basis, raa, sso, tte, category, url in rows:
        code = f"{prefix}-APL-{suffix}"
        if code in existing:
            out[suffix] = existing[code]
            continue
        values = {
            "name": name,
            "description": f"{name}{NOTE}",
            "ownership_class": klass,
            "stage": stage,
            "replaced_by": out.get(replaced),
            "basis": basis,
            "raa_l1": raa[0],
            "raa_l2": raa[1],
            "sso": sso,
            "tte": tte,
            "system_category": category,
            "url": url,
            "hosting": assets.get("SRV") if klass == C.KHUSUS_PEMDA else None,
        }
        links = (
            {"splp": [assets["SPLP"]]}
            if "SPLP" in assets and klass == C.KHUSUS_PEMDA and stage == S.OPERASIONAL
            else None
        )
        org = _org(instansi, short or _staff_unit(prefix))
        out[suffix] = services.application_create(
            actor=None, organisation=org, values=values, links=links, code=code, is_sample=True
        )
    return out


def _load_services(instansi: Any, prefix: str, apps: dict[str, Any]) -> int:
    codes = [f"{prefix}-LYN-{r[0]}" for r in SERVICES]
    existing = set(selectors.services_for_actor_codes(codes))
    made = 0
    for suffix, short, name, kind, ral, app_suffixes in SERVICES:
        code = f"{prefix}-LYN-{suffix}"
        if code in existing:
            continue
        services.service_create(
            actor=None,
            organisation=_org(instansi, short or _staff_unit(prefix)),
            values={"name": name, "kind": kind, "ral_code": ral, "description": f"{name}{NOTE}"},
            applications=[apps[s] for s in app_suffixes if s in apps],
            code=code,
            is_sample=True,
        )
        made += 1
    return made


def _load_security(prefix: str, apps: dict[str, Any], today: dt.date) -> None:
    """A recent adequate audit, one more than a year old, one Tidak Memadai; risk ratings."""
    plan = [
        ("SRIKANDI", 60, "memadai", "", 4),
        ("IZIN", 420, "perlu_peningkatan", "Pembaruan pustaka dan konfigurasi TLS" + NOTE, 3),
        (
            "SATUDATA" if prefix == "NTT" else "EPUSK" if prefix == "KPG" else "WEB",
            30,
            "tidak_memadai",
            "Perbaikan kontrol akses dan pencadangan" + NOTE,
            2,
        ),
    ]
    for suffix, days_ago, conclusion, follow_up, rating in plan:
        app = apps.get(suffix)
        if app is None or selectors.security_audits(app).exists():
            continue
        services.security_audit_record(
            actor=None,
            application=app,
            audited_on=today - dt.timedelta(days=days_ago),
            auditor="Tim audit keamanan (data contoh)",
            conclusion=conclusion,
            follow_up=follow_up,
        )
        services.risk_rate(
            actor=None,
            application=app,
            rating=rating,
            note=f"Penilaian risiko{NOTE}",
            rated_on=today - dt.timedelta(days=days_ago),
        )


def load_sample_katalog() -> dict[str, int]:
    """Load the sample registry of the province and two kabupaten; returns the counts added."""
    today = timezone.localdate()
    before = selectors.sample_counts()
    with transaction.atomic():
        for slug, prefix in INSTANSI.items():
            instansi = organisation_by_slug(slug)
            if instansi is None:
                continue
            assets = _load_assets(instansi, prefix, today)
            apps = _load_apps(instansi, prefix, assets)
            _load_services(instansi, prefix, apps)
            _load_security(prefix, apps, today)
        after = selectors.sample_counts()
        added = {k: after[k] - before[k] for k in after}
        if any(added.values()):
            audit_record(action="katalog.sample.loaded", data=added)
    return added
