"""Sample public bodies: a PPID Utama per instansi, a PPID Pelaksana per provincial OPD ("data contoh")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lontar.organisations.models import Organisation, OrganisationKind
from lontar.organisations.selectors import organisation_list
from lontar.ppid.choices import (
    BodyKind,
)
from lontar.ppid.models import (
    ConsequenceTest,
    CostItem,
    PublicBody,
)
from lontar.ppid.rules import numbering

PROVINCE_SLUG = "pemprov-ntt"
SAMPLE_DOMAIN = "contoh.lontar.id"

MAKLUMAT = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan informasi publik sesuai standar "
    "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku.\n\n(data contoh — maklumat resmi badan publik "
    "belum dimuat)"
)
COSTS = [
    ("Salinan cetak (fotokopi) A4", "lembar", Decimal(500)),
    ("Salinan elektronik (softcopy) melalui e-mail", "permohonan", Decimal(0)),
    ("Salinan pada media penyimpanan (flashdisk/CD) dari pemohon", "permohonan", Decimal(0)),
]
TESTS = [
    ("h", "Rekam medis dan data kesehatan pegawai", "Diagnosis, riwayat pengobatan", "Selama yang bersangkutan hidup"),
    ("i", "Memorandum internal penyusunan kebijakan anggaran", "Catatan rapat dan telaahan staf", "5 tahun"),
]


def _code(org: Organisation) -> str:
    if org.kind == OrganisationKind.OPD:
        return ("ntt-" + org.slug.removeprefix(f"{PROVINCE_SLUG}-"))[:40]
    return "ntt" if org.slug == PROVINCE_SLUG else org.slug.removeprefix("pem")[:40]


def _body(org: Organisation, kind: str, parent: PublicBody | None) -> PublicBody:
    defaults = {
        "kind": kind,
        "parent": parent,
        "code": _code(org),
        "number_format": numbering.DEFAULT_PELAKSANA_FORMAT if kind == BodyKind.PELAKSANA else numbering.DEFAULT_FORMAT,
        "maklumat_pelayanan": MAKLUMAT,
        "service_hours": "Senin–Jumat 08.00–15.00 WITA (data contoh)",
        "contact_email": f"ppid.{_code(org)}@{SAMPLE_DOMAIN}",
        "accepts_requests": kind == BodyKind.UTAMA,
        "is_sample": True,
    }
    body, created = PublicBody.objects.get_or_create(organisation=org, defaults=defaults)
    if created:
        CostItem.objects.bulk_create(
            CostItem(body=body, item=item, unit=unit, price=price, note="data contoh", position=i)
            for i, (item, unit, price) in enumerate(COSTS)
        )
        for ground, information, parts, period in TESTS:
            ConsequenceTest.objects.create(
                body=body, information=information, exempted_parts=parts, ground=ground,
                legal_basis=f"UU 14/2008 Pasal 17 huruf {ground} (data contoh)",
                harm="Membuka informasi ini merugikan kepentingan yang dilindungi Pasal 17 (data contoh).",
                public_interest="Kepentingan publik tidak lebih besar daripada kerugian yang timbul (data contoh).",
                closed_period=period, decided_by=f"PPID {org.name} (data contoh)",
                decided_on=dt.date(2024, 12, 2), is_sample=True,
            )  # fmt: skip
    return body


def load_bodies() -> list[PublicBody]:
    """PPID Utama for Pemprov NTT and each Pemkab/Pemkot; PPID Pelaksana for each OPD of Pemprov NTT."""
    instansi = organisation_list(kind=OrganisationKind.INSTANSI).select_related("region")
    utama = {org.pk: _body(org, BodyKind.UTAMA, None) for org in instansi}
    province = next((b for b in utama.values() if b.organisation.slug == PROVINCE_SLUG), None)
    if province is not None:
        for opd in organisation_list(parent_slug=province.organisation.slug).select_related("region"):
            _body(opd, BodyKind.PELAKSANA, province)
    return list(utama.values())
