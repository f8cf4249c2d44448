"""The nodes DCAT-AP wants typed: agents, themes (an urusan concept scheme), licences, file types,
media types, frequencies, data services. Pure functions: plain values in, :class:`Node` out.

Every node that has an IRI is typed with the class the DCAT-AP 3.0.1 range shapes expect (and its
common super-class), so the documents validate without loading the FOAF / vCard / SKOS ontologies.
IRIs minted here are Lontar URLs that dereference (``lontar/catalog/dcat/linked.py``); the EU
vocabulary and IANA IRIs are the ones DCAT-AP names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from lontar.catalog.dcat.graph import Iri, Literal, Node
from lontar.catalog.reference import URUSAN_FILE, urusan_list

EU = "http://publications.europa.eu/resource/authority/"
FREQUENCY_BASE = EU + "frequency/"
FILE_TYPE_BASE = EU + "file-type/"
LANGUAGE_IND = EU + "language/IND"
ACCESS_PUBLIC = EU + "access-right/PUBLIC"
MEDIA_TYPE_BASE = "https://www.iana.org/assignments/media-types/"
#: ADMS publisher type of a local government (purl.org/adms/publishertype)
REGIONAL_AUTHORITY = "http://purl.org/adms/publishertype/RegionalAuthority"

#: Lontar resource format → EU file-type authority code (all six exist in the EU table)
FILE_TYPES = {"CSV": "CSV", "XLSX": "XLSX", "JSON": "JSON", "GeoJSON": "GEOJSON", "PDF": "PDF", "ZIP": "ZIP"}
#: the EU frequency labels for the codes of ``FREQUENCY_URI`` (lontar/catalog/models/choices.py)
FREQUENCY_LABELS = {
    "DAILY": "daily",
    "WEEKLY": "weekly",
    "MONTHLY": "monthly",
    "QUARTERLY": "quarterly",
    "ANNUAL_2": "semiannual",
    "ANNUAL": "annual",
    "QUINQUENNIAL": "quinquennial",
    "IRREG": "irregular",
}


@dataclass(frozen=True)
class Service:
    """One API of the portal, described as a ``dcat:DataService``."""

    key: str
    title: str
    description: str
    endpoint: str  # path under the site root
    description_url: str  # path (or absolute URL) of its documentation
    html: str  # where a browser asking for the service IRI is sent
    serves_resources: bool  # the service gives access to the catalogue's distributions


SERVICES = (
    Service(
        key="ckan",
        title="CKAN Action API",
        description="API katalog yang kompatibel dengan CKAN 2.10 (package_search, package_show, resource_show, "
        "datastore_search, ...), untuk harvester nasional dan klien CKAN.",
        endpoint="/api/3/",
        description_url="https://docs.ckan.org/en/2.10/api/",
        html="/api/3",
        serves_resources=True,
    ),
    Service(
        key="data",
        title="API data tabel (gaya Datasette)",
        description="Baris-baris tabel data dalam JSON dan CSV dengan filter, urutan dan halaman, serta SQL baca-saja.",
        endpoint="/data/",
        description_url="/data/",
        html="/data/",
        serves_resources=True,
    ),
    Service(
        key="api-v1",
        title="Lontar REST API v1",
        description="API JSON Lontar (OpenAPI 3.1): wilayah, organisasi, kalender, evaluasi, PPID.",
        endpoint="/api/v1/",
        description_url="/api/v1/openapi.json",
        html="/api/v1/docs",
        serves_resources=False,
    ),
)
SERVICE_KEYS = frozenset(s.key for s in SERVICES)


def catalog_iri(base: str) -> str:
    return f"{base}/catalog"


def scheme_iri(base: str) -> str:
    return f"{base}/group/"


def concept_iri(base: str, slug: str) -> str:
    return f"{base}/group/{slug}"


def agent_iri(base: str, slug: str) -> str:
    return f"{base}/organization/{slug}"


def service_iri(base: str, key: str) -> str:
    return f"{base}/catalog/service/{key}"


def typed(iri: str, *types: str, **labels: Literal) -> Node:
    """An IRI node carrying its classes (and labels keyed like ``skos__prefLabel``)."""
    node = Node(id=iri, type=list(types))
    for key, value in labels.items():
        node.add(key.replace("__", ":"), value)
    return node


def agent(iri: str, name: str) -> Node:
    node = Node(id=iri, type=["foaf:Agent", "foaf:Organization"])
    node.add("foaf:name", Literal(name, lang="id"))
    node.add("dct:type", Iri(REGIONAL_AUTHORITY))
    return node


def publisher_type() -> Node:
    return typed(REGIONAL_AUTHORITY, "skos:Concept", skos__prefLabel=Literal("Regional authority", lang="en"))


def concept(base: str, *, slug: str, code: str, name: str) -> Node:
    node = Node(id=concept_iri(base, slug), type=["skos:Concept"])
    node.add("skos:prefLabel", Literal(name, lang="id"))
    node.add("skos:notation", Literal(code))
    node.add("skos:inScheme", Iri(scheme_iri(base)))
    node.add("skos:topConceptOf", Iri(scheme_iri(base)))
    return node


@cache
def scheme_title() -> str:
    return str(json.loads(URUSAN_FILE.read_text(encoding="utf-8"))["title"])


def concept_scheme(base: str, *, with_concepts: bool = True) -> list[Node]:
    """The urusan pemerintahan (UU 23/2014 Pasal 12) as a ``skos:ConceptScheme``: the themes."""
    node = Node(id=scheme_iri(base), type=["skos:ConceptScheme"])
    node.add("dct:title", Literal(scheme_title(), lang="id"))
    node.add("skos:prefLabel", Literal(scheme_title(), lang="id"))
    concepts = [concept(base, slug=u.slug, code=u.code, name=u.name) for u in urusan_list()]
    node.add("skos:hasTopConcept", *[Iri(str(c.id)) for c in concepts])
    return [node, *concepts] if with_concepts else [node]


def licence_document(url: str, title: str) -> Node:
    return typed(url, "dct:LicenseDocument", rdfs__label=Literal(title))


def file_type(fmt: str) -> Node | None:
    code = FILE_TYPES.get(fmt)
    if code is None:
        return None
    return typed(FILE_TYPE_BASE + code, "dct:MediaTypeOrExtent", rdfs__label=Literal(fmt))


def media_type(mime: str | None) -> Node | None:
    if not mime:
        return None
    return typed(MEDIA_TYPE_BASE + mime, "dct:MediaType", "dct:MediaTypeOrExtent", rdfs__label=Literal(mime))


def frequency(code: str | None) -> Node | None:
    if not code:
        return None
    return typed(
        FREQUENCY_BASE + code, "dct:Frequency", rdfs__label=Literal(FREQUENCY_LABELS.get(code, code), lang="en")
    )


def language() -> Node:
    return typed(LANGUAGE_IND, "dct:LinguisticSystem", rdfs__label=Literal("Bahasa Indonesia", lang="id"))


def access_public() -> Node:
    return typed(ACCESS_PUBLIC, "dct:RightsStatement", rdfs__label=Literal("public", lang="en"))


def absolute(base: str, path: str) -> str:
    return path if path.startswith(("http://", "https://")) else base + path


def service_node(base: str, service: Service, publisher: str) -> Node:
    node = Node(id=service_iri(base, service.key), type=["dcat:DataService"])
    node.add("dct:title", Literal(service.title, lang="id"))
    node.add("dct:description", Literal(service.description, lang="id"))
    node.add("dcat:endpointURL", Iri(base + service.endpoint))
    node.add("dcat:endpointDescription", Iri(absolute(base, service.description_url)))
    node.add("dct:publisher", Iri(publisher))
    node.add("dct:accessRights", Iri(ACCESS_PUBLIC))
    return node
