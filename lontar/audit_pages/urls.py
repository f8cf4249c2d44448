from django.urls import path

from lontar.audit_pages import views

app_name = "audit"  # the URL names stayed when the pages moved out of lontar.audit

urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("verifikasi/", views.chain_verify, name="verify"),
]
