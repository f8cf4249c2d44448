"""A tiny RDF graph model and its two writers (JSON-LD and Turtle), written by hand.

Nodes are dicts ``{"id": iri-or-blank, "type": [curie, ...], "props": {curie: [value, ...]}}``;
a value is :class:`Iri`, :class:`Literal` or a nested node (written as a blank node).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "adms": "http://www.w3.org/ns/adms#",
    "spdx": "http://spdx.org/rdf/terms#",
}


@dataclass(frozen=True)
class Iri:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    datatype: str | None = None  # a curie such as "xsd:dateTime"
    lang: str | None = None


@dataclass
class Node:
    id: str | None = None  # None = blank node
    type: list[str] = field(default_factory=list)
    props: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, predicate: str, *values: Any) -> Node:
        for value in values:
            if value is None or value == "":
                continue
            self.props.setdefault(predicate, []).append(value)
        return self


# ---------------------------------------------------------------- JSON-LD


def _jsonld_value(value: Any) -> Any:
    if isinstance(value, Iri):
        return {"@id": value.value}
    if isinstance(value, Node):
        return _jsonld_node(value)
    if isinstance(value, Literal):
        if value.datatype:
            return {"@value": value.value, "@type": value.datatype}
        if value.lang:
            return {"@value": value.value, "@language": value.lang}
        return value.value
    return value


def _jsonld_node(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if node.id:
        out["@id"] = node.id
    if node.type:
        out["@type"] = node.type[0] if len(node.type) == 1 else node.type
    for predicate, values in node.props.items():
        rendered = [_jsonld_value(v) for v in values]
        out[predicate] = rendered[0] if len(rendered) == 1 else rendered
    return out


def to_jsonld(nodes: list[Node]) -> str:
    doc = {"@context": PREFIXES, "@graph": [_jsonld_node(n) for n in nodes]}
    return json.dumps(doc, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- Turtle

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def turtle_iri(value: str) -> str:
    return "<" + _IRI_FORBIDDEN.sub(lambda m: f"%{ord(m.group()):02X}", value) + ">"


#: what ``turtle_string`` replaces: the escapes above, and other control characters, the
#: non-characters U+FFFE/U+FFFF and lone surrogates as ``\\uXXXX`` (one ``str.translate``, not a
#: loop per character: a DCAT page of 100 datasets spent a third of its time here)
_STRING_TABLE = {
    code: _STRING_ESCAPES.get(chr(code), f"\\u{code:04X}")
    for code in [*range(0x20), 0x22, 0x5C, *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
}


def turtle_string(value: str) -> str:
    return '"' + value.translate(_STRING_TABLE) + '"'


class _Turtle:
    def __init__(self) -> None:
        self.blank = 0
        self.lines: list[str] = []

    def term(self, value: Any) -> str:
        if isinstance(value, Iri):
            return turtle_iri(value.value)
        if isinstance(value, Node):
            return self.node(value)
        if isinstance(value, Literal):
            text = turtle_string(value.value)
            if value.datatype:
                return f"{text}^^{value.datatype}"
            if value.lang:
                return f"{text}@{value.lang}"
            return text
        return turtle_string(str(value))

    def subject(self, node: Node) -> str:
        if node.id and not node.id.startswith("_:"):
            return turtle_iri(node.id)
        self.blank += 1
        return f"_:b{self.blank}"

    def node(self, node: Node) -> str:
        """Write the node's triples; return its subject term."""
        subject = self.subject(node)
        parts = []
        if node.type:
            parts.append("a " + ", ".join(node.type))
        for predicate, values in node.props.items():
            parts.append(f"{predicate} " + ", ".join(self.term(v) for v in values))
        if parts:
            self.lines.append(f"{subject} " + " ;\n    ".join(parts) + " .\n")
        return subject


def to_turtle(nodes: list[Node]) -> str:
    writer = _Turtle()
    for node in nodes:
        writer.node(node)
    header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    return header + "\n" + "\n".join(writer.lines)
