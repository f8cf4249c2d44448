from django.urls import path

from lontar.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("notifikasi/", views.preferences, name="preferences"),
]
