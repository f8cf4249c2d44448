"""Validate Lontar's DCAT with the official DCAT-AP SHACL shapes and pyshacl (a validator we did not write).

The DCAT-AP 3.0.1 shapes live in ``../shared/conformance/dcat-ap-3.0.1/`` beside the project root
(CI checks out ``shared`` there); a missing copy fails the tests rather than skipping them.
The DCAT-AP 2.1.1 shapes are a test fixture here (``dcat_ap_2_1_1/``, see its README).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

CONFORMANCE = Path(settings.BASE_DIR).parent / "shared" / "conformance"
DCAT_AP_3 = CONFORMANCE / "dcat-ap-3.0.1"
DCAT_AP_2 = Path(__file__).resolve().parent / "dcat_ap_2_1_1"
#: the one 2.1.1 shape DCAT-AP 3 contradicts: dcat:byteSize is xsd:nonNegativeInteger in 3, xsd:decimal in 2.1.1
BYTE_SIZE_2_1_1 = "http://www.w3.org/ns/dcat#byteSize: Value is not Literal with datatype xsd:decimal"


@cache
def _shapes(folder: Path):  # -> rdflib.Graph
    import rdflib

    missing = [name for name in ("shapes.ttl", "range.ttl") if not (folder / name).is_file()]
    if missing:
        raise AssertionError(
            f"DCAT-AP shapes missing: {', '.join(str(folder / m) for m in missing)} "
            "(CI needs ../shared beside the project root)"
        )
    graph = rdflib.Graph()
    for name in ("shapes.ttl", "range.ttl"):
        graph.parse(folder / name, format="turtle")
    return graph


def violations(turtle: str, folder: Path = DCAT_AP_3) -> list[str]:
    """The SHACL violations (severity Violation) of a Turtle document; [] when it conforms."""
    import rdflib
    from pyshacl import validate

    data = rdflib.Graph().parse(data=turtle, format="turtle")
    _conforms, report, _text = validate(
        data, shacl_graph=_shapes(folder), inference="rdfs", abort_on_first=False, allow_warnings=True
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        if report.value(result, sh.resultSeverity) != sh.Violation:
            continue
        found.append(
            f"{report.value(result, sh.focusNode)} {report.value(result, sh.resultPath)}: "
            f"{report.value(result, sh.resultMessage)}"
        )
    return sorted(found)


def violations_2_1_1(turtle: str) -> list[str]:
    """The DCAT-AP 2.1.1 violations, but for the byteSize datatype DCAT-AP 3 changed."""
    return [v for v in violations(turtle, DCAT_AP_2) if not v.endswith(BYTE_SIZE_2_1_1)]


def same_graph(turtle: str, jsonld: str) -> bool:
    """The JSON-LD and the Turtle of a document say the same triples (read by rdflib's parsers);
    the paging node is left out, its IRI is the page's own URL (.ttl or .jsonld)."""
    import rdflib
    from rdflib.compare import isomorphic

    hydra = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")

    def read(text: str, fmt: str) -> rdflib.Graph:
        graph = rdflib.Graph().parse(data=text, format=fmt)
        for page in list(graph.subjects(rdflib.RDF.type, hydra.PagedCollection)):
            graph.remove((page, None, None))
        return graph

    return isomorphic(read(turtle, "turtle"), read(jsonld, "json-ld"))
