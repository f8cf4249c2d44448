"""Staff pages of the datastore, mounted at /datastore/ (namespace ``datastore``)."""

from django.urls import path

from lontar.datastore.views import staff

app_name = "datastore"

urlpatterns = [
    path("", staff.table_list, name="list"),
    path("<int:pk>/", staff.table_detail, name="detail"),
    path("<int:pk>/laporan.json", staff.table_report, name="report"),
    path("<int:pk>/aktifkan/", staff.table_activate, name="activate"),
    path("<int:pk>/visibilitas/", staff.table_visibility, name="visibility"),
]
