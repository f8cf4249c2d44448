from django.urls import path

from lontar.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("verifikasi/", views.chain_verify, name="verify"),
]
