"""Access-matrix rules of the site registry's staff pages and API (H-status), merged into
tests/access/rules.py: a site and an import of the "own" kabupaten, built when first asked for."""

from __future__ import annotations

from tests.access.engine import Rule, method_not_allowed, own_record, public, staff

_MANAGERS = ("pengelola_tik", "admin")
#: a pengelola TIK or admin reaches its own instansi (and OPDs); a province admin every site
_record = own_record(_MANAGERS, province_roles=("admin",))


def _site(world: dict):
    if "kon_site" not in world:
        from tests.konektivitas.maps_helpers import make_site

        world["kon_site"] = make_site(world["organisation"], "MATRIKS-1", desa_code="53.01.01.2001")
    return world["kon_site"]


def _connection(world: dict):
    if "kon_connection" not in world:
        from lontar.konektivitas.models import Connection

        world["kon_connection"] = Connection.objects.create(
            site=_site(world), technology="vsat", technology_root="nirkabel", status="aktif"
        )
    return world["kon_connection"]


def _batch(world: dict):
    if "kon_import" not in world:
        from lontar.konektivitas.models import ImportBatch

        report = {"rows": 1, "ok_rows": 1, "error_rows": 0, "new": 1, "matched": 0, "errors": [], "warnings": []}
        world["kon_import"] = ImportBatch.objects.create(
            organisation=world["organisation"], file_name="matriks.csv", total_rows=1, report=report
        )
    return world["kon_import"]


KONEKTIVITAS_SITES: dict[str, Rule] = {
    "konektivitas:staff_sites": Rule(staff(_MANAGERS)),
    "konektivitas:staff_site_create": Rule(staff(_MANAGERS)),
    "konektivitas:staff_site": Rule(_record, lambda w: {"pk": _site(w).pk}),
    "konektivitas:staff_site_deactivate": Rule(method_not_allowed, lambda w: {"pk": _site(w).pk}),
    "konektivitas:staff_connection_add": Rule(_record, lambda w: {"pk": _site(w).pk}),
    "konektivitas:staff_connection_end": Rule(method_not_allowed, lambda w: {"pk": _connection(w).pk}),
    "konektivitas:staff_import_upload": Rule(staff(_MANAGERS)),
    "konektivitas:staff_import_template": Rule(staff(_MANAGERS)),
    "konektivitas:staff_import": Rule(_record, lambda w: {"pk": _batch(w).pk}),
    "konektivitas:staff_import_json": Rule(_record, lambda w: {"pk": _batch(w).pk}),
    # API: sites and coverage are public to read (a GET of a write route reads the same path)
    "api:titik_list": Rule(public),
    "api:titik_create": Rule(public),
    "api:titik_detail": Rule(public, lambda w: {"kode": _site(w).code}),
    "api:titik_update": Rule(public, lambda w: {"kode": _site(w).code}),
    "api:titik_connections": Rule(public, lambda w: {"kode": _site(w).code}),
    "api:titik_connection_add": Rule(public, lambda w: {"kode": _site(w).code}),
    "api:cakupan_list": Rule(public),
    "api:cakupan_upsert": Rule(public),
}
