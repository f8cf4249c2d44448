"""Public data routes, mounted at /data/ (namespace ``data``)."""

from django.urls import path, re_path

from lontar.datastore.views import data, sql

app_name = "data"

KEY = r"(?P<key>[A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9][A-Za-z0-9_-]*){0,3})"

urlpatterns = [
    path("", data.index, name="index"),
    path("sql", sql.sql_page, name="sql"),
    path("sql.json", sql.sql_json, name="sql_json"),
    re_path(rf"^{KEY}\.(?P<fmt>json|csv|xlsx|parquet)$", data.table_data, name="table_data"),
    re_path(rf"^{KEY}$", data.table_page, name="table"),
]
