"""A resource file stored inside a transaction that then rolls back leaves nothing in storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from lontar.catalog import services
from lontar.catalog.models import Resource
from lontar.catalog.services import resources
from tests.catalog.conftest import base_data, csv_upload
from tests.stored import media_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored(root: Path) -> list[str]:
    """The files under MEDIA_ROOT (``root``), or under its prefix in the bucket (make test-s3)."""
    assert root == settings.MEDIA_ROOT
    return media_files()


def _fail_after_the_file_is_saved(monkeypatch) -> None:
    def refuse(**kwargs):
        raise ValidationError("refused after the file was stored")

    monkeypatch.setattr(resources, "audit_record", refuse)


def test_failed_resource_add_leaves_no_file(actors, province, media, monkeypatch):
    dataset = services.dataset_create(
        actor=actors.produsen, organisation=province["province_opd"], data=base_data("penduduk", "Penduduk")
    )
    _fail_after_the_file_is_saved(monkeypatch)
    with pytest.raises(ValidationError):
        services.resource_add(
            actor=actors.produsen, dataset=dataset, data={"name": "Tabel", "format": "CSV"}, upload=csv_upload()
        )
    assert not Resource.objects.filter(dataset=dataset).exists()
    assert _stored(media) == []


def test_failed_resource_update_leaves_no_new_file(actors, province, media, monkeypatch):
    dataset = services.dataset_create(
        actor=actors.produsen, organisation=province["province_opd"], data=base_data("penduduk", "Penduduk")
    )
    resource = services.resource_add(
        actor=actors.produsen,
        dataset=dataset,
        data={"name": "Tabel", "format": "CSV"},
        upload=csv_upload(),
        background_load=False,
    )
    before = _stored(media)
    assert len(before) == 1
    _fail_after_the_file_is_saved(monkeypatch)
    with pytest.raises(ValidationError):
        services.resource_update(
            actor=actors.produsen, resource=resource, data={"name": "Tabel"}, upload=csv_upload("baru.csv")
        )
    assert _stored(media) == before
    resource.refresh_from_db()
    assert resource.file.name.endswith("penduduk.csv")
