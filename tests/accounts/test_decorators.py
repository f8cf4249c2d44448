"""staff_required and role_required on real views."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from lontar.accounts.decorators import role_required, staff_required
from lontar.accounts.models import Role
from tests.accounts.helpers import make_user

pytestmark = pytest.mark.django_db


@staff_required
def _staff_view(request):
    return HttpResponse("ok")


@role_required(Role.WALIDATA, Role.PRODUSEN_DATA)
def _data_view(request):
    return HttpResponse("ok")


def _request(user, verified: bool):
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/satudata/ubah/?x=1")
    request.session = SessionStore()
    request.user = user
    user.is_verified = lambda: verified
    return request


def test_anonymous_is_sent_to_login():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/satudata/ubah/")
    request.user = AnonymousUser()
    for view in (_staff_view, _data_view):
        response = view(request)
        assert response.status_code == 302
        assert response["Location"] == "/akun/masuk/?next=/satudata/ubah/"


def test_signed_in_without_2fa_is_sent_to_second_step(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA, device=True)
    response = _data_view(_request(user, verified=False))
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/?next=%2Fsatudata%2Fubah%2F%3Fx%3D1"


def test_signed_in_without_device_is_sent_to_enrolment(province):
    user = make_user("w@uji.go.id", province["province"], Role.WALIDATA)
    response = _staff_view(_request(user, verified=False))
    assert response["Location"].startswith("/akun/2fa/daftar/?next=")


def test_verified_with_role_passes(province):
    user = make_user("w@uji.go.id", province["province_opd"], Role.PRODUSEN_DATA, device=True)
    assert _data_view(_request(user, verified=True)).content == b"ok"
    assert _staff_view(_request(user, verified=True)).content == b"ok"


def test_wrong_role_is_403(province):
    user = make_user("p@uji.go.id", province["province"], Role.PPID, device=True)
    with pytest.raises(PermissionDenied):
        _data_view(_request(user, verified=True))


def test_viewer_passes_staff_required_without_2fa_but_not_roles(province):
    user = make_user("v@uji.go.id", province["province"], Role.VIEWER)
    assert _staff_view(_request(user, verified=False)).content == b"ok"
    with pytest.raises(PermissionDenied):
        _data_view(_request(user, verified=False))


def test_superuser_holds_every_role(db):
    user = make_user("root@uji.go.id", is_superuser=True, is_staff=True)
    TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    assert _data_view(_request(user, verified=True)).content == b"ok"
    assert _data_view(_request(user, verified=False)).status_code == 302


def test_role_required_needs_roles():
    with pytest.raises(ValueError):
        role_required()


def test_workspace_through_http(login, province):
    assert Client().get("/akun/").status_code == 302
    client, _ = login(province["province"], Role.ASESOR)
    assert client.get("/akun/").status_code == 200
