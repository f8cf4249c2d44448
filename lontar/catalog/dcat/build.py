"""DCAT (DCAT-AP style) nodes for the catalogue and its public datasets, from the snapshots."""

from __future__ import annotations

from typing import Any

from lontar.catalog.dcat.graph import Iri, Literal, Node
from lontar.catalog.models.choices import FORMAT_MEDIA_TYPES, FREQUENCY_URI
from lontar.catalog.reference import licence

FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
MEDIA_TYPE_BASE = "https://www.iana.org/assignments/media-types/"


def dataset_iri(base: str, snap: dict[str, Any]) -> str:
    return f"{base}/dataset/{snap['id']}"


def _dt(value: Any) -> Literal | None:
    return Literal(value.isoformat() if hasattr(value, "isoformat") else str(value), "xsd:dateTime") if value else None


def _distribution(base: str, snap: dict[str, Any], res: dict[str, Any], licence_url: str) -> Node:
    from lontar.catalog.ckan.serialize import resource_url

    url = resource_url(base, snap["slug"], res)
    node = Node(id=f"{dataset_iri(base, snap)}/resource/{res['id']}", type=["dcat:Distribution"])
    node.add("dct:identifier", Literal(res["id"]))
    node.add("dct:title", Literal(res["name"]))
    node.add("dct:description", Literal(res.get("description") or ""))
    node.add("dcat:accessURL", Iri(url))
    if not res.get("url"):
        node.add("dcat:downloadURL", Iri(url))
    node.add("dct:format", Literal(res["format"]))
    media = FORMAT_MEDIA_TYPES.get(res["format"])
    if media:
        node.add("dcat:mediaType", Iri(MEDIA_TYPE_BASE + media))
    if res.get("size") is not None:
        node.add("dcat:byteSize", Literal(str(res["size"]), "xsd:nonNegativeInteger"))
    if licence_url:
        node.add("dct:license", Iri(licence_url))
    node.add("dct:modified", _dt(res.get("last_modified")))
    return node


def _temporal(snap: dict[str, Any]) -> Node | None:
    start, end = snap["temporal"]["start"], snap["temporal"]["end"]
    if start is None and end is None:
        return None
    node = Node(type=["dct:PeriodOfTime"])
    node.add("dcat:startDate", Literal(f"{start or end}-01-01", "xsd:date"))
    node.add("dcat:endDate", Literal(f"{end or start}-12-31", "xsd:date"))
    return node


def _spatial(snap: dict[str, Any]) -> Node | None:
    spatial = snap["spatial"]
    if not spatial.get("region_code"):
        return None
    node = Node(type=["dct:Location"])
    node.add("skos:prefLabel", Literal(spatial["region_name"] or "", lang="id"))
    node.add("dct:identifier", Literal(spatial["region_code"]))
    return node


def dataset_node(base: str, snap: dict[str, Any], *, issued: Any, modified: Any) -> Node:
    lic = licence(snap["licence"])
    licence_url = lic.url if lic else ""
    node = Node(id=dataset_iri(base, snap), type=["dcat:Dataset"])
    node.add("dct:identifier", Literal(snap["id"]))
    node.add("dct:title", Literal(snap["title"], lang="id"))
    node.add("dct:description", Literal(snap["description"], lang="id"))
    node.add("dcat:keyword", *[Literal(t, lang="id") for t in snap["tags"]])
    node.add("dcat:theme", *[Iri(f"{base}/group/{t['slug']}") for t in snap["topics"]])
    publisher = Node(id=f"{base}/organization/{snap['organisation']['slug']}", type=["foaf:Organization"])
    publisher.add("foaf:name", Literal(snap["organisation"]["name"]))
    node.add("dct:publisher", publisher)
    node.add("dct:issued", _dt(issued))
    node.add("dct:modified", _dt(modified))
    node.add("owl:versionInfo", Literal(str(snap["version"])))
    node.add("dcat:landingPage", Iri(f"{base}/dataset/{snap['slug']}/"))
    if licence_url:
        node.add("dct:license", Iri(licence_url))
    frequency = FREQUENCY_URI.get(snap["update_frequency"])
    if frequency:
        node.add("dct:accrualPeriodicity", Iri(FREQUENCY_BASE + frequency))
    node.add("dct:temporal", _temporal(snap))
    node.add("dct:spatial", _spatial(snap))
    node.add("dct:source", Literal(snap.get("source") or ""))
    contact = snap["contact"]
    if contact.get("email") or contact.get("name"):
        point = Node(type=["vcard:Organization"])
        point.add("vcard:fn", Literal(contact.get("name") or snap["organisation"]["name"]))
        if contact.get("email"):
            point.add("vcard:hasEmail", Iri(f"mailto:{contact['email']}"))
        node.add("dcat:contactPoint", point)
    node.add("dcat:distribution", *[_distribution(base, snap, r, licence_url) for r in snap["resources"]])
    return node


def catalog_node(base: str, dataset_iris: list[str], *, title: str, description: str, modified: Any) -> Node:
    node = Node(id=f"{base}/catalog", type=["dcat:Catalog"])
    node.add("dct:title", Literal(title, lang="id"))
    node.add("dct:description", Literal(description, lang="id"))
    node.add("foaf:homepage", Iri(f"{base}/dataset/"))
    node.add("dct:language", Iri("http://publications.europa.eu/resource/authority/language/IND"))
    node.add("dct:modified", _dt(modified))
    node.add("dcat:dataset", *[Iri(i) for i in dataset_iris])
    return node


def paging_node(page_url: str, *, total: int, per_page: int, page: int, url_for: Any) -> Node:
    """hydra:PagedCollection, as ckanext-dcat pages its catalogue."""
    last = max(1, -(-total // per_page))
    node = Node(id=page_url, type=["hydra:PagedCollection"])
    node.add("hydra:totalItems", Literal(str(total), "xsd:integer"))
    node.add("hydra:itemsPerPage", Literal(str(per_page), "xsd:integer"))
    node.add("hydra:firstPage", Literal(url_for(1)))
    node.add("hydra:lastPage", Literal(url_for(last)))
    if page > 1:
        node.add("hydra:previousPage", Literal(url_for(page - 1)))
    if page < last:
        node.add("hydra:nextPage", Literal(url_for(page + 1)))
    return node
