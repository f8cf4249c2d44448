"""Machine-readable descriptions of a public dataset: schema.org JSON-LD and Frictionless
``datapackage.json``. Pure functions over the published snapshot."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from lontar.catalog.ckan.serialize import resource_url
from lontar.catalog.models.choices import FORMAT_MEDIA_TYPES, TABULAR_FORMATS
from lontar.catalog.reference import licence

#: licence ids → the names the Frictionless spec recommends (SPDX / Open Definition)
FRICTIONLESS_LICENCES = {
    "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cc-zero": "CC0-1.0",
    "odc-by": "ODC-By-1.0",
    "odc-odbl": "ODbL-1.0",
    "odc-pddl": "PDDL-1.0",
}
FRICTIONLESS_TYPES = {
    "integer": "integer",
    "decimal": "number",
    "date": "date",
    "boolean": "boolean",
    "text": "string",
    "region_code": "string",
}


def _field(column: dict[str, Any]) -> dict[str, Any]:
    field = {"name": column["name"], "type": FRICTIONLESS_TYPES.get(column["type"], "string")}
    if column.get("label"):
        field["title"] = column["label"]
    description = column.get("description") or ""
    if column.get("unit"):
        description = f"{description} (satuan: {column['unit']})".strip()
    if description:
        field["description"] = description
    if column["type"] == "region_code":
        field["constraints"] = {"pattern": r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"}
    return field


def _package_resource(base: str, snap: dict[str, Any], res: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": res["slug"],
        "title": res["name"],
        "path": resource_url(base, snap["slug"], res),
        "format": res["format"].lower(),
        "mediatype": FORMAT_MEDIA_TYPES.get(res["format"], "application/octet-stream"),
    }
    if res.get("description"):
        out["description"] = res["description"]
    if res.get("size") is not None:
        out["bytes"] = res["size"]
    if res.get("sha256"):
        out["hash"] = f"sha256:{res['sha256']}"
    if res["format"] in TABULAR_FORMATS and res.get("columns"):
        out["profile"] = "tabular-data-resource"
        out["schema"] = {"fields": [_field(c) for c in res["columns"]]}
        if res["format"] == "CSV":
            out["encoding"] = "utf-8"
    return out


def datapackage(base: str, snap: dict[str, Any]) -> dict[str, Any]:
    """A Frictionless Data Package (v1) describing the published version."""
    lic = licence(snap["licence"])
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": snap["slug"],
        "id": snap["id"],
        "title": snap["title"],
        "description": snap["description"],
        "homepage": f"{base}/dataset/{snap['slug']}/",
        "version": str(snap["version"]),
        "created": snap["published_at"],
        "keywords": snap["tags"],
        "contributors": [{"title": snap["organisation"]["name"], "role": "publisher"}],
        "resources": [_package_resource(base, snap, r) for r in snap["resources"]],
    }
    if lic and lic.id in FRICTIONLESS_LICENCES:
        package["licenses"] = [{"name": FRICTIONLESS_LICENCES[lic.id], "path": lic.url, "title": lic.title}]
    if snap.get("source"):
        package["sources"] = [{"title": snap["source"]}]
    return package


def schema_org(base: str, snap: dict[str, Any], *, modified: Any) -> dict[str, Any]:
    """schema.org ``Dataset`` for search engines (Google Dataset Search reads it)."""
    lic = licence(snap["licence"])
    org = {
        "@type": "Organization",
        "name": snap["organisation"]["name"],
        "url": f"{base}/organization/{snap['organisation']['slug']}",
    }
    doc: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": f"{base}/dataset/{snap['id']}",
        "name": snap["title"],
        "description": snap["description"]
        if len(snap["description"]) >= 50
        else f"{snap['title']}. {snap['description']}",
        "url": f"{base}/dataset/{snap['slug']}/",
        "identifier": snap["id"],
        "version": str(snap["version"]),
        "keywords": snap["tags"] + [t["name"] for t in snap["topics"]],
        "isAccessibleForFree": True,
        "creator": org,
        "publisher": org,
        "datePublished": snap["first_published_at"],
        "dateModified": modified.isoformat() if hasattr(modified, "isoformat") else modified,
        "inLanguage": "id",
        "distribution": [
            {
                "@type": "DataDownload",
                "name": r["name"],
                "encodingFormat": FORMAT_MEDIA_TYPES.get(r["format"], r["format"]),
                "contentUrl": resource_url(base, snap["slug"], r),
            }
            for r in snap["resources"]
        ],
    }
    if lic and lic.url:
        doc["license"] = lic.url
    start, end = snap["temporal"]["start"], snap["temporal"]["end"]
    if start or end:
        doc["temporalCoverage"] = f"{start or end}/{end or start}" if start != end else str(start)
    if snap["spatial"].get("region_name"):
        doc["spatialCoverage"] = {"@type": "Place", "name": snap["spatial"]["region_name"]}
    return doc


def script_json(doc: dict[str, Any]) -> SafeString:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(doc, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)
