"""The catalogue policies: one rule per role answers both "may act" and "may see", and agrees."""

from __future__ import annotations

import inspect

import pytest
from django.http import Http404
from django.urls import reverse

from lontar.accounts.models import Role, User
from lontar.catalog import roles, services
from lontar.catalog.policies import data_request_policy, dataset_policy
from lontar.catalog.selectors import manage as selectors
from lontar.catalog.services import datarequests as request_services
from tests.catalog.conftest import base_data, csv_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser() -> User:
    return User.objects.create_superuser("super@uji.go.id", "sandi-uji-yang-panjang")


@pytest.fixture
def datasets(province, superuser) -> dict[str, object]:
    """A dataset in each organisation of the test province, and one Data Prioritas."""
    made = {
        name: services.dataset_create(actor=superuser, organisation=org, data=base_data(f"uji-{name}", f"Data {name}"))
        for name, org in province.items()
    }
    made["prioritas"] = services.dataset_create(
        actor=superuser,
        organisation=province["province_opd"],
        data=base_data("uji-prioritas", "Data prioritas", is_prioritas=True),
    )
    return made


def _visible(actor) -> set[str]:
    return {d.slug.removeprefix("uji-") for d in dataset_policy.visible(actor)}


def _allowed(actor, datasets) -> set[str]:
    return {name for name, d in datasets.items() if dataset_policy.can(actor, "view", d)}


EXPECTED = {
    # a Produsen Data in the province's OPD: exactly that OPD
    ("province_opd", Role.PRODUSEN_DATA): {"province_opd", "prioritas"},
    # a Produsen Data in an instansi: the instansi's own datasets, not its OPD's
    ("kabupaten", Role.PRODUSEN_DATA): {"kabupaten"},
    # a Walidata held in an OPD counts for the whole instansi, and only that instansi
    ("province_opd", Role.WALIDATA): {"province", "province_opd", "prioritas"},
    ("kabupaten", Role.WALIDATA): {"kabupaten", "kabupaten_opd"},
    # the Pembina Data sees only the instansi's Data Prioritas
    ("province", roles.PEMBINA): {"prioritas"},
    # a province admin has no catalogue role
    ("province", Role.ADMIN): set(),
}


@pytest.mark.parametrize(("where", "role"), list(EXPECTED))
def test_visible_and_can_agree(province, login, datasets, where, role):
    _client, actor = login(province[where], role)
    assert _visible(actor) == EXPECTED[(where, role)]
    assert _allowed(actor, datasets) == EXPECTED[(where, role)]


def test_superuser_sees_every_dataset(superuser, datasets):
    assert _visible(superuser) == _allowed(superuser, datasets) == set(datasets)


def test_an_actions_rule_is_its_organisation_predicate(province, login, datasets):
    """``can(actor, action, dataset)`` and the organisation predicates of the workflow are one rule."""
    _c, walidata = login(province["kabupaten_opd"], Role.WALIDATA)
    _c, pembina = login(province["province"], roles.PEMBINA)
    assert dataset_policy.can(walidata, "review", datasets["kabupaten"])
    assert roles.can_review(walidata, province["kabupaten"])
    assert not dataset_policy.can(walidata, "review", datasets["kota"])
    assert not roles.can_review(walidata, province["kota"])
    # approval is for Data Prioritas only; the organisation predicate leaves that to the workflow
    assert dataset_policy.can(pembina, "approve", datasets["prioritas"])
    assert not dataset_policy.can(pembina, "approve", datasets["province_opd"])
    assert roles.can_pembina(pembina, province["province_opd"])


def test_get_for_actor_is_keyword_only_and_404_out_of_reach(province, login, datasets):
    for fn in (selectors.dataset_get_for_actor, selectors.resource_get_for_actor):
        params = inspect.signature(fn).parameters.values()
        assert [p.kind for p in params] == [inspect.Parameter.KEYWORD_ONLY] * 2
    _c, kab_produsen = login(province["kabupaten_opd"], Role.PRODUSEN_DATA)
    mine = selectors.dataset_get_for_actor(actor=kab_produsen, pk=datasets["kabupaten_opd"].pk)
    assert mine == datasets["kabupaten_opd"]
    for pk in (datasets["province_opd"].pk, "bukan-uuid", None):
        with pytest.raises(Http404):
            selectors.dataset_get_for_actor(actor=kab_produsen, pk=pk)


def test_resource_of_another_dataset_is_a_404(province, login, superuser, datasets):
    """The resource is fetched by its own key; the dataset in the URL must be its own."""
    client, produsen = login(province["province_opd"], Role.PRODUSEN_DATA)
    resource = services.resource_add(
        actor=superuser,
        dataset=datasets["province_opd"],
        data={"name": "Tabel", "format": "CSV"},
        upload=csv_upload(),
    )
    assert selectors.resource_get_for_actor(actor=produsen, pk=resource.pk) == resource
    own = reverse("catalog:manage_resource_edit", args=[datasets["province_opd"].pk, resource.pk])
    other = reverse("catalog:manage_resource_edit", args=[datasets["prioritas"].pk, resource.pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    _c, kab_produsen = login(province["kabupaten_opd"], Role.PRODUSEN_DATA)
    with pytest.raises(Http404):
        selectors.resource_get_for_actor(actor=kab_produsen, pk=resource.pk)


def test_data_requests_go_to_the_walidata_of_the_instansi_asked(province, login):
    asked = {"title": "Jumlah sekolah", "description": "Per kecamatan.", "requester_name": "Warga"}
    request = request_services.datarequest_submit(
        data={**asked, "requester_email": "warga@contoh.id"}, organisation=province["kabupaten"]
    )
    _c, kab_walidata = login(province["kabupaten_opd"], Role.WALIDATA)
    _c, prov_walidata = login(province["province"], Role.WALIDATA)
    assert list(data_request_policy.visible(kab_walidata)) == [request]
    assert data_request_policy.can(kab_walidata, "handle", request)
    assert list(data_request_policy.visible(prov_walidata)) == []
    assert not data_request_policy.can(prov_walidata, "handle", request)
