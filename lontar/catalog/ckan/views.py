"""The CKAN Action API façade: /api/3/action/<name> and /api/action/<name> (no redirects)."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from lontar.catalog.ckan import datastore as _datastore_actions  # noqa: F401 - registers the DataStore actions
from lontar.catalog.ckan import search as _search_actions  # noqa: F401 - registers the search actions
from lontar.catalog.ckan.actions import ACTIONS, Context
from lontar.catalog.ckan.errors import ActionError, BadRequest
from lontar.catalog.ckan.packages import Encoded, dumps
from lontar.core import outage, safe_json

log = logging.getLogger(__name__)
MAX_NAME = 100
#: a JSONP callback is a (dotted) JavaScript name; anything else is refused
JSONP_CALLBACK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]{0,63}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,63}){0,4}$")


def _respond(body: Any, status: int = 200) -> HttpResponse:
    response = JsonResponse(
        body,
        status=status,
        safe=False,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json;charset=utf-8",
    )
    return _headers(response)


def _respond_encoded(help_url: str, result: Encoded) -> HttpResponse:
    """The success envelope around a result that is JSON text already."""
    text = f'{{"help": {dumps(help_url)}, "success": true, "result": {result.text}}}'
    return _headers(HttpResponse(text.encode(), content_type="application/json;charset=utf-8"))


def _headers(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


def _preflight() -> HttpResponse:
    """CORS preflight (OPTIONS): 200 and what CKAN's CORS support allows."""
    response = _headers(HttpResponse(status=200))
    response["Allow"] = "GET, POST, OPTIONS"
    response["Access-Control-Allow-Methods"] = "POST, PUT, GET, DELETE, OPTIONS"
    response["Access-Control-Allow-Headers"] = "X-CKAN-API-KEY, Authorization, Content-Type"
    response["Access-Control-Max-Age"] = "600"
    return response


def _jsonp(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """CKAN wraps a successful GET in ``callback(…);`` when ``callback`` is given."""
    callback = request.GET.get("callback")
    if request.method != "GET" or callback is None or response.status_code != 200:
        return response
    wrapped = HttpResponse(
        b"".join([callback.encode(), b"(", response.content, b");"]),
        content_type="application/javascript;charset=utf-8",
    )
    return _headers(wrapped)


def _mixed(query: Any) -> dict[str, Any]:
    """A dict whose values are lists only when a key is repeated (as CKAN does)."""
    return {key: values[0] if len(values) == 1 else values for key, values in query.lists()}


def _json_dict(raw: bytes | str) -> dict[str, Any]:
    try:
        data = safe_json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:  # JSONTooDeep is a ValueError
        raise BadRequest(f"Bad request - JSON Error: {exc}") from exc
    if not isinstance(data, dict):
        raise BadRequest("Bad request - Bad request data: Request data JSON decoded but it needs to be a dictionary.")
    return data


def request_data(request: HttpRequest) -> dict[str, Any]:
    if request.method == "GET":
        return _mixed(request.GET)
    try:
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = request.POST
            values = list(form.values())
            if len(values) == 1 and values[0] in ("1", ""):
                return _json_dict(next(iter(form.keys())))
            return _mixed(form)
        body = request.body
    except RequestDataTooBig as exc:
        raise BadRequest("Bad request - the request body is too large.") from exc
    except (TooManyFieldsSent, TooManyFilesSent) as exc:
        raise BadRequest("Bad request - too many fields in the request.") from exc
    return _json_dict(body) if body.strip() else {}


def _help_url(request: HttpRequest, name: str) -> str:
    return request.build_absolute_uri(f"/api/3/action/help_show?name={name}")


@csrf_exempt
def action(request: HttpRequest, name: str) -> HttpResponse:
    """Run one action and wrap its result (or error) in CKAN's envelope."""
    if request.method == "OPTIONS":
        return _preflight()
    help_url = _help_url(request, name[:MAX_NAME])
    func = ACTIONS.get(name)
    try:
        if func is None:
            raise BadRequest(f"Bad request - Action name not known: {name[:MAX_NAME]}")
        if request.method not in ("GET", "POST"):
            raise BadRequest("Bad request - use GET or POST.")
        callback = request.GET.get("callback") if request.method == "GET" else None
        if callback is not None and not JSONP_CALLBACK.match(callback):
            raise BadRequest("Bad request - callback must be a JavaScript function name.")
        data = request_data(request)
        if data.pop("callback", None) is not None:
            data.pop("_", None)  # jQuery's cache-buster on JSONP requests
        result = func(Context(base=request.build_absolute_uri("/").rstrip("/")), data)
    except ActionError as exc:
        return _respond({"help": help_url, "success": False, "error": exc.body()}, status=exc.status)
    except Exception as exc:
        log.exception("CKAN action %s failed", name[:MAX_NAME])
        if outage.outage_cause(exc):  # the database, Redis or S3 is down: 503 with Retry-After
            error = {"__type": "Service Unavailable", "message": "Service temporarily unavailable, try again shortly"}
            response = _respond({"help": help_url, "success": False, "error": error}, status=503)
            response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
            return response
        error = {"__type": "Internal Server Error", "message": "Internal Server Error"}
        return _respond({"help": help_url, "success": False, "error": error}, status=500)
    if isinstance(result, Encoded):
        return _jsonp(request, _respond_encoded(help_url, result))
    return _jsonp(request, _respond({"help": help_url, "success": True, "result": result}))


def api_root(request: HttpRequest, version: str = "1") -> HttpResponse:
    """/api/ answers {"version": 1} and /api/<1-3> its number, as CKAN does."""
    if request.method == "OPTIONS":
        return _preflight()
    return _jsonp(request, _respond({"version": int(version)}))
