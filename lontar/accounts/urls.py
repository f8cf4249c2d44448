from django.contrib.auth import views as auth_views
from django.urls import path

from lontar.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
]
