"""Two demo data requests: one waiting, one fulfilled with a published dataset."""

from __future__ import annotations

from lontar.catalog.demo.build import organisation
from lontar.catalog.models import DataRequest, Dataset
from lontar.catalog.services import datarequests

REQUESTER = {"requester_name": "Pemohon contoh", "requester_email": "pemohon@demo.lontar.id"}


def build_requests(walidata) -> int:
    province = organisation("pemprov-ntt")
    made = 0
    waiting = "Data contoh: jumlah nelayan per kabupaten/kota"
    if not DataRequest.objects.filter(title=waiting).exists():
        datarequests.datarequest_submit(
            organisation=province,
            data={
                **REQUESTER,
                "title": waiting,
                "description": "Untuk penelitian perikanan tangkap, tahun 2020–2024.",
                "purpose": "Penelitian",
            },
        )
        made += 1
    fulfilled = "Data contoh: jumlah penduduk per kabupaten/kota terbaru"
    dataset = Dataset.objects.filter(slug="jumlah-penduduk-kabupaten-kota-dukcapil-2024").first()
    if dataset is not None and not DataRequest.objects.filter(title=fulfilled).exists():
        request = datarequests.datarequest_submit(
            organisation=province,
            data={
                **REQUESTER,
                "title": fulfilled,
                "description": "Per jenis kelamin, data Dukcapil.",
                "purpose": "Tugas kuliah",
            },
        )
        datarequests.datarequest_fulfil(
            actor=walidata,
            request=request,
            dataset=dataset,
            note="Data yang Anda minta sudah terbit di katalog: penduduk menurut kabupaten/kota dan jenis kelamin.",
        )
        made += 1
    return made
