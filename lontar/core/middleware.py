"""Middleware: a request id for every request (answered in X-Request-ID, stored in audit events)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
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


_TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


class RequestTooLargeMiddleware:
    """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE or over DATA_UPLOAD_MAX_NUMBER_FIELDS
    parameters, whether DEBUG is on or off.

    Django sends these errors to handler400 (``lontar.core.views.error_400``, which answers 413)
    only with DEBUG off; with DEBUG on its debug page reads the parameters again and fails. Here
    they are answered the same way in every environment: a form body is read before the CSRF
    check would read it (csrf-exempt views, such as the CKAN façade, read and answer for their own
    bodies), and the error raised by a view that reads its parameters is answered in
    ``process_exception``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE") or getattr(view_func, "csrf_exempt", False):
            return None
        try:
            request.POST  # noqa: B018 - parsed now, as the CSRF check would
        except _TOO_LARGE as exc:
            return self.process_exception(request, exc)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, _TOO_LARGE):
            return None
        from lontar.core.views import error_400

        return error_400(request, exception)


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
