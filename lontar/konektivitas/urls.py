"""URLs under /konektivitas/: public maps and pages, Cek koneksi, staff pages (kelola/)."""

from django.urls import path

from lontar.konektivitas.views import cek, public, staff

app_name = "konektivitas"

urlpatterns: list = [
    path("", public.province, name="province"),
    path("kabupaten/<str:code>/", public.kabupaten, name="kabupaten"),
    path("titik/<str:code>/", public.site, name="site"),
    path("cek/", cek.cek, name="cek"),
    path("cek/unduh/", cek.download, name="cek_download"),
    path("cek/unggah/", cek.upload, name="cek_upload"),
    path("cek/ping/", cek.ping, name="cek_ping"),
    path("cek/catat/", cek.record, name="cek_record"),
    path("kelola/", staff.site_list, name="staff_sites"),
    path("kelola/titik/baru/", staff.site_create, name="staff_site_create"),
    path("kelola/titik/<int:pk>/", staff.site_edit, name="staff_site"),
    path("kelola/titik/<int:pk>/nonaktifkan/", staff.site_deactivate, name="staff_site_deactivate"),
    path("kelola/titik/<int:pk>/koneksi/baru/", staff.connection_add, name="staff_connection_add"),
    path("kelola/koneksi/<int:pk>/akhiri/", staff.connection_end, name="staff_connection_end"),
    path("kelola/impor/", staff.import_upload, name="staff_import_upload"),
    path("kelola/impor/templat.csv", staff.import_template, name="staff_import_template"),
    path("kelola/impor/<int:pk>/", staff.import_report, name="staff_import"),
    path("kelola/impor/<int:pk>/laporan.json", staff.import_report_json, name="staff_import_json"),
]
