"""A slow back-off per account across all clients, on top of django-axes' lock-out per
(account, client address).

django-axes locks one client out of one account after ``LONTAR_LOGIN_FAILURE_LIMIT`` failures,
so a stranger cannot lock a user out from elsewhere. That alone would let many addresses guess
the same account in parallel, so every failed sign-in (wrong password or wrong TOTP code, from
any client) is also counted per account, in the cache, over ``LONTAR_ACCOUNT_BACKOFF_WINDOW_HOURS``.
From ``LONTAR_ACCOUNT_BACKOFF_THRESHOLD`` failures on, a sign-in to the account is refused
until a delay has passed since the last failure: one minute, doubling every ten further
failures, at most fifteen minutes (see :func:`delay_seconds`). Attempts refused during the
delay are not checked and so not counted. A complete sign-in clears the count.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

FIRST_DELAY = 60
DOUBLING_EVERY = 10
MAX_DELAY = 15 * 60


def delay_seconds(failures: int, threshold: int) -> int:
    """Seconds an account waits after its last failure, given its failures in the window."""
    if failures < threshold:
        return 0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** ((failures - threshold) // DOUBLING_EVERY))


def _keys(username: str) -> tuple[str, str]:
    digest = hashlib.sha256(username.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"lontar:signin-backoff:count:{digest}", f"lontar:signin-backoff:last:{digest}"


def _now() -> float:
    return time.time()


def _window() -> int:
    return int(settings.LONTAR_ACCOUNT_BACKOFF_WINDOW_HOURS) * 3600


def record_failure(username: str) -> int:
    """Count one failed sign-in of ``username`` (atomically); returns the failures in the window."""
    count_key, last_key = _keys(username)
    cache.add(count_key, 0, timeout=_window())
    try:
        count = cache.incr(count_key)
    except ValueError:
        count = 1 if cache.add(count_key, 1, timeout=_window()) else cache.incr(count_key)
    cache.set(last_key, _now(), timeout=_window())
    return count


def seconds_left(username: str) -> int:
    """How long sign-in to ``username`` is still refused (0: not at all)."""
    if not username:
        return 0
    count_key, last_key = _keys(username)
    failures = cache.get(count_key) or 0
    delay = delay_seconds(int(failures), int(settings.LONTAR_ACCOUNT_BACKOFF_THRESHOLD))
    if not delay:
        return 0
    last = cache.get(last_key) or 0
    return max(0, int(float(last) + delay - _now()))


def clear(username: str) -> None:
    cache.delete_many(list(_keys(username)))


@receiver(user_login_failed, dispatch_uid="lontar.accounts.backoff.failed")
def _on_failure(sender: object, credentials: dict, request: object = None, **kwargs: object) -> None:
    username = (credentials or {}).get("username")
    if isinstance(username, str) and username:
        record_failure(username)


@receiver(user_logged_in, dispatch_uid="lontar.accounts.backoff.signed_in")
def _on_sign_in(sender: object, request: object, user: object, **kwargs: object) -> None:
    clear(user.get_username())  # type: ignore[attr-defined]
