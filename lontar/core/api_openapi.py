"""The OpenAPI document of /api/v1 as clients need it (checked by schemathesis in tests/conformance).

django-ninja writes every answer as ``application/json`` and only the statuses an operation names.
:class:`LontarAPI` finishes the document:

* every error answer is ``application/problem+json`` with the ``Problem`` schema, and the errors
  every operation of a kind can give are listed: 401 when it needs authentication, 400 (JSON that
  cannot be read), 413 and 422 when it takes a body, 422 when it takes parameters, 404 when it has
  a path parameter;
* an operation marked with :data:`GEOJSON` answers ``application/geo+json``;
* an operation that also serves anonymous callers lists ``{}`` among its security requirements
  (:data:`OPTIONAL_AUTH`);
* optional query and path parameters are not "or null" (a query string has no null);
* a text parameter or body field without a pattern of its own says it holds no NUL (refused, 422);
* two different schemas with one name are refused (the second would silently replace the first).
"""

from __future__ import annotations

from http.client import responses as reasons
from typing import Any

from ninja import NinjaAPI, Query
from ninja.openapi.schema import OpenAPISchema

from lontar.core.api_errors import NO_NUL_PATTERN, PROBLEM_CONTENT_TYPE, ProblemOut

GEOJSON_MEDIA_TYPE = "application/geo+json"
_MEDIA_TYPE_KEY = "x-lontar-media-type"

#: ``openapi_extra`` of an operation whose 200 answer is GeoJSON
GEOJSON: dict[str, Any] = {_MEDIA_TYPE_KEY: GEOJSON_MEDIA_TYPE}
#: ``openapi_extra`` of an operation that takes a token or a session but also serves anonymous callers
OPTIONAL_AUTH: dict[str, Any] = {"security": [{}]}

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def documented_query(default: Any, *, schema: dict[str, Any], **kwargs: Any) -> Any:
    """A query parameter the endpoint checks itself (with messages naming it) whose schema says the same
    limits: ``schema`` is merged into the generated one, e.g. ``{"type": "integer", "minimum": 0}``."""
    param = Query(default, **kwargs)
    extra = param.json_schema_extra if isinstance(param.json_schema_extra, dict) else {}
    extra.update(schema)
    param.json_schema_extra = extra
    return param


class DuplicateSchemaName(RuntimeError):
    """Two different schemas share a component name: rename one (clients would get the wrong one)."""


class _Schema(OpenAPISchema):
    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                raise DuplicateSchemaName(f"two different schemas are named {name!r}: give one another name")
        super().add_schema_definitions(definitions)


class LontarAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = _Schema(api=self, path_prefix=path_prefix)
        finish(schema)
        return schema


def finish(schema: dict[str, Any]) -> None:
    """Complete ninja's document in place (see the module docstring)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = ProblemOut.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    components.pop("ProblemOut", None)
    bodies: set[str] = set()
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            _finish_operation(operation)
            for media in operation.get("requestBody", {}).get("content", {}).values():
                _referenced(media.get("schema", {}), components, bodies)
    for name in sorted(bodies):
        for field in components[name].get("properties", {}).values():
            _no_nul(field)


def _referenced(schema: Any, components: dict[str, Any], found: set[str]) -> None:
    """The names of the component schemas ``schema`` uses, directly or through others."""
    if isinstance(schema, list):
        for item in schema:
            _referenced(item, components, found)
    elif isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[-1]
            if name not in found and name in components:
                found.add(name)
                _referenced(components[name], components, found)
        for value in schema.values():
            _referenced(value, components, found)


def _no_nul(schema: dict[str, Any]) -> None:
    """A plain text schema (no pattern, enum, format or const of its own) gets the no-NUL pattern."""
    if schema.get("type") == "string" and not {"pattern", "enum", "format", "const"} & set(schema):
        schema["pattern"] = NO_NUL_PATTERN
    for variant in schema.get("anyOf", []):
        _no_nul(variant)
    if isinstance(schema.get("items"), dict):
        _no_nul(schema["items"])


def _finish_operation(operation: dict[str, Any]) -> None:
    parameters = operation.get("parameters") or []
    for parameter in parameters:
        parameter["schema"] = _not_null(parameter.get("schema", {}))
        _no_nul(parameter["schema"])
    answers = operation.setdefault("responses", {})
    codes = {int(code) for code in answers}
    security = operation.get("security")
    if security and {} not in security:
        codes.add(401)
    if "requestBody" in operation:
        codes |= {400, 413, 422}
    if parameters:
        codes.add(422)
    if any(p.get("in") == "path" for p in parameters):
        codes.add(404)
    media_type = operation.pop(_MEDIA_TYPE_KEY, None)
    for code in sorted(codes):
        key = code if code in answers else str(code)
        if code >= 400:
            answers.pop(code, None)
            answers.pop(str(code), None)
            answers[code] = {
                "description": reasons.get(code, "Error"),
                "content": {PROBLEM_CONTENT_TYPE: {"schema": dict(_PROBLEM_REF)}},
            }
        elif media_type and "content" in answers[key]:
            content = answers[key]["content"]
            answers[key]["content"] = {media_type: next(iter(content.values()))}
    operation["responses"] = dict(sorted(answers.items(), key=lambda item: int(item[0])))


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """``anyOf: [X, {"type": "null"}]`` as X (with the annotations kept): absent is how a query says none."""
    variants = schema.get("anyOf")
    if not isinstance(variants, list):
        return schema
    kept = [v for v in variants if v != {"type": "null"}]
    if len(kept) == len(variants):
        return schema
    rest = {k: v for k, v in schema.items() if k != "anyOf" and not (k == "default" and v is None)}
    if len(kept) == 1:
        return {**kept[0], **rest}
    return {**rest, "anyOf": kept}
