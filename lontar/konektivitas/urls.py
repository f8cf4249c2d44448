"""URLs under /konektivitas/: public maps and pages, Cek koneksi, staff pages (kelola/)."""

from django.urls import path  # noqa: F401

app_name = "konektivitas"

urlpatterns: list = []
