"""Routes of the catalogue.

Public: /dataset/ (search), /dataset/<slug>/ (+ .jsonld, .ttl, /datapackage.json, versions,
downloads), /organization/, /catalog.jsonld, /catalog.ttl, /feeds/dataset.atom, /permintaan-data/.
DCAT IRIs (content negotiation): /catalog, /dataset/<uuid>, /dataset/<uuid>/resource/<rid>, /group/,
/group/<slug>, /organization/<slug>, /catalog/service/<key>.
The datastore app serves /data/<dataset>/<resource>.json|.csv. CKAN Action API:
/api/3/action/<name> and /api/action/<name> (no trailing slash needed, never a redirect).
Staff: /kelola/data/.
"""

from django.urls import path, re_path

from lontar.catalog.ckan import datastore as ckan_datastore
from lontar.catalog.ckan import views as ckan
from lontar.catalog.dcat import linked as dcat_linked
from lontar.catalog.dcat import views as dcat
from lontar.catalog.feeds import RecentDatasetsFeed
from lontar.catalog.views import datarequests, indicators, manage, manage_resources, public, statmeta

app_name = "catalog"

SLUG = r"(?P<slug>[a-z0-9][a-z0-9_-]{0,99})"
UUID = r"(?P<key>[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})"

urlpatterns = [
    # CKAN-compatible Action API
    re_path(r"^api/(?:3/)?action/(?P<name>[^/]{1,200})/?$", ckan.action, name="ckan_action"),
    re_path(r"^api/(?:(?P<version>[1-3])/?)?$", ckan.api_root, name="ckan_root"),
    re_path(r"^datastore/dump/(?P<resource_id>[0-9a-fA-F-]{32,36})$", ckan_datastore.dump, name="ckan_datastore_dump"),
    # DCAT
    path("catalog.jsonld", dcat.catalog, {"fmt": "jsonld"}, name="catalog_jsonld"),
    path("catalog.ttl", dcat.catalog, {"fmt": "ttl"}, name="catalog_ttl"),
    re_path(rf"^dataset/{SLUG}\.jsonld$", dcat.dataset, {"fmt": "jsonld"}, name="dataset_jsonld"),
    re_path(rf"^dataset/{SLUG}\.ttl$", dcat.dataset, {"fmt": "ttl"}, name="dataset_ttl"),
    # DCAT IRIs, dereferenced by content negotiation (lontar/catalog/dcat/linked.py)
    path("catalog", dcat_linked.catalog, name="catalog_iri"),
    re_path(rf"^dataset/{UUID}$", dcat_linked.dataset, name="dataset_iri"),
    re_path(
        rf"^dataset/{UUID}/resource/(?P<rid>[0-9a-fA-F-]{{32,36}})$", dcat_linked.distribution, name="distribution_iri"
    ),
    path("group/", dcat_linked.scheme, name="scheme_iri"),
    re_path(r"^group/(?P<slug>[a-z0-9][a-z0-9_-]{0,79})$", dcat_linked.concept, name="concept_iri"),
    re_path(r"^catalog/service/(?P<key>[a-z0-9-]{1,40})$", dcat_linked.data_service, name="service_iri"),
    # public catalogue
    path("dataset/", public.search, name="search"),
    re_path(rf"^dataset/{SLUG}/$", public.detail, name="detail"),
    re_path(rf"^dataset/{SLUG}/datapackage\.json$", public.datapackage, name="datapackage"),
    re_path(rf"^dataset/{SLUG}/versi/(?P<number>[0-9]{{1,6}})/$", public.version_detail, name="version"),
    re_path(
        rf"^dataset/{SLUG}/resource/(?P<rid>[0-9a-fA-F-]{{32,36}})/download/(?P<filename>[^/]{{0,255}})$",
        public.resource_download,
        name="resource_download",
    ),
    path("organization/", public.organisations, name="organisations"),
    re_path(r"^organization/(?P<slug>[a-z0-9][a-z0-9_-]{0,119})/?$", dcat_linked.organisation, name="organisation"),
    path("feeds/dataset.atom", RecentDatasetsFeed(), name="feed"),
    path("indikator/", indicators.indicator_list, name="indicators"),
    path("indikator/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path("permintaan-data/", datarequests.request_list, name="request_list"),
    path("permintaan-data/baru/", datarequests.request_new, name="request_new"),
    re_path(r"^permintaan-data/(?P<code>PD-[A-Za-z0-9]{8})/$", datarequests.request_detail, name="request_detail"),
    # staff
    path("kelola/data/", manage.index, name="manage_index"),
    path("kelola/data/baru/", manage.create, name="manage_create"),
    path("kelola/data/<uuid:pk>/", manage.detail, name="manage_detail"),
    path("kelola/data/<uuid:pk>/ubah/", manage.edit, name="manage_edit"),
    path("kelola/data/<uuid:pk>/langkah/<slug:step>/", manage.transition, name="manage_step"),
    path("kelola/data/<uuid:pk>/sumber/baru/", manage_resources.resource_add, name="manage_resource_add"),
    path("kelola/data/<uuid:pk>/sumber/<uuid:rid>/ubah/", manage_resources.resource_edit, name="manage_resource_edit"),
    path(
        "kelola/data/<uuid:pk>/sumber/<uuid:rid>/hapus/",
        manage_resources.resource_remove,
        name="manage_resource_remove",
    ),
    path("kelola/data/<uuid:pk>/sumber/<uuid:rid>/kamus/", manage_resources.columns, name="manage_columns"),
    path(
        "kelola/data/<uuid:pk>/sumber/<uuid:rid>/unduh/",
        manage_resources.resource_download,
        name="manage_resource_download",
    ),
    path("kelola/data/metadata/", statmeta.activities, name="manage_activities"),
    path("kelola/data/metadata/kegiatan/baru/", statmeta.activity_edit, name="manage_activity_create"),
    path("kelola/data/metadata/kegiatan/<int:pk>/", statmeta.activity_detail, name="manage_activity"),
    path("kelola/data/metadata/kegiatan/<int:pk>/ubah/", statmeta.activity_edit, name="manage_activity_edit"),
    re_path(
        r"^kelola/data/metadata/kegiatan/(?P<pk>[0-9]{1,12})/ekspor\.(?P<fmt>json|xlsx)$",
        statmeta.activity_export,
        name="manage_activity_export",
    ),
    path(
        "kelola/data/metadata/kegiatan/<int:pk>/variabel/baru/", statmeta.variable_edit, name="manage_variable_create"
    ),
    path(
        "kelola/data/metadata/kegiatan/<int:pk>/variabel/<int:vid>/",
        statmeta.variable_edit,
        name="manage_variable_edit",
    ),
    path("kelola/data/metadata/indikator/baru/", statmeta.indicator_edit, name="manage_indicator_create"),
    path("kelola/data/metadata/indikator/<int:pk>/", statmeta.indicator_edit, name="manage_indicator_edit"),
    path("kelola/data/permintaan/", datarequests.manage_list, name="manage_requests"),
    path("kelola/data/permintaan/<uuid:pk>/", datarequests.manage_detail, name="manage_request"),
]
