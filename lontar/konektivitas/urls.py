"""URLs under /konektivitas/: public maps and pages, Cek koneksi, staff pages (kelola/)."""

from django.urls import path

from lontar.konektivitas.views import cek, public

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
]
