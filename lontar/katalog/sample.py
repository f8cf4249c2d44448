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
from lontar.katalog.models import OwnershipClass as C
from lontar.katalog.models import Stage as S
from lontar.katalog.sample_data import ASSETS, NATIONAL, OWN, PROVINCE_ASSETS, SERVICES
from lontar.katalog.selectors import staff as selectors
from lontar.organisations.selectors import organisation_by_slug

NOTE = " (data contoh)"
#: instansi slug -> the prefix of the sample IDs
INSTANSI = {"pemprov-ntt": "NTT", "pemkab-kupang": "KPG", "pemkab-timor-tengah-selatan": "TTS"}


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
        values: dict[str, Any] = {"kind": kind, "name": name + NOTE, "ownership": ownership, "attributes": attributes}
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
        links: dict[str, list[Any]] = {}
        if "SPLP" in assets and klass == C.KHUSUS_PEMDA and stage == S.OPERASIONAL:
            links["splp"] = [assets["SPLP"]]
        if suffix == "SATUDATA":
            # the portal publishes some of the province's public Satu Data datasets (catalog_demo)
            links["datasets"] = list(
                selectors.dataset_choices().filter(organisation__slug__startswith=instansi.slug)[:3]
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
