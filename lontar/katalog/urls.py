from django.urls import path

from lontar.katalog.views import applications, public, registry, transfer

app_name = "katalog"

urlpatterns = [
    path("", public.index, name="index"),
    path("aplikasi/<str:code>/", public.application, name="application"),
    path("layanan/", public.services, name="services"),
    path("layanan/<str:code>/", public.service, name="service"),
    path("kelola/", applications.index, name="manage_index"),
    path("kelola/aplikasi/baru/", applications.create, name="manage_application_create"),
    path("kelola/aplikasi/<int:pk>/", applications.detail, name="manage_application"),
    path("kelola/aplikasi/<int:pk>/ubah/", applications.edit, name="manage_application_edit"),
    path("kelola/aplikasi/<int:pk>/tahap/", applications.stage, name="manage_application_stage"),
    path("kelola/aplikasi/<int:pk>/audit-keamanan/", applications.security_audit, name="manage_application_audit"),
    path("kelola/aplikasi/<int:pk>/risiko/", applications.risk, name="manage_application_risk"),
    path("kelola/aset/", registry.asset_list, name="manage_assets"),
    path("kelola/aset/baru/", registry.asset_create, name="manage_asset_create"),
    path("kelola/aset/<int:pk>/", registry.asset_detail, name="manage_asset"),
    path("kelola/aset/<int:pk>/ubah/", registry.asset_edit, name="manage_asset_edit"),
    path("kelola/aset/<int:pk>/audit-keamanan/", registry.asset_audit, name="manage_asset_audit"),
    path("kelola/layanan/", registry.service_list, name="manage_services"),
    path("kelola/layanan/baru/", registry.service_create, name="manage_service_create"),
    path("kelola/layanan/<int:pk>/", registry.service_detail, name="manage_service"),
    path("kelola/layanan/<int:pk>/ubah/", registry.service_edit, name="manage_service_edit"),
    path("kelola/ekspor/<slug:slug>.<str:fmt>", transfer.export_view, name="manage_export"),
    path("kelola/impor/", transfer.import_view, name="manage_import"),
]
