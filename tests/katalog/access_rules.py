"""Access-matrix rules of the Katalog TIK (merged into tests/access/rules.py): records of the "own"
kabupaten, built the first time a rule asks for them."""

from __future__ import annotations

from tests.access.engine import Actor, Rule, api, method_not_allowed, own_record, public, staff

_MANAGERS = ("admin", "pengelola_tik")
#: a pengelola TIK reaches its own organisation only; a province admin everything
_record = own_record(_MANAGERS, province_roles=("admin",))


def katalog_world(world: dict) -> dict:
    if "katalog" not in world:
        from tests.katalog.helpers import make_app, make_asset, make_service

        org = world["organisation"]
        asset = make_asset(org, "Server Matriks", kind="server")
        app = make_app(org, "Aplikasi Matriks", hosting=asset)
        world["katalog"] = {"app": app, "asset": asset, "service": make_service(org, "Layanan Matriks", [app])}
    return world["katalog"]


def _pk(key: str):
    return lambda w: {"pk": katalog_world(w)[key].pk}


def _code(key: str):
    return lambda w: {"code": katalog_world(w)[key].code}


def _api_managed(actor: Actor) -> int:
    # a verified session counts; the asset answers only to those who manage it (others: 404)
    if actor.role in _MANAGERS and (actor.place == "own" or (actor.place == "province" and actor.role == "admin")):
        return 200
    return 404


KATALOG: dict[str, Rule] = {
    "katalog:index": Rule(public),
    "katalog:application": Rule(public, _code("app")),
    "katalog:services": Rule(public),
    "katalog:service": Rule(public, _code("service")),
    "katalog:manage_index": Rule(staff(_MANAGERS)),
    "katalog:manage_application_create": Rule(staff(_MANAGERS)),
    "katalog:manage_application": Rule(_record, _pk("app")),
    "katalog:manage_application_edit": Rule(_record, _pk("app")),
    "katalog:manage_application_stage": Rule(method_not_allowed, _pk("app")),
    "katalog:manage_application_audit": Rule(method_not_allowed, _pk("app")),
    "katalog:manage_application_risk": Rule(method_not_allowed, _pk("app")),
    "katalog:manage_assets": Rule(staff(_MANAGERS)),
    "katalog:manage_asset_create": Rule(staff(_MANAGERS)),
    "katalog:manage_asset": Rule(_record, _pk("asset")),
    "katalog:manage_asset_edit": Rule(_record, _pk("asset")),
    "katalog:manage_asset_audit": Rule(method_not_allowed, _pk("asset")),
    "katalog:manage_services": Rule(staff(_MANAGERS)),
    "katalog:manage_service_create": Rule(staff(_MANAGERS)),
    "katalog:manage_service": Rule(_record, _pk("service")),
    "katalog:manage_service_edit": Rule(_record, _pk("service")),
    "katalog:manage_export": Rule(_record, lambda w: {"slug": w["organisation"].slug, "fmt": "xlsx"}),
    "katalog:manage_import": Rule(staff(_MANAGERS)),
    # API: applications and services are public (a GET of the write routes reads the same path)
    "api:katalog_application_list": Rule(public),
    "api:katalog_application_create": Rule(public),
    "api:katalog_application_detail": Rule(public, _code("app")),
    "api:katalog_application_update": Rule(public, _code("app")),
    "api:katalog_application_security": Rule(api(_api_managed), _code("app")),
    "api:katalog_service_list": Rule(public),
    "api:katalog_service_create": Rule(public),
    "api:katalog_service_detail": Rule(public, _code("service")),
    "api:katalog_service_update": Rule(public, _code("service")),
    # infrastructure is internal: a token or verified session; the list is scoped (maybe empty)
    "api:katalog_asset_list": Rule(api(lambda a: 200)),
    "api:katalog_asset_create": Rule(api(lambda a: 200)),
    "api:katalog_asset_detail": Rule(api(_api_managed), _code("asset")),
    "api:katalog_asset_update": Rule(api(_api_managed), _code("asset")),
}
