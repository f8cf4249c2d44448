from django.urls import path

from lontar.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("wilayah/<str:code>/", views.region, name="region"),
    path("<slug:slug>/", views.detail, name="detail"),
]
