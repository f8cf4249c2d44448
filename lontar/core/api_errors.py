"""API errors as RFC 9457 ``application/problem+json``.

Endpoints let a service's ``django.core.exceptions.ValidationError`` through (422 with the field
errors) and raise :class:`Problem` for any other answer that is not a success (e.g. 409 with the
current state); :func:`install` turns both, and the usual HTTP errors, into problem+json.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as ServiceValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from lontar.core import safe_json

PROBLEM_CONTENT_TYPE = "application/problem+json"


class FieldErrorOut(Schema):
    field: str = Field(description='the field or parameter, e.g. "limit" or "redactions.0.part"; "" for the whole')
    message: str


class ProblemOut(Schema):
    """RFC 9457 problem details (``application/problem+json``): every error of /api/v1.

    A 422 lists the fields in ``errors``; a 409 may carry the current state (e.g. ``current``)."""

    model_config = ConfigDict(extra="allow", title="Problem")

    type: str = Field(description='always "about:blank": the status says what happened')
    title: str = Field(description="a short human message, in the language of the request (Indonesian by default)")
    status: int
    detail: str | None = None
    instance: str | None = Field(None, description="the path of the request")
    errors: list[FieldErrorOut] | None = Field(None, description="422: one entry per invalid field")


#: no text Lontar accepts contains NUL (PostgreSQL cannot store it); the schema says so of every string
NO_NUL_PATTERN = "^[^\\x00]*$"


def _nul_refused() -> str:
    return _("The value contains a character that is not allowed.")


class BodyIn(Schema):
    """A JSON request body: an object (ninja's Schema would read the fields of any value, e.g. ``[]``)
    whose text fields hold no NUL."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        if not isinstance(getattr(data, "_obj", data), dict):  # ninja wraps the value in a DjangoGetter
            raise PydanticCustomError("body_not_object", _("The request body must be a JSON object."))
        return data

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise PydanticCustomError("nul_character", _nul_refused())
        return value


def _refuse_nul(api: NinjaAPI) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Every operation: a NUL in a path or query parameter is 422 (on SQLite too, as on PostgreSQL)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            names = [name for name, value in kwargs.items() if isinstance(value, str) and "\x00" in value]
            names += [name for name, values in request.GET.lists() if any("\x00" in v for v in values)]
            if names:
                return _invalid(api, request, [{"field": name, "message": _nul_refused()} for name in names])
            return view(request, *args, **kwargs)

        return checked

    return decorator


def errors(*codes: int) -> dict[int, type[ProblemOut]]:
    """Extra error answers of an operation for its ``response=`` (problem+json in the schema).

    The codes every operation of a kind can give (401, 400/413/422, 404 for a path parameter)
    are added to the schema by :mod:`lontar.core.api_openapi`; name here the others (403, 404,
    409, 422 of a service, 429)."""
    return dict.fromkeys(codes, ProblemOut)


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, title: str, detail: str = "", **extra: Any
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = request.path
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


class DepthLimitedParser(Parser):
    """Request bodies parsed with a nesting limit: too deep JSON is refused like unparseable JSON (400)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        return safe_json.loads(request.body)


class Problem(Exception):
    """Raised by an endpoint: answered as problem+json with ``status``, ``title``, ``detail`` and extra members."""

    def __init__(self, status: int, title: str, detail: str = "", **extra: Any) -> None:
        super().__init__(title)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def service_errors(exc: ServiceValidationError) -> list[dict[str, Any]]:
    """A service's ValidationError as ``[{"field", "message"}]`` (field "" when it names none)."""
    if hasattr(exc, "error_dict"):
        return [
            {"field": "" if name == NON_FIELD_ERRORS else name, "message": str(message)}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "message": str(message)} for message in exc.messages]


def _invalid(api: NinjaAPI, request: HttpRequest, errors: list[dict[str, Any]]) -> HttpResponse:
    detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
    return problem(api, request, 422, _("The data sent is not valid."), detail, errors=errors)


def _field_errors(exc: ValidationError) -> list[dict[str, Any]]:
    found = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload")]
        found.append({"field": ".".join(loc), "message": _message(err)})
    return found


#: pydantic error kinds -> a message in the request's language (placeholders from the error's ctx)
_MESSAGES: dict[str, str] = {
    "missing": gettext_noop("This field is required."),
    "int_parsing": gettext_noop("Enter a whole number."),
    "int_type": gettext_noop("Enter a whole number."),
    "int_from_float": gettext_noop("Enter a whole number."),
    "float_parsing": gettext_noop("Enter a number."),
    "float_type": gettext_noop("Enter a number."),
    "decimal_parsing": gettext_noop("Enter a number."),
    "decimal_type": gettext_noop("Enter a number."),
    "bool_parsing": gettext_noop("Enter true or false."),
    "bool_type": gettext_noop("Enter true or false."),
    "string_type": gettext_noop("Enter text."),
    "greater_than_equal": gettext_noop("Enter a value of at least %(ge)s."),
    "less_than_equal": gettext_noop("Enter a value of at most %(le)s."),
    "string_too_short": gettext_noop("Enter at least %(min_length)s characters."),
    "string_too_long": gettext_noop("Enter at most %(max_length)s characters."),
    "too_long": gettext_noop("Give at most %(max_length)s items."),
    "string_pattern_mismatch": gettext_noop("The value does not have the required form."),
    "literal_error": gettext_noop("Choose one of: %(expected)s."),
    "enum": gettext_noop("Choose one of: %(expected)s."),
}


def _message(err: dict[str, Any]) -> str:
    """A pydantic error in the request's language (the common kinds); pydantic's English otherwise."""
    template = _MESSAGES.get(err.get("type", ""))
    if template is None:
        return str(err.get("msg", ""))
    try:
        return _(template) % (err.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return str(err.get("msg", ""))


def install(api: NinjaAPI) -> None:
    api.add_decorator(_refuse_nul(api), mode="view")

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return _invalid(api, request, _field_errors(exc))

    @api.exception_handler(ServiceValidationError)
    def _service_validation(request: HttpRequest, exc: ServiceValidationError) -> HttpResponse:
        return _invalid(api, request, service_errors(exc))

    @api.exception_handler(Problem)
    def _problem(request: HttpRequest, exc: Problem) -> HttpResponse:
        return problem(api, request, exc.status, exc.title, exc.detail, **exc.extra)

    @api.exception_handler(AuthenticationError)
    def _auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(
            api,
            request,
            401,
            _("Authentication required."),
            _("Send a valid API token in the header Authorization: Bearer <token>."),
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(api, request, 403, _("Akses ditolak."), str(exc) or "")

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(api, request, 404, _("Not found."))

    def _too_large(request: HttpRequest, exc: Any) -> HttpResponse:  # ninja types it as exc | type[exc]
        from lontar.core.views import error_400

        return error_400(request, exc)  # 413 problem+json, the same with DEBUG on (ninja's debug page is a 500)

    for too_large in (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        api.add_exception_handler(too_large, _too_large)

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, str(exc.message))
