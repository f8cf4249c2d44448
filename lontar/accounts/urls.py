from django.contrib.auth import views as auth_views
from django.urls import path

from lontar.accounts.views import password, signin, tokens, twofactor, users

app_name = "accounts"

urlpatterns = [
    path("masuk/", signin.login_view, name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/", twofactor.two_factor_verify, name="2fa_verify"),
    path("2fa/daftar/", twofactor.two_factor_enrol, name="2fa_enrol"),
    path("sandi/lupa/", password.password_reset, name="password_reset"),
    path("sandi/lupa/terkirim/", password.password_reset_done, name="password_reset_done"),
    path("sandi/atur/<uidb64>/<token>/", password.password_reset_confirm, name="password_reset_confirm"),
    path("sandi/atur/selesai/", password.password_reset_complete, name="password_reset_complete"),
    path("sandi/ubah/", password.password_change, name="password_change"),
    path("sandi/ubah/selesai/", password.password_change_done, name="password_change_done"),
    path("token/", tokens.token_list, name="tokens"),
    path("token/<int:pk>/cabut/", tokens.token_revoke, name="token_revoke"),
    path("pengguna/", users.user_list, name="users"),
    path("pengguna/baru/", users.user_create, name="user_create"),
    path("pengguna/<int:pk>/", users.user_detail, name="user_detail"),
    path("pengguna/<int:pk>/peran/", users.membership_grant, name="membership_grant"),
    path("pengguna/<int:pk>/2fa/reset/", users.two_factor_reset, name="two_factor_reset"),
    path("pengguna/<int:pk>/peran/<int:membership_pk>/cabut/", users.membership_revoke, name="membership_revoke"),
    path("", signin.dashboard, name="dashboard"),
]
