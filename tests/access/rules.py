"""Expected status of every URL for every actor. Every named URL must have a rule here.

Kinds of rule (tests/access/engine.py): ``public``, ``signed_in``, ``staff(roles)``,
``province_admin``, ``own_record(roles)``, ``method_not_allowed`` (POST-only endpoints answer a
GET with 405, or refuse it earlier), ``redirect_when_signed_in``.
"""

from __future__ import annotations

from tests.access.engine import (
    Actor,
    Rule,
    method_not_allowed,
    province_admin,
    public,
    redirect_when_signed_in,
    signed_in,
)


def _api_me(actor: Actor) -> int:
    # A session counts for the API only once 2FA passed (the matrix clients have passed it).
    return 401 if actor.anonymous else 200


def _token_revoke(actor: Actor) -> set[int]:
    # Tokens are personal: another user's token answers 404 like a missing one.
    return {302} if actor.anonymous else {404}


def _password_reset_confirm(actor: Actor) -> set[int]:
    # An invalid link shows the "link no longer valid" page.
    return {200, 302}


def _staff_workspace(actor: Actor) -> int:
    return 302 if actor.anonymous else 200


FOUNDATION: dict[str, Rule] = {
    "core:home": Rule(public),
    "core:about": Rule(public),
    "core:patterns": Rule(public),
    "set_language": Rule(method_not_allowed),
    "organisations:directory": Rule(public),
    "organisations:detail": Rule(public, lambda w: {"slug": w["organisation"].slug}),
    "accounts:login": Rule(redirect_when_signed_in),
    "accounts:logout": Rule(method_not_allowed),
    "accounts:2fa_verify": Rule(lambda a: {200, 302}),
    "accounts:2fa_enrol": Rule(lambda a: {200, 302}),
    "accounts:dashboard": Rule(_staff_workspace),
    "accounts:password_reset": Rule(lambda a: {200, 302}),
    "accounts:password_reset_done": Rule(lambda a: {200, 302}),
    "accounts:password_reset_confirm": Rule(_password_reset_confirm, lambda w: {"uidb64": "MQ", "token": "x-y"}),
    "accounts:password_reset_complete": Rule(lambda a: {200, 302}),
    "accounts:password_change": Rule(signed_in),
    "accounts:password_change_done": Rule(signed_in),
    "accounts:tokens": Rule(signed_in),
    "accounts:token_revoke": Rule(_token_revoke, lambda w: {"pk": w["token"].pk}),
    "accounts:users": Rule(province_admin),
    "accounts:user_create": Rule(province_admin),
    "accounts:user_detail": Rule(province_admin, lambda w: {"pk": w["member"].pk}),
    "accounts:membership_grant": Rule(method_not_allowed, lambda w: {"pk": w["member"].pk}),
    "accounts:membership_revoke": Rule(
        province_admin, lambda w: {"pk": w["member"].pk, "membership_pk": w["membership"].pk}
    ),
    "accounts:two_factor_reset": Rule(province_admin, lambda w: {"pk": w["member"].pk}),
    "audit:list": Rule(province_admin),
    "audit:detail": Rule(province_admin, lambda w: {"pk": w["audit_event"].pk}),
    "audit:verify": Rule(method_not_allowed),
    "calendar:index": Rule(public),
    "calendar:add": Rule(method_not_allowed),
    "calendar:remove": Rule(province_admin, lambda w: {"pk": w["holiday"].pk}),
    # API (django-ninja; errors are problem+json)
    "api:api-root": Rule(lambda a: {200, 404}),
    "api:openapi-json": Rule(public),
    "api:openapi-view": Rule(public),
    "api:me": Rule(_api_me),
    "api:region_list": Rule(public),
    "api:region_geojson": Rule(public),
    "api:region_detail": Rule(public, lambda w: {"code": "53.01"}),
    "api:region_geometry": Rule(public, lambda w: {"code": "53.01"}),
    "api:organisation_list": Rule(public),
    "api:organisation_detail": Rule(public, lambda w: {"slug": w["organisation"].slug}),
    "api:working_days": Rule(lambda a: 422, None),
    "api:holidays": Rule(public),
}


def _framework_code(world: dict) -> dict:
    """Framework pages need a stored framework: the small test definition, loaded once per world."""
    if "framework_code" not in world:
        from lontar.assessments.definitions import read_definition
        from lontar.assessments.services import framework_load
        from tests.assessments.conftest import MINI_FILE

        definition = read_definition(MINI_FILE)
        framework_load(definition=definition, source_file=MINI_FILE.name)
        world["framework_code"] = definition.code
    return {"code": world["framework_code"]}


#: Evaluation (lontar.assessments): frameworks, simulator and history are public; score/plan are POST-only.
ASSESSMENTS: dict[str, Rule] = {
    "assessments:framework_list": Rule(public),
    "assessments:framework_detail": Rule(public, _framework_code),
    "assessments:framework_simulator": Rule(public, _framework_code),
    "assessments:history_list": Rule(public),
    "assessments:history_detail": Rule(public, lambda w: {"slug": w["organisation"].slug}),
    "api:list_frameworks": Rule(public),
    "api:get_framework": Rule(public, _framework_code),
    "api:score_framework": Rule(method_not_allowed, _framework_code),
    "api:plan_framework": Rule(method_not_allowed, _framework_code),
}


# ---- Evaluations (lontar.evaluations): records from tests/evaluations/access_world.py ----
_TEAM_ROLES = ("admin", "tim_koordinasi")


def _ev(key: str, field: str = "pk", name: str = "pk"):
    def kwargs(world: dict) -> dict:
        from tests.evaluations.access_world import evaluation_world

        return {name: getattr(evaluation_world(world)[key], field)}

    return kwargs


def _ev_indicator(world: dict) -> dict:
    return {**_ev("submission")(world), "number": "1"}


def _ev_evidence(world: dict) -> dict:
    from tests.evaluations.access_world import evaluation_world

    ev = evaluation_world(world)
    return {"slug": ev["slug"], "pk": ev["evidence"].pk}


def _ev_manager(actor: Actor) -> bool:
    return actor.province_wide


def _ev_team(actor: Actor) -> bool:
    return actor.place == "own" and actor.role in _TEAM_ROLES


def _ev_manager_page(actor: Actor) -> int:
    # signed in, then 404 for anybody but the province's managers
    return 302 if actor.anonymous else (200 if _ev_manager(actor) else 404)


def _ev_cycle_open(actor: Actor) -> int:
    if actor.anonymous:
        return 302
    return 200 if _ev_manager(actor) else 403


def _ev_submission(actor: Actor) -> int:
    # own team, province managers and the asesor assigned (held in the province) see it; others 404
    if actor.anonymous:
        return 302
    assigned = actor.role == "asesor" and actor.place == "province"
    return 200 if _ev_team(actor) or _ev_manager(actor) or assigned else 404


def _ev_library(actor: Actor) -> int:
    if actor.anonymous:
        return 302
    return 200 if _ev_team(actor) or _ev_manager(actor) else 404


def _ev_download(actor: Actor) -> int:
    # a link item: readers are redirected to it (the assigned asesor too, since an answer cites it)
    if actor.anonymous:
        return 302
    assigned = actor.role == "asesor" and actor.place == "province"
    return 302 if _ev_team(actor) or _ev_manager(actor) or assigned else 404


EVALUATIONS: dict[str, Rule] = {
    "evaluations:cycle_list": Rule(public),
    "evaluations:cycle_open": Rule(_ev_cycle_open),
    "evaluations:cycle_detail": Rule(_ev_manager_page, _ev("cycle")),
    "evaluations:cycle_deadlines": Rule(method_not_allowed, _ev("cycle")),
    "evaluations:assignment_add": Rule(method_not_allowed, _ev("cycle")),
    "evaluations:assignment_remove": Rule(method_not_allowed, lambda w: {**_ev("cycle")(w), "assignment_pk": 1}),
    "evaluations:cycle_finalise": Rule(method_not_allowed, _ev("cycle")),
    "evaluations:cycle_export": Rule(public, lambda w: {**_ev("final", "cycle_id")(w), "fmt": "csv"}),
    "evaluations:dashboard_index": Rule(public),
    "evaluations:dashboard": Rule(public, _ev("final", "cycle_id")),
    "evaluations:submission_list": Rule(signed_in),
    "evaluations:submission_detail": Rule(_ev_submission, _ev("submission")),
    "evaluations:submission_submit": Rule(method_not_allowed, _ev("submission")),
    "evaluations:stage_start": Rule(method_not_allowed, _ev("submission")),
    "evaluations:review_accept_remaining": Rule(method_not_allowed, _ev("submission")),
    "evaluations:submission_finalise": Rule(method_not_allowed, _ev("submission")),
    "evaluations:evidence_reuse": Rule(method_not_allowed, _ev("submission")),
    "evaluations:indicator": Rule(_ev_submission, _ev_indicator),
    "evaluations:review_save": Rule(method_not_allowed, _ev_indicator),
    "evaluations:response_save": Rule(method_not_allowed, _ev_indicator),
    "evaluations:result": Rule(public, _ev("final")),
    "evaluations:report_issue": Rule(method_not_allowed, _ev("final")),
    "evaluations:report_download": Rule(public, _ev("final")),
    "evaluations:verify": Rule(public, _ev("report", "number", "number")),
    "evaluations:evidence_library": Rule(_ev_library, lambda w: {"slug": w["organisation"].slug}),
    "evaluations:evidence_detail": Rule(_ev_library, _ev_evidence),
    "evaluations:evidence_download": Rule(_ev_download, _ev_evidence),
    "evaluations:evidence_delete": Rule(method_not_allowed, _ev_evidence),
    "evaluations:targets": Rule(_ev_library, lambda w: {"slug": w["organisation"].slug}),
    "api:list_cycles": Rule(public),
    "api:cycle_ranking": Rule(public, _ev("final", "cycle_id", "cycle_id")),
    "api:get_submission": Rule(
        lambda a: 404 if a.anonymous else _ev_submission(a), _ev("submission", "pk", "submission_id")
    ),
    "api:put_answer": Rule(
        method_not_allowed, lambda w: {**_ev("submission", "pk", "submission_id")(w), "number": "1"}
    ),
}

RULES: dict[str, Rule] = {**FOUNDATION, **ASSESSMENTS, **EVALUATIONS}

#: URLs outside the matrix, with the reason.
EXCLUDED_PREFIXES = ("admin:",)  # Django admin: superusers only, tested in tests/accounts/test_admin.py
