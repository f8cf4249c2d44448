"""The PPID policy: one rule table read both ways — "may act" (can) and "may see" (visible) agree."""

from __future__ import annotations

import pytest

from lontar.accounts.models import Role
from lontar.ppid import services
from lontar.ppid.models import PublicBody
from lontar.ppid.permissions import REQUEST_ACTIONS, can_answer_objection, can_handle, can_manage_body
from lontar.ppid.policies import body_policy, request_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(bodies, login, django_user_model):
    return {
        "ppid": login(bodies["province"].organisation, Role.PPID)[1],
        "pelaksana": login(bodies["province_opd"].organisation, Role.PPID_PELAKSANA)[1],
        "atasan": login(bodies["province"].organisation, Role.ATASAN_PPID)[1],
        "kab_ppid": login(bodies["kabupaten"].organisation, Role.PPID)[1],
        "kab_pelaksana": login(bodies["kabupaten_opd"].organisation, Role.PPID_PELAKSANA)[1],
        "admin": login(bodies["province"].organisation, Role.ADMIN)[1],
        "kab_admin": login(bodies["kabupaten"].organisation, Role.ADMIN, email="admin.kab@uji.go.id")[1],
        "viewer": login(bodies["province"].organisation, Role.VIEWER)[1],
        "superuser": django_user_model.objects.create_superuser(email="root@uji.go.id", password="x" * 16),
    }


@pytest.fixture
def requests(submit, bodies, actors):
    prov, _ = submit("province")
    services.information_request_assign(actor=actors["ppid"], request=prov, to=bodies["province_opd"])
    kab, _ = submit("kabupaten")
    unassigned, _ = submit("province")
    found = {"prov_assigned": prov, "kab": kab, "prov": unassigned}
    for req in found.values():
        req.refresh_from_db()
    return found


#: (actor, request) -> the actions allowed, written out by hand from the rules in permissions.py
EXPECTED = {
    "ppid": {"prov_assigned": {"manage", "handle", "view"}, "prov": {"manage", "handle", "view"}, "kab": set()},
    "pelaksana": {"prov_assigned": {"handle", "view"}, "prov": set(), "kab": set()},
    "atasan": {
        "prov_assigned": {"view", "answer_objection"},
        "prov": {"view", "answer_objection"},
        "kab": set(),
    },
    "kab_ppid": {"prov_assigned": set(), "prov": set(), "kab": {"manage", "handle", "view"}},
    "kab_pelaksana": {"prov_assigned": set(), "prov": set(), "kab": set()},
    "kab_admin": {"prov_assigned": set(), "prov": set(), "kab": set()},
    "viewer": {"prov_assigned": set(), "prov": set(), "kab": set()},
}
EVERYTHING = set(REQUEST_ACTIONS)
EXPECTED["admin"] = dict.fromkeys(("prov_assigned", "prov", "kab"), EVERYTHING)
EXPECTED["superuser"] = dict.fromkeys(("prov_assigned", "prov", "kab"), EVERYTHING)


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_actions_per_actor_and_request(who, actors, requests):
    actor = actors[who]
    for key, req in requests.items():
        allowed = {action for action in REQUEST_ACTIONS if request_policy.can(actor, action, req)}
        assert allowed == EXPECTED[who][key], (who, key)
        assert can_handle(actor, req) == ("handle" in allowed)
        assert can_answer_objection(actor, req) == ("answer_objection" in allowed)


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_visible_is_exactly_what_may_be_viewed(who, actors, requests):
    """The queryset and the per-record answer come from the same rules, so they agree."""
    actor = actors[who]
    visible = set(request_policy.visible(actor).values_list("pk", flat=True))
    may_view = {r.pk for r in requests.values() if request_policy.can(actor, "view", r)}
    assert visible == may_view


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_bodies_managed_agree_with_can_manage_body(who, actors, bodies):
    actor = actors[who]
    managed = set(body_policy.visible(actor, PublicBody.objects.all()).values_list("pk", flat=True))
    assert managed == {b.pk for b in bodies.values() if can_manage_body(actor, b)}
    assert managed == {b.pk for b in bodies.values() if body_policy.can(actor, "manage", b)}


def test_a_kabupaten_admin_manages_no_body(actors, bodies):
    assert not any(can_manage_body(actors["kab_admin"], b) for b in bodies.values())
    assert all(can_manage_body(actors["admin"], b) for b in bodies.values())
