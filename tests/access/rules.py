"""Expected status of every URL for every actor. Every named URL must have a rule here.

Kinds of rule (tests/access/engine.py): ``public``, ``signed_in``, ``staff(roles,
province_roles=…)``, ``province_admin``, ``own_record(roles, province_roles=…)``,
``method_not_allowed`` (POST-only endpoints answer a GET with 405, or refuse it earlier),
``redirect_when_signed_in``, ``always(status)`` (the same answer for everybody), ``api(expect)``
(401 problem+json for anonymous callers, then ``expect``).
"""

from __future__ import annotations

from tests.access.engine import (
    Actor,
    Rule,
    always,
    api,
    method_not_allowed,
    own_record,
    province_admin,
    public,
    redirect_when_signed_in,
    signed_in,
    staff,
)
from tests.access.world import catalog_world, datastore_world, ppid_world
from tests.evaluations.questionnaire_access import QUESTIONNAIRES
from tests.katalog.access_rules import KATALOG
from tests.konektivitas.access_rules import KONEKTIVITAS_SITES


def _api_me(actor: Actor) -> int:
    # A session counts for the API only once 2FA passed (the matrix clients have passed it).
    return 401 if actor.anonymous else 200


def _token_revoke(actor: Actor) -> set[int]:
    # Tokens are personal: another user's token answers 404 like a missing one.
    return {302} if actor.anonymous else {404}


def _password_reset_confirm(actor: Actor) -> set[int]:
    # An invalid link shows the "link no longer valid" page.
    return {200, 302}


def _track_link(request) -> str:
    from lontar.ppid.privacy import links

    return links.track_link_value(request.pk, request.tracking_digest)


def _staff_workspace(actor: Actor) -> int:
    return 302 if actor.anonymous else 200


FOUNDATION: dict[str, Rule] = {
    "core:home": Rule(public),
    "core:about": Rule(public),
    "core:patterns": Rule(public),
    "core:signing_key": Rule(public),
    "core:security_txt": Rule(public),
    "set_language": Rule(method_not_allowed),
    "organisations:directory": Rule(public),
    "organisations:detail": Rule(public, lambda w: {"slug": w["organisation"].slug}),
    "organisations:region": Rule(public, lambda w: {"code": w["organisation"].region_id}),
    "accounts:login": Rule(redirect_when_signed_in),
    "accounts:logout": Rule(method_not_allowed),
    "accounts:2fa_verify": Rule(lambda a: {200, 302}),
    "accounts:2fa_enrol": Rule(lambda a: {200, 302}),
    "accounts:dashboard": Rule(_staff_workspace),
    "notifications:queue": Rule(_staff_workspace),
    "notifications:preferences": Rule(_staff_workspace),
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
    "evaluations:verify_signature": Rule(public, _ev("report", "number", "number")),
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

# ---- PPID (lontar.ppid; docs/ppid.md): records from tests/access/world.py:ppid_world ----
#: roles that open the PPID staff pages (lontar.ppid.permissions.STAFF_ROLES)
_PPID_STAFF = ("ppid", "ppid_pelaksana", "atasan_ppid", "admin")
#: of the province-wide roles only the province admin acts in PPID (docs/ppid.md: "province admin");
#: tim_koordinasi has no PPID capability, so it is refused like any other role
_PPID_PROVINCE = ("admin",)
#: who sees the request: its body's PPID and atasan, and the PPID Pelaksana it is assigned to
_ppid_request = own_record(("ppid", "ppid_pelaksana", "atasan_ppid"), province_roles=_PPID_PROVINCE)
#: who handles it (personal data, identity documents, the notice form): the atasan sees the request
#: but may not act, a 403 (docs/ppid.md)
_ppid_handler = own_record(("ppid", "ppid_pelaksana"), province_roles=_PPID_PROVINCE, refused=("atasan_ppid",))


def _pp(key: str, field: str = "pk", name: str = "pk"):
    def kwargs(world: dict) -> dict:
        return {name: getattr(ppid_world(world)[key], field)}

    return kwargs


def _pp_request(world: dict) -> dict:
    return {"pk": ppid_world(world)["request"].pk}


PPID: dict[str, Rule] = {
    "ppid:index": Rule(public),
    "ppid:body": Rule(public, _pp("body", "slug", "slug")),
    "ppid:statistics": Rule(public),
    "ppid:register": Rule(public),  # the public register: no personal data
    "ppid:objection_register": Rule(public),  # the public register of keberatan: no personal data
    "ppid:report": Rule(public),  # annual / semester report: aggregated figures only
    "ppid:report_pdf": Rule(public),
    "ppid:report_xlsx": Rule(public),
    "ppid:request_new": Rule(public),
    "ppid:track": Rule(public),
    "ppid:track_withdraw": Rule(method_not_allowed),
    "ppid:track_receipt": Rule(method_not_allowed),
    "ppid:track_link": Rule(public, lambda w: {"signed": _track_link(ppid_world(w)["request"])}),
    "ppid:track_objection": Rule(method_not_allowed),
    # the signed, expiring links of the tracking page are the requester's key: valid for anyone holding them
    "ppid:track_pdf": Rule(public, lambda w: {"signed": ppid_world(w)["pdf_link"]}),
    "ppid:track_file": Rule(public, lambda w: {"signed": ppid_world(w)["file_link"]}),
    "ppid:verify": Rule(public, _pp("notice", "verification_code", "code")),
    "ppid:verify_signature": Rule(public, _pp("notice", "verification_code", "code")),
    "ppid:staff_inbox": Rule(staff(_PPID_STAFF)),
    "ppid:staff_objections": Rule(staff(_PPID_STAFF)),
    "ppid:staff_tests": Rule(staff(_PPID_STAFF)),
    "ppid:staff_bodies": Rule(staff(_PPID_STAFF)),
    # the register with personal data lists the requests of the bodies the actor manages
    "ppid:staff_register": Rule(staff(("ppid", "admin"))),
    # registering needs a body to register for: the PPID of one, or the province admin
    "ppid:staff_intake": Rule(staff(("ppid",), province_roles=_PPID_PROVINCE)),
    "ppid:staff_test_new": Rule(staff(("ppid",), province_roles=_PPID_PROVINCE)),
    "ppid:staff_body": Rule(own_record(("ppid",), province_roles=_PPID_PROVINCE), _pp("body", "slug", "slug")),
    "ppid:staff_detail": Rule(_ppid_request, _pp_request),
    "ppid:staff_notice_pdf": Rule(_ppid_request, _pp_request),
    "ppid:staff_notice_file": Rule(
        _ppid_request, lambda w: {**_pp_request(w), "file_pk": ppid_world(w)["notice_file"].pk}
    ),
    "ppid:staff_document": Rule(_ppid_handler, lambda w: {**_pp_request(w), "doc_pk": ppid_world(w)["document"].pk}),
    "ppid:staff_notice": Rule(_ppid_handler, _pp_request),
    "ppid:staff_action": Rule(method_not_allowed, lambda w: {**_pp_request(w), "action": "perpanjang"}),
    "ppid:staff_objection_new": Rule(method_not_allowed, _pp_request),
    "ppid:staff_objection_action": Rule(method_not_allowed, lambda w: {**_pp("objection")(w), "action": "jawab"}),
    # Daftar Informasi Publik and the list of exempt information: public; managed by the body's PPID
    "ppid:dip": Rule(public),
    "ppid:body_dip": Rule(public, _pp("body", "slug", "slug")),
    "ppid:dip_document": Rule(public, _pp("dip_entry")),
    "ppid:dik": Rule(public),
    "ppid:staff_dip": Rule(staff(_PPID_STAFF)),
    "ppid:staff_dip_new": Rule(staff(("ppid",), province_roles=_PPID_PROVINCE)),
    "ppid:staff_dip_edit": Rule(own_record(("ppid",), province_roles=_PPID_PROVINCE), _pp("dip_entry")),
    "ppid:staff_dip_delete": Rule(own_record(("ppid",), province_roles=_PPID_PROVINCE), _pp("dip_entry")),
    # API under /api/v1/ppid/ (token or verified session; problem+json)
    "api:statistics": Rule(public),
    "api:report": Rule(public),
    "api:bodies": Rule(public),
    "api:dip": Rule(public),
    "api:dikecualikan": Rule(public),
    "api:tracking": Rule(method_not_allowed),
    "api:request_list": Rule(api(staff(_PPID_STAFF))),
    "api:request_detail": Rule(api(_ppid_request), _pp_request),
    **{
        f"api:{name}": Rule(method_not_allowed, _pp_request)
        for name in ("assign", "extend", "mark_incomplete", "complete", "notice", "deliver", "close", "withdraw")
    },
    "api:objection_answer": Rule(method_not_allowed, _pp("objection")),
}


# ---- Catalogue (lontar.catalog): records from tests/access/world.py:catalog_world ----
_PRODUSEN, _WALIDATA, _PEMBINA = "produsen_data", "walidata", "pembina_data"
_CATALOG_ROLES = (_PRODUSEN, _WALIDATA, _PEMBINA)
#: The catalogue gives no reach to province-wide roles (lontar/catalog/roles.py: Produsen Data of the
#: organisation, Walidata of its instansi, superusers): safer than letting admin/tim_koordinasi see drafts.
_NO_PROVINCE: tuple[str, ...] = ()
#: a dataset: its Produsen Data and its instansi's Walidata; the Pembina Data sees only Data Prioritas
#: (the sample draft is not), so it gets a 404 like the roles without any catalogue role
_cat_reader = own_record((_PRODUSEN, _WALIDATA), province_roles=_NO_PROVINCE)
_cat_producer = own_record((_PRODUSEN,), province_roles=_NO_PROVINCE)
#: statistical metadata (MS-Keg): the Pembina Data of the instansi reads it too
_cat_metadata = own_record(_CATALOG_ROLES, province_roles=_NO_PROVINCE)


def _cat(key: str, field: str = "pk", name: str = "pk"):
    def kwargs(world: dict) -> dict:
        return {name: getattr(catalog_world(world)[key], field)}

    return kwargs


def _cat_resource(key: str):
    def kwargs(world: dict) -> dict:
        cat = catalog_world(world)
        return {"pk": cat[key.replace("_resource", "")].pk, "rid": cat[key].pk}

    return kwargs


def _cat_built(world: dict) -> dict:
    """No URL arguments; the catalogue records exist, so lists and feeds render them."""
    catalog_world(world)
    return {}


def _cat_public_resource(world: dict) -> dict:
    cat = catalog_world(world)
    return {"slug": cat["public"].slug, "rid": cat["public_resource"].pk, "filename": "laporan.pdf"}


CATALOG: dict[str, Rule] = {
    # public catalogue, DCAT, feed, CKAN façade
    "catalog:search": Rule(public, _cat_built),
    "catalog:detail": Rule(public, _cat("public", "slug", "slug")),
    "catalog:datapackage": Rule(public, _cat("public", "slug", "slug")),
    "catalog:version": Rule(public, lambda w: {**_cat("public", "slug", "slug")(w), "number": 1}),
    "catalog:resource_download": Rule(public, _cat_public_resource),
    "catalog:dataset_jsonld": Rule(public, _cat("public", "slug", "slug")),
    "catalog:dataset_ttl": Rule(public, _cat("public", "slug", "slug")),
    "catalog:catalog_jsonld": Rule(public, _cat_built),
    "catalog:catalog_ttl": Rule(public, _cat_built),
    # DCAT IRIs: a browser (no Accept for RDF) is sent to the HTML page with 303 See Other
    "catalog:catalog_iri": Rule(always(303), _cat_built),
    "catalog:dataset_iri": Rule(always(303), _cat("public", "pk", "key")),
    "catalog:distribution_iri": Rule(
        always(303), lambda w: {"key": catalog_world(w)["public"].pk, "rid": catalog_world(w)["public_resource"].pk}
    ),
    "catalog:scheme_iri": Rule(always(303)),
    "catalog:concept_iri": Rule(always(303), lambda w: {"slug": "kesehatan"}),
    "catalog:service_iri": Rule(always(303), lambda w: {"key": "ckan"}),
    "catalog:feed": Rule(public, _cat_built),
    "catalog:organisations": Rule(public, _cat_built),
    "catalog:organisation": Rule(always(302), lambda w: {"slug": w["organisation"].slug}),  # to the search page
    "catalog:ckan_root": Rule(public),
    "catalog:ckan_action": Rule(
        public, lambda w: {"name": "package_show"}, lambda w: {"id": catalog_world(w)["public"].slug}
    ),
    # the internal draft's file is in no public table: a 404 for everybody, its own staff included
    "catalog:ckan_datastore_dump": Rule(always(404), lambda w: {"resource_id": catalog_world(w)["draft_resource"].pk}),
    "catalog:indicators": Rule(public, _cat_built),
    "catalog:indicator": Rule(public, _cat("indicator")),
    "catalog:request_list": Rule(public, _cat_built),
    "catalog:request_new": Rule(public),
    "catalog:request_detail": Rule(public, _cat("data_request", "tracking_code", "code")),
    # staff (/kelola/data/)
    "catalog:manage_index": Rule(staff(_CATALOG_ROLES)),
    "catalog:manage_create": Rule(staff((_PRODUSEN,))),
    "catalog:manage_detail": Rule(_cat_reader, _cat("draft")),
    "catalog:manage_edit": Rule(_cat_producer, _cat("draft")),
    "catalog:manage_step": Rule(method_not_allowed, lambda w: {**_cat("draft")(w), "step": "submit"}),
    "catalog:manage_resource_add": Rule(_cat_producer, _cat("draft")),
    "catalog:manage_resource_edit": Rule(_cat_producer, _cat_resource("draft_resource")),
    "catalog:manage_resource_remove": Rule(_cat_producer, _cat_resource("draft_resource")),
    "catalog:manage_columns": Rule(_cat_producer, _cat_resource("draft_resource")),
    "catalog:manage_resource_download": Rule(_cat_reader, _cat_resource("draft_resource")),
    "catalog:manage_activities": Rule(staff(_CATALOG_ROLES)),
    "catalog:manage_activity_create": Rule(staff((_PRODUSEN,))),
    "catalog:manage_activity": Rule(_cat_metadata, _cat("activity")),
    "catalog:manage_activity_edit": Rule(_cat_producer, _cat("activity")),
    "catalog:manage_activity_export": Rule(_cat_metadata, lambda w: {**_cat("activity")(w), "fmt": "json"}),
    "catalog:manage_variable_create": Rule(_cat_producer, _cat("activity")),
    "catalog:manage_variable_edit": Rule(
        _cat_producer, lambda w: {**_cat("activity")(w), "vid": catalog_world(w)["variable"].pk}
    ),
    "catalog:manage_indicator_create": Rule(staff((_PRODUSEN,))),
    "catalog:manage_indicator_edit": Rule(_cat_producer, _cat("indicator")),
    "catalog:manage_requests": Rule(staff((_WALIDATA,))),
    "catalog:manage_request": Rule(own_record((_WALIDATA,), province_roles=_NO_PROVINCE), _cat("data_request")),
}


# ---- Datastore (lontar.datastore): the table from tests/access/world.py:datastore_world ----
#: who loads and sees tables (lontar.datastore.permissions.LOAD_ROLES); of the province-wide roles
#: only the admin is one of them
_DS_ROLES = ("walidata", "produsen_data", "admin")
_ds_table = own_record(_DS_ROLES, province_roles=("admin",))


def _ds_pk(world: dict) -> dict:
    return {"pk": datastore_world(world)["table"].pk}


def _ds_key(world: dict) -> dict:
    return {"key": datastore_world(world)["table"].resource_key}


DATASTORE: dict[str, Rule] = {
    "datastore:list": Rule(staff(_DS_ROLES)),
    "datastore:detail": Rule(_ds_table, _ds_pk),
    "datastore:report": Rule(_ds_table, _ds_pk),
    "datastore:activate": Rule(method_not_allowed, _ds_pk),
    "datastore:visibility": Rule(method_not_allowed, _ds_pk),
    "data:index": Rule(public),
    "data:sql": Rule(public),
    "data:sql_json": Rule(public, None, lambda w: {"sql": "select 1 as satu"}),
    # the active table is not public: the public routes answer 404 to everybody, its own staff included
    # (serving public rows needs committed data; tests/datastore/test_api.py covers that)
    "data:table": Rule(always(404), _ds_key),
    "data:table_data": Rule(always(404), lambda w: {**_ds_key(w), "fmt": "json"}),
}


# ---- Konektivitas public pages and Cek koneksi (H-maps): a site of the "own" instansi ----
def _kon_site(world: dict) -> dict:
    if "kon_site" not in world:
        from tests.konektivitas.maps_helpers import make_site

        world["kon_site"] = make_site(world["organisation"], "MATRIKS-1", desa_code="53.01.01.2001")
    return {"code": world["kon_site"].code}


_KON_MANAGERS = staff(("pengelola_tik", "admin"))
KONEKTIVITAS_MAPS: dict[str, Rule] = {
    "konektivitas:province": Rule(public),
    "konektivitas:kabupaten": Rule(public, lambda w: {"code": "53.01"}),
    "konektivitas:site": Rule(public, _kon_site),
    "konektivitas:cek": Rule(_KON_MANAGERS),
    "konektivitas:cek_download": Rule(_KON_MANAGERS),
    "konektivitas:cek_ping": Rule(_KON_MANAGERS),
    "konektivitas:cek_upload": Rule(method_not_allowed),
    "konektivitas:cek_record": Rule(method_not_allowed),
    # one path: a GET is the public list of a site's measurements, a POST (token) records a batch
    "api:pengukuran_list": Rule(public, None, lambda w: {"site": _kon_site(w)["code"]}),
    "api:pengukuran_create": Rule(public, None, lambda w: {"site": _kon_site(w)["code"]}),
}

RULES: dict[str, Rule] = {
    **FOUNDATION,
    **ASSESSMENTS,
    **EVALUATIONS,
    **PPID,
    **CATALOG,
    **DATASTORE,
    **KONEKTIVITAS_MAPS,
    **KONEKTIVITAS_SITES,
    **KATALOG,
    **QUESTIONNAIRES,
}

#: URLs outside the matrix, with the reason.
EXCLUDED_PREFIXES = ("admin:",)  # Django admin: superusers only, tested in tests/accounts/test_admin.py
