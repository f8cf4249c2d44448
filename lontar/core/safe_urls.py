"""The one check of every back-link and redirect parameter (``next``, ``kembali``, …).

Only a same-site relative path is accepted: it starts with a single ``/`` (not ``//`` or ``/\\``,
which browsers read as another host), has no scheme, no backslash and no control character
(browsers drop tabs and newlines, so ``/\\t/evil`` becomes ``//evil``), and passes Django's
``url_has_allowed_host_and_scheme`` with no allowed host. The same holds after one round of
percent-decoding, so an encoded variant cannot slip through a later decode. Anything else —
``javascript:``, ``data:``, an absolute URL even to this site — gives the caller's default.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

MAX_LENGTH = 2000
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _plain_path(value: str) -> bool:
    if not value.startswith("/") or value.startswith("//") or "\\" in value or _CONTROL.search(value):
        return False
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def is_safe_path(value: Any) -> bool:
    """True when ``value`` is a path on this site that is safe to link to or redirect to."""
    if not isinstance(value, str) or not value or len(value) > MAX_LENGTH:
        return False
    return _plain_path(value) and _plain_path(unquote(value))


def safe_next(value: Any, *, default: str) -> str:
    """``value`` when it is a same-site relative path (see the module docstring), else ``default``."""
    return value if is_safe_path(value) else default
