"""Middleware: a request id for every request (answered in X-Request-ID, stored in audit events)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from lontar.core import request_context


class RequestIdMiddleware:
    """The request id is generated here, never taken from the client: a client could otherwise
    write any id it likes on audit events. A client's X-Request-ID is kept apart (see
    ``lontar.core.request_context``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_context.new_request_id()
        client_id = request_context.clean_client_request_id(request.headers.get("X-Request-ID", ""))
        request.request_id = request_id  # type: ignore[attr-defined]
        request.client_request_id = client_id  # type: ignore[attr-defined]
        token = request_context.set_request_id(request_id)
        client_token = request_context.set_client_request_id(client_id)
        try:
            response = self.get_response(request)
        finally:
            request_context.reset_client_request_id(client_token)
            request_context.reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class DefaultLanguageMiddleware:
    """Bahasa Indonesia unless the visitor chose another language with the switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show most
    visitors with an English-language phone the English UI. Lontar's default is Indonesian;
    only the language cookie set by the switch (``set_language``) changes it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


def request_language(request: HttpRequest) -> str:
    """The language of the answer: the switch's cookie when it names an available language, else the default."""
    from django.conf import settings

    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen and any(chosen == code for code, _name in settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE
