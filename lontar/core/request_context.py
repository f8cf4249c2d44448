"""Per-request context kept in ContextVars so services can read it without threading the
request object through every call. Safe across threads and async tasks.

The request id is always the server's own (uuid4 hex): it is what the audit trail records and
what X-Request-ID answers with. An X-Request-ID the client sent is only a hint to correlate with
its own logs: kept apart (sanitised, at most 64 characters) as the client request id.
"""

from __future__ import annotations

import contextvars
import re
import uuid

CLIENT_ID_MAX_LENGTH = 64
_NOT_ID_CHARACTER = re.compile(r"[^A-Za-z0-9._:-]")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("lontar_request_id", default="")
_client_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("lontar_client_request_id", default="")


def new_request_id() -> str:
    return uuid.uuid4().hex


def get_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str) -> contextvars.Token[str]:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


def clean_client_request_id(raw: str) -> str:
    """A client's X-Request-ID reduced to letters, digits and ``._:-``, at most 64 characters."""
    return _NOT_ID_CHARACTER.sub("", raw[: CLIENT_ID_MAX_LENGTH * 4])[:CLIENT_ID_MAX_LENGTH]


def get_client_request_id() -> str:
    return _client_request_id.get()


def set_client_request_id(value: str) -> contextvars.Token[str]:
    return _client_request_id.set(value)


def reset_client_request_id(token: contextvars.Token[str]) -> None:
    _client_request_id.reset(token)
