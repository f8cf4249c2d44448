"""Whole-response cache of public pages for anonymous visitors (ADR 0010).

A view opts in per request with :func:`allow`, naming the *data version* its answer depends on
(registered with :func:`register_version`).
:class:`PageCacheMiddleware`, placed just inside the security, request-id and gzip middleware,
then keeps the finished response (status, headers, body) per method, scheme, host, full path and
language, and serves the next identical request from it without running the rest of the stack,
provided the data version read at that moment is still the one the response was built with. So
an edit shows at once in every process; the TTL only bounds how long reference data outside the
version (regions) may lag.

Only visitors who cannot be anyone in particular are served from it: no cookie but the CSRF and
language cookies (so no session, no messages), no ``Authorization`` header, no htmx request —
decided without touching the database. Responses are kept only when they are 200, set no cookie,
are not ``private``/``no-store`` and vary on nothing but ``Cookie`` (and ``HX-Request``).

The CSRF token never enters the stored bytes: while such a page renders, ``{{ csrf_token }}`` is
a placeholder derived from ``SECRET_KEY`` (context processor :func:`csrf_placeholder`); every
answer, cached or not, gets the placeholder replaced by the visitor's own masked token, and the
CSRF cookie set exactly as ``CsrfViewMiddleware`` would. Entries also keep their body's deflate
data around the placeholders, so that a compressed hit costs no compression (:func:`_gzip`).
"""

from __future__ import annotations

import gzip
import re
import secrets
import struct
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac

from lontar.core.middleware import request_language

#: seconds an entry lives at most (reference data outside the data version may lag this long)
DEFAULT_SECONDS = 300
#: the store's bounds per process: total body bytes and entries
MAX_BYTES = 32 * 1024 * 1024
MAX_ENTRIES = 2000
#: responses larger than this are not kept
MAX_BODY_BYTES = 1024 * 1024
#: requests with a longer query string are never looked up or kept
MAX_QUERY_LENGTH = 512
#: response Vary values the key accounts for (the request may carry no other cookie; htmx requests
#: bypass the cache)
_VARY_OK = frozenset({"cookie", "hx-request"})
_SAFE_METHODS = ("GET", "HEAD")
#: as django.middleware.gzip: what accepts gzip, what is too short to compress, BREACH padding
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_GZIP_MIN_BYTES = 200
_GZIP_RANDOM_BYTES = 100

_CSRF_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
#: random bytes below this map evenly onto the CSRF alphabet (62 characters)
_CSRF_UNBIASED = 256 - 256 % len(CSRF_ALLOWED_CHARS)

_versions: dict[str, Callable[[], object]] = {}
_UNREAD = object()


def register_version(name: str, read: Callable[[], object]) -> None:
    """``read()`` returns a value that changes whenever the data behind ``name`` pages changes."""
    _versions[name] = read


@dataclass
class _State:
    """Per-request: set by the middleware for an eligible request, filled by :func:`allow`."""

    version_name: str = ""
    version: object = None
    seconds: int = DEFAULT_SECONDS
    allowed: bool = False


@dataclass(frozen=True)
class _Entry:
    version_name: str
    version: object
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    expires: float
    has_placeholder: bool
    #: raw deflate of the body's pieces between placeholders, each ending byte-aligned with no
    #: reference to what came before (None when compressing would not make it shorter)
    deflated: tuple[bytes, ...] | None = None

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(piece) for piece in self.deflated or ())


def allow(request: HttpRequest, version: str, seconds: int = DEFAULT_SECONDS, *, value: object = _UNREAD) -> None:
    """This answer depends only on the URL, the language and the data ``version``: cache it.

    Call it before rendering (``value``: the version already read for this answer, if any), and
    only for a bounded set of URLs (validated parameters, no free text): each distinct full path
    is its own entry. Does nothing for visitors who are not served from the cache. Fragments
    cached elsewhere while such a page renders must not contain the CSRF token.
    """
    state = getattr(request, "_page_cache", None)
    if state is None:
        return
    state.version_name = version
    state.version = _versions[version]() if value is _UNREAD else value
    state.seconds = seconds
    state.allowed = True


@cache
def placeholder() -> str:
    """Stands for the CSRF token in stored pages: as long as a masked token, unguessable."""
    return salted_hmac("lontar.core.page_cache", "csrf-placeholder", algorithm="sha256").hexdigest()


def csrf_placeholder(request: HttpRequest) -> dict[str, str]:
    """Context processor: the placeholder as ``csrf_token`` while a cacheable page renders."""
    state = getattr(request, "_page_cache", None)
    return {"csrf_token": placeholder()} if state is not None and state.allowed else {}


class _Store:
    """A bounded LRU of entries for this process (no pickling: entries are immutable)."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_entries: int = MAX_ENTRIES) -> None:
        self.max_bytes, self.max_entries = max_bytes, max_entries
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.expires <= time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def set(self, key: tuple, entry: _Entry) -> None:
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self._bytes += entry.size
            while self._entries and (self._bytes > self.max_bytes or len(self._entries) > self.max_entries):
                self._drop(next(iter(self._entries)))

    def discard(self, key: tuple) -> None:
        with self._lock:
            if key in self._entries:
                self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._bytes

    def _drop(self, key: tuple) -> None:
        self._bytes -= self._entries.pop(key).size


store = _Store()


def _clear_on_setting_change(**kwargs: object) -> None:
    store.clear()
    placeholder.cache_clear()


setting_changed.connect(_clear_on_setting_change)


def _csrf_indices(count: int) -> list[int]:
    """``count`` uniformly random positions in the CSRF alphabet, from one read of the system's CSPRNG."""
    found: list[int] = []
    while len(found) < count:
        found.extend(b % len(CSRF_ALLOWED_CHARS) for b in secrets.token_bytes(count + 8) if b < _CSRF_UNBIASED)
    return found[:count]


def masked_csrf_token(request: HttpRequest) -> str:
    """What ``django.middleware.csrf.get_token`` returns and does (the visitor's secret, a new one
    when there is none, the cookie marked for sending, a freshly masked token), drawing its
    randomness in one system call instead of one per character (a fifth of a millisecond less
    per new visitor). ``tests/core/test_page_cache.py`` checks it against Django's own unmasking.
    """
    meta = request.META
    secret = meta.get("CSRF_COOKIE")
    if secret is None:
        secret = "".join(CSRF_ALLOWED_CHARS[i] for i in _csrf_indices(CSRF_SECRET_LENGTH))
        meta["CSRF_COOKIE"] = secret
    meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _csrf_indices(CSRF_SECRET_LENGTH)
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(CSRF_ALLOWED_CHARS[(_CSRF_INDEX[c] + m) % size] for c, m in zip(secret, mask, strict=True))
    return "".join(CSRF_ALLOWED_CHARS[m] for m in mask) + cipher


def _deflate_pieces(body: bytes) -> tuple[bytes, ...] | None:
    """Raw deflate of the pieces of ``body`` around the placeholders (see :func:`_gzip`)."""
    if len(body) < _GZIP_MIN_BYTES:
        return None
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    pieces = body.split(placeholder().encode())
    deflated = [compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH) for piece in pieces[:-1]]
    deflated.append(compressor.compress(pieces[-1]) + compressor.flush(zlib.Z_FINISH))
    token_blocks = (len(pieces) - 1) * (5 + len(placeholder()))
    if sum(len(d) for d in deflated) + token_blocks + 18 + _GZIP_RANDOM_BYTES >= len(body):
        return None
    return tuple(deflated)


def _gzip(deflated: tuple[bytes, ...], token: bytes, body: bytes) -> bytes:
    """The gzip member of ``body`` (the pieces joined by ``token``) from the pieces' deflate data.

    After a full flush the deflate stream is byte-aligned and later data refers to nothing
    before it, so the token goes in between as a stored (uncompressed) block. Like Django's
    GZipMiddleware, the header carries a random file name against BREACH.
    """
    stored = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token
    header = b"\x1f\x8b\x08" + bytes([gzip.FNAME]) + b"\x00\x00\x00\x00\x00\xff"
    name = b"a" * secrets.randbelow(_GZIP_RANDOM_BYTES) + b"\x00"
    trailer = struct.pack("<II", zlib.crc32(body), len(body) & 0xFFFFFFFF)
    return header + name + stored.join(deflated) + trailer


def _allowed_cookies() -> frozenset[str]:
    return frozenset({settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME})


def cache_key(request: HttpRequest) -> tuple | None:
    """The key of ``request`` when its answer may come from the cache, else None (no database use)."""
    meta = request.META
    if (
        request.method not in _SAFE_METHODS
        or not getattr(settings, "PAGE_CACHE_ENABLED", True)
        or "HTTP_AUTHORIZATION" in meta
        or "HTTP_HX_REQUEST" in meta
        or settings.CSRF_USE_SESSIONS  # the token's secret would live in the session
        or len(meta.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH
    ):
        return None
    if meta.get("HTTP_COOKIE") and not set(request.COOKIES) <= _allowed_cookies():
        return None
    return (
        request.method,
        request.is_secure(),
        meta.get("HTTP_HOST", ""),
        request.path,
        meta.get("QUERY_STRING", ""),
        request_language(request),
    )


class PageCacheMiddleware:
    """Serves and keeps whole responses of pages that opted in with :func:`allow`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        entry = store.get(key)
        if entry is not None:
            read = _versions.get(entry.version_name)
            if read is not None and read() == entry.version:
                request.page_cache_hit = True  # type: ignore[attr-defined]  # lontar.core.metrics
                return self._answer(request, entry)
            store.discard(key)
        state = _State()
        request._page_cache = state  # type: ignore[attr-defined]
        response = self.get_response(request)
        if not state.allowed:
            return response
        entry = self._entry(request, response, state)
        if entry is None:
            self._substitute_token(request, response)
            return response
        store.set(key, entry)
        return self._answer(request, entry)

    def _entry(self, request: HttpRequest, response: HttpResponse, state: _State) -> _Entry | None:
        """The entry to keep for ``response``, or None when it must not be kept."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return None
        cache_control = response.get("Cache-Control", "").lower()
        if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
            return None
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if not vary <= _VARY_OK:
            return None
        user = getattr(request, "_cached_user", None)  # evaluated by the view, if at all
        if user is not None and user.is_authenticated:
            return None
        body = response.content
        if len(body) > MAX_BODY_BYTES:
            return None
        headers = tuple((k, v) for k, v in response.items() if k.lower() != "content-length")
        if response.has_header("Content-Encoding"):
            return None  # compressed by the view: nothing to substitute in, nothing to gain
        return _Entry(
            version_name=state.version_name,
            version=state.version,
            status=response.status_code,
            headers=headers,
            body=body,
            expires=time.monotonic() + state.seconds,
            has_placeholder=placeholder().encode() in body,
            deflated=_deflate_pieces(body),
        )

    def _answer(self, request: HttpRequest, entry: _Entry) -> HttpResponse:
        """A fresh response from ``entry``, with the visitor's CSRF token and cookie.

        Compressed here when the visitor accepts gzip, from the stored deflate pieces, exactly as
        GZipMiddleware would (it leaves responses with a Content-Encoding alone).
        """
        token = self._token(request).encode() if entry.has_placeholder else b""
        body = entry.body.replace(placeholder().encode(), token) if entry.has_placeholder else entry.body
        accepts_gzip = _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        deflated = entry.deflated if accepts_gzip else None
        response = HttpResponse(_gzip(deflated, token, body) if deflated is not None else body, status=entry.status)
        for name, value in entry.headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(response.content))
        if deflated is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
            response.headers["Content-Encoding"] = "gzip"
        self._csrf.process_response(request, response)  # sets the CSRF cookie on this same response
        return response

    def _token(self, request: HttpRequest) -> str:
        if "CSRF_COOKIE" not in request.META:
            self._csrf.process_request(request)  # reads (and checks) the visitor's cookie, if any
        return masked_csrf_token(request)

    def _substitute_token(self, request: HttpRequest, response: HttpResponse) -> None:
        """An answer that is not kept still gets the real token where the placeholder was rendered."""
        if response.streaming:
            return
        mark = placeholder().encode()
        if mark in response.content:
            response.content = response.content.replace(mark, self._token(request).encode())
            if response.has_header("Content-Length"):
                response.headers["Content-Length"] = str(len(response.content))
            self._csrf.process_response(request, response)
