from django.urls import path

from lontar.calendar import views

app_name = "calendar"

urlpatterns = [
    path("", views.index, name="index"),
    path("tambah/", views.holiday_add, name="add"),
    path("<int:pk>/hapus/", views.holiday_remove, name="remove"),
]
