"""The CKAN Action API façade: /api/3/action/<name> and /api/action/<name> (no redirects)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from lontar.catalog.ckan import datastore as _datastore_actions  # noqa: F401 - registers the DataStore actions
from lontar.catalog.ckan.actions import ACTIONS, Context
from lontar.catalog.ckan.errors import ActionError, BadRequest
from lontar.catalog.ckan.packages import Encoded, dumps
from lontar.core import safe_json

log = logging.getLogger(__name__)
MAX_NAME = 100


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
    help_url = _help_url(request, name[:MAX_NAME])
    func = ACTIONS.get(name)
    try:
        if func is None:
            raise BadRequest(f"Bad request - Action name not known: {name[:MAX_NAME]}")
        if request.method not in ("GET", "POST"):
            raise BadRequest("Bad request - use GET or POST.")
        data = request_data(request)
        data.pop("callback", None)
        result = func(Context(base=request.build_absolute_uri("/").rstrip("/")), data)
    except ActionError as exc:
        return _respond({"help": help_url, "success": False, "error": exc.body()}, status=exc.status)
    except Exception:
        log.exception("CKAN action %s failed", name[:MAX_NAME])
        error = {"__type": "Internal Server Error", "message": "Internal Server Error"}
        return _respond({"help": help_url, "success": False, "error": error}, status=500)
    if isinstance(result, Encoded):
        return _respond_encoded(help_url, result)
    return _respond({"help": help_url, "success": True, "result": result})


def api_root(request: HttpRequest) -> HttpResponse:
    """/api/3 answers the API version, as CKAN does."""
    return _respond({"version": 3})
