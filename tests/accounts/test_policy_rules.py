"""``lontar.accounts.permissions``: how far a membership reaches, and a Rule read both ways."""

from __future__ import annotations

import pytest
from django.http import Http404

from lontar.accounts.models import Role, User
from lontar.accounts.permissions import Reach, Rule, get_for_actor_or_404, visible_by
from lontar.organisations.models import Organisation

pytestmark = pytest.mark.django_db

EVERY = ("province", "province_opd", "kabupaten", "kabupaten_opd", "kota", "kota_opd")

COVERED = {
    # (membership, reach) -> organisations covered
    ("kabupaten", Reach.MEMBERSHIP): {"kabupaten", "kabupaten_opd"},
    ("kabupaten_opd", Reach.MEMBERSHIP): {"kabupaten_opd"},
    ("kabupaten", Reach.ORGANISATION): {"kabupaten"},
    ("kabupaten_opd", Reach.ORGANISATION): {"kabupaten_opd"},
    ("kabupaten", Reach.INSTANSI): {"kabupaten", "kabupaten_opd"},
    ("kabupaten_opd", Reach.INSTANSI): {"kabupaten", "kabupaten_opd"},
}


@pytest.mark.parametrize(("where", "reach"), list(COVERED))
def test_reach_covers_the_same_organisations_both_ways(province, login, where, reach):
    _c, user = login(province[where], Role.WALIDATA)
    rule = Rule((Role.WALIDATA,), reach=reach, field="")
    one_by_one = {name for name in EVERY if rule.allows(user, province[name])}
    by_query = {o.slug for o in visible_by(Organisation.objects.all(), (rule,), user)}
    assert one_by_one == COVERED[(where, reach)]
    assert by_query == {province[name].slug for name in COVERED[(where, reach)]}


def test_province_wide_roles_and_superusers_only_when_elevated(province, login):
    _c, admin = login(province["province_opd"], Role.ADMIN)
    superuser = User.objects.create_superuser("super@uji.go.id", "sandi-uji-yang-panjang")
    elevated = Rule((Role.ADMIN,))
    own = Rule((Role.ADMIN,), elevated=False)
    for user in (admin, superuser):
        assert elevated.covers(user, province["kota_opd"])
        assert elevated.condition(user) is None  # every record
        assert elevated.covers(user, None)  # a record without an organisation: province-wide only
    assert own.covers(admin, province["province_opd"])
    assert not own.covers(admin, province["kota_opd"])
    assert not own.covers(superuser, province["province_opd"])
    assert not own.covers(admin, None)


def test_no_role_sees_nothing_and_only_narrows(province, login):
    _c, viewer = login(province["kota"], Role.VIEWER)
    rule = Rule((Role.WALIDATA,), field="", only="is_active")
    assert not visible_by(Organisation.objects.all(), (rule,), viewer).exists()
    assert not visible_by(Organisation.objects.all(), (), viewer).exists()
    _c, walidata = login(province["kota"], Role.WALIDATA)
    province["kota_opd"].is_active = False
    province["kota_opd"].save()
    assert [o.slug for o in visible_by(Organisation.objects.all(), (rule,), walidata)] == [province["kota"].slug]
    assert not rule.allows(walidata, province["kota_opd"])


def test_get_for_actor_or_404_folds_missing_hidden_and_malformed(province):
    visible = Organisation.objects.filter(pk=province["kota"].pk)
    assert get_for_actor_or_404(visible, province["kota"].pk) == province["kota"]
    for pk in (province["kabupaten"].pk, 10**30, "bukan-angka", None):
        with pytest.raises(Http404):
            get_for_actor_or_404(visible, pk)
