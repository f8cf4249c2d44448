"""CKAN dictionaries (package, resource, organization, group) from the published snapshots.

Pure functions: plain values in, plain dicts out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from lontar.catalog.models.choices import FORMAT_MEDIA_TYPES
from lontar.catalog.reference import licence

CKAN_DATE = "%Y-%m-%dT%H:%M:%S.%f"
TAG_NAMESPACE = uuid.UUID("6f1d3c1e-5b7a-5c2e-9a51-6c6f6e746172")  # fixed: tag ids never change


def ckan_time(value: dt.datetime | str | None) -> str | None:
    """CKAN writes naive UTC timestamps: ``2024-05-01T10:00:00.123456``."""
    if value is None:
        return None
    if isinstance(value, str):
        if len(value) == 32 and value.endswith("+00:00") and value[10] == "T" and value[19] == "." and value[0] != "0":
            return value[:26]  # a snapshot's own UTC isoformat() with microseconds: already that text
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.strftime(CKAN_DATE)


def resource_url(base: str, slug: str, res: dict[str, Any]) -> str:
    if res.get("url"):
        return res["url"]
    return f"{base}/dataset/{slug}/resource/{res['id']}/download/{res.get('filename') or 'berkas'}"


def resource_dict(res: dict[str, Any], *, package_id: str, slug: str, base: str, position: int) -> dict[str, Any]:
    return {
        "id": res["id"],
        "package_id": package_id,
        "name": res["name"],
        "description": res.get("description", ""),
        "format": res["format"],
        "mimetype": FORMAT_MEDIA_TYPES.get(res["format"]),
        # the media type inside an archive; a ZIP's contents are not recorded, so null as in CKAN
        "mimetype_inner": res.get("mimetype_inner"),
        "url": resource_url(base, slug, res),
        "url_type": None if res.get("url") else "upload",
        "size": res.get("size"),
        "hash": f"sha256:{res['sha256']}" if res.get("sha256") else "",
        "created": ckan_time(res.get("created")),
        "last_modified": ckan_time(res.get("last_modified")),
        "metadata_modified": ckan_time(res.get("last_modified")),
        "datastore_active": bool(res.get("datastore_table_id")),
        "position": position,
        "state": "active",
        "resource_type": None,
    }


def organization_dict(org: Any, *, package_count: int | None = None) -> dict[str, Any]:
    result = {
        "id": str(org.pk),
        "name": org.slug,
        "title": org.name,
        "display_name": org.name,
        "description": "",
        "image_url": "",
        "image_display_url": "",
        "created": ckan_time(org.created_at),
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
        "type": "organization",
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def group_dict(topic: dict[str, Any] | Any, *, package_count: int | None = None) -> dict[str, Any]:
    slug = topic["slug"] if isinstance(topic, dict) else topic.slug
    name = topic["name"] if isinstance(topic, dict) else topic.name
    code = topic["code"] if isinstance(topic, dict) else topic.code
    result = {
        "id": slug,
        "name": slug,
        "title": name,
        "display_name": name,
        "description": f"Urusan {code}",
        "image_display_url": "",
        "is_organization": False,
        "state": "active",
        "type": "group",
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def tag_id(name: str) -> str:
    """A stable UUID for a tag (CKAN tags have one): the same name gives the same id everywhere."""
    return str(uuid.uuid5(TAG_NAMESPACE, name))


def tag_dict(name: str) -> dict[str, Any]:
    return {"id": tag_id(name), "name": name, "display_name": name, "vocabulary_id": None}


def _extras(snap: dict[str, Any]) -> list[dict[str, str]]:
    temporal = snap["temporal"]
    spatial = snap["spatial"]
    pairs = [
        ("update_frequency", snap["update_frequency"]),
        ("temporal_start", temporal["start"]),
        ("temporal_end", temporal["end"]),
        ("spatial_level", spatial["level"]),
        ("spatial_region_code", spatial["region_code"]),
        ("spatial_region", spatial["region_name"]),
        ("data_prioritas", "true" if snap["is_prioritas"] else "false"),
        ("release_date", snap["release_date"]),
        ("source", snap["source"]),
        ("sample_data", "true" if snap["is_sample"] else "false"),
        ("version_published", snap["published_at"]),
    ]
    return [{"key": k, "value": str(v)} for k, v in pairs if v not in (None, "")]


def package_dict(
    snap: dict[str, Any], *, org: Any, base: str, created: Any, modified: Any, organization: dict | None = None
) -> dict[str, Any]:
    """The CKAN dataset dict of a published snapshot (``organization``: ``organization_dict(org)``
    when the caller has it already)."""
    lic = licence(snap["licence"])
    package_id = snap["id"]
    contact = snap["contact"]
    resources = [
        resource_dict(r, package_id=package_id, slug=snap["slug"], base=base, position=i)
        for i, r in enumerate(snap["resources"])
    ]
    return {
        "id": package_id,
        "name": snap["slug"],
        "title": snap["title"],
        "notes": snap["description"],
        "url": f"{base}/dataset/{snap['slug']}/",
        "version": str(snap["version"]),
        "license_id": snap["licence"],
        "license_title": lic.title if lic else snap["licence"],
        "license_url": lic.url if lic else "",
        "isopen": bool(lic and lic.is_open),
        "author": snap["organisation"]["name"],
        "author_email": contact.get("email") or "",
        "maintainer": contact.get("name") or snap["organisation"]["name"],
        "maintainer_email": contact.get("email") or "",
        "owner_org": str(org.pk),
        "organization": organization if organization is not None else organization_dict(org),
        "groups": [group_dict(t) for t in snap["topics"]],
        "tags": [{**tag_dict(t), "state": "active"} for t in snap["tags"]],
        "extras": _extras(snap),
        "resources": resources,
        "num_resources": len(resources),
        "num_tags": len(snap["tags"]),
        "metadata_created": ckan_time(created),
        "metadata_modified": ckan_time(modified),
        "private": False,
        "state": "active",
        "type": "dataset",
        "creator_user_id": None,
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def entry_package(entry: Any, base: str) -> dict[str, Any]:
    return package_dict(
        entry.version.snapshot,
        org=entry.organisation,
        base=base,
        created=entry.metadata_created,
        modified=entry.metadata_modified,
    )
