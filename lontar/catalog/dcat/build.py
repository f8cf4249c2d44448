"""DCAT-AP 3 nodes for the catalogue and its public datasets, from the snapshots (pure).

The nodes a document refers to several times (publishers, themes, licences, file types, services)
are collected once per document in a :class:`Document` and written after the main nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lontar.catalog.dcat import vocab
from lontar.catalog.dcat.graph import Iri, Literal, Node
from lontar.catalog.models.choices import FORMAT_MEDIA_TYPES, FREQUENCY_URI
from lontar.catalog.reference import licence

SERVICES_FOR_FILES = tuple(s for s in vocab.SERVICES if s.serves_resources and s.key != "data")
DATA_SERVICE = next(s for s in vocab.SERVICES if s.key == "data")


@dataclass
class Document:
    """The nodes of one RDF document: ``main`` in order, then each shared IRI node once."""

    base: str
    publisher: str  # IRI of the catalogue's publisher (a foaf:Agent in ``shared``)
    main: list[Node] = field(default_factory=list)
    shared: dict[str, Node] = field(default_factory=dict)

    def ref(self, node: Node | None) -> Iri | None:
        if node is None or node.id is None:
            return None
        self.shared.setdefault(node.id, node)
        return Iri(node.id)

    def nodes(self) -> list[Node]:
        main_ids = {n.id for n in self.main if n.id}
        return [*self.main, *(n for key, n in self.shared.items() if key not in main_ids)]


def new_document(base: str, publisher: tuple[str, str]) -> Document:
    """A document whose catalogue publisher is ``publisher`` = (IRI, name)."""
    doc = Document(base=base, publisher=publisher[0])
    doc.ref(vocab.agent(*publisher))
    doc.ref(vocab.publisher_type())
    return doc


def dataset_iri(base: str, snap: dict[str, Any]) -> str:
    return f"{base}/dataset/{snap['id']}"


def distribution_iri(base: str, snap: dict[str, Any], res: dict[str, Any]) -> str:
    return f"{dataset_iri(base, snap)}/resource/{res['id']}"


def _dt(value: Any) -> Literal | None:
    return Literal(value.isoformat() if hasattr(value, "isoformat") else str(value), "xsd:dateTime") if value else None


def _licence(doc: Document, licence_id: str) -> Iri | None:
    lic = licence(licence_id)
    return doc.ref(vocab.licence_document(lic.url, lic.title)) if lic and lic.url else None


def service(doc: Document, key: str) -> Iri | None:
    found = next((s for s in vocab.SERVICES if s.key == key), None)
    if found is None:
        return None
    doc.ref(vocab.access_public())
    return doc.ref(vocab.service_node(doc.base, found, doc.publisher))


def distribution_node(doc: Document, snap: dict[str, Any], res: dict[str, Any]) -> Node:
    from lontar.catalog.ckan.serialize import resource_url

    base = doc.base
    url = resource_url(base, snap["slug"], res)
    node = Node(id=distribution_iri(base, snap, res), type=["dcat:Distribution"])
    node.add("dct:identifier", Literal(res["id"]))
    node.add("dct:title", Literal(res["name"], lang="id"))
    node.add("dct:description", Literal(res.get("description") or "", lang="id"))
    node.add("dcat:accessURL", Iri(url))
    if not res.get("url"):
        node.add("dcat:downloadURL", Iri(url))
    node.add("dct:format", doc.ref(vocab.file_type(res["format"])))
    node.add("dcat:mediaType", doc.ref(vocab.media_type(FORMAT_MEDIA_TYPES.get(res["format"]))))
    if res.get("size") is not None:  # xsd:nonNegativeInteger as DCAT-AP 3 (2.1.1 wanted xsd:decimal)
        node.add("dcat:byteSize", Literal(str(res["size"]), "xsd:nonNegativeInteger"))
    node.add("dct:license", _licence(doc, snap["licence"]))
    node.add("dct:issued", _dt(res.get("created")))
    node.add("dct:modified", _dt(res.get("last_modified")))
    node.add("dcat:accessService", *[service(doc, s.key) for s in SERVICES_FOR_FILES])
    if res.get("datastore_table_id"):
        node.add("dcat:accessService", service(doc, DATA_SERVICE.key))
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


def _contact(snap: dict[str, Any]) -> Node | None:
    contact = snap["contact"]
    if not (contact.get("email") or contact.get("name")):
        return None
    point = Node(type=["vcard:Kind", "vcard:Organization"])
    point.add("vcard:fn", Literal(contact.get("name") or snap["organisation"]["name"]))
    if contact.get("email"):
        point.add("vcard:hasEmail", Iri(f"mailto:{contact['email']}"))
    return point


def _provenance(snap: dict[str, Any]) -> Node | None:
    """The free-text source (sumber data): a provenance statement (dct:source wants a dataset)."""
    if not snap.get("source"):
        return None
    node = Node(type=["dct:ProvenanceStatement"])
    node.add("rdfs:label", Literal(snap["source"], lang="id"))
    return node


def dataset_node(doc: Document, snap: dict[str, Any], *, issued: Any, modified: Any) -> Node:
    base = doc.base
    node = Node(id=dataset_iri(base, snap), type=["dcat:Dataset"])
    node.add("dct:identifier", Literal(snap["id"]))
    node.add("dct:title", Literal(snap["title"], lang="id"))
    node.add("dct:description", Literal(snap["description"], lang="id"))
    node.add("dcat:keyword", *[Literal(t, lang="id") for t in snap["tags"]])
    for topic in snap["topics"]:
        node.add("dcat:theme", doc.ref(vocab.concept(base, slug=topic["slug"], code=topic["code"], name=topic["name"])))
    org = snap["organisation"]
    node.add("dct:publisher", doc.ref(vocab.agent(vocab.agent_iri(base, org["slug"]), org["name"])))
    node.add("dct:issued", _dt(issued))
    node.add("dct:modified", _dt(modified))
    node.add("dcat:version", Literal(str(snap["version"])))  # DCAT-AP 3
    node.add("owl:versionInfo", Literal(str(snap["version"])))  # DCAT-AP 2.1.1
    landing = vocab.typed(f"{base}/dataset/{snap['slug']}/", "foaf:Document")
    node.add("dcat:landingPage", doc.ref(landing))
    node.add("dct:language", doc.ref(vocab.language()))
    node.add("dct:accessRights", doc.ref(vocab.access_public()))
    node.add("dct:license", _licence(doc, snap["licence"]))  # DCAT-AP puts it on the distributions too
    node.add("dct:accrualPeriodicity", doc.ref(vocab.frequency(FREQUENCY_URI.get(snap["update_frequency"]))))
    node.add("dct:temporal", _temporal(snap))
    node.add("dct:spatial", _spatial(snap))
    node.add("dct:provenance", _provenance(snap))
    node.add("dcat:contactPoint", _contact(snap))
    node.add("dcat:distribution", *[distribution_node(doc, snap, r) for r in snap["resources"]])
    return node


def catalog_node(doc: Document, dataset_iris: list[str], *, title: str, description: str, modified: Any) -> Node:
    base = doc.base
    node = Node(id=vocab.catalog_iri(base), type=["dcat:Catalog"])
    node.add("dct:title", Literal(title, lang="id"))
    node.add("dct:description", Literal(description, lang="id"))
    node.add("dct:publisher", Iri(doc.publisher))
    node.add("foaf:homepage", doc.ref(vocab.typed(f"{base}/", "foaf:Document")))
    node.add("dct:language", doc.ref(vocab.language()))
    node.add("dct:modified", _dt(modified))
    node.add("dcat:themeTaxonomy", doc.ref(vocab.concept_scheme(base, with_concepts=False)[0]))
    node.add("dcat:service", *[service(doc, s.key) for s in vocab.SERVICES])
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
