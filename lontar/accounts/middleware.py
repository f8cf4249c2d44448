"""Short staff sessions: they end when the browser closes, after an idle time, and at the latest
a fixed number of hours after sign-in (``LONTAR_STAFF_SESSION_IDLE_MINUTES``,
``LONTAR_STAFF_SESSION_HOURS``). Viewers and the public keep Django's default session.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lontar.accounts.permissions import is_staff_member

STARTED_KEY = "_lontar_staff_started"
SEEN_KEY = "_lontar_staff_seen"
#: the last-seen time stamp is written at most this often (one session write per minute, not per request)
TOUCH_INTERVAL = 60


def staff_session_expired(session: object, now: float) -> bool:
    """True when a staff session is past its idle time or its absolute lifetime."""
    started = session.get(STARTED_KEY)  # type: ignore[attr-defined]
    seen = session.get(SEEN_KEY)  # type: ignore[attr-defined]
    if not isinstance(started, int | float) or not isinstance(seen, int | float):
        return False
    idle = settings.LONTAR_STAFF_SESSION_IDLE_MINUTES * 60
    lifetime = settings.LONTAR_STAFF_SESSION_HOURS * 3600
    return now - seen > idle or now - started > lifetime


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) and is_staff_member(request.user):
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = time.time()
        if staff_session_expired(session, now):
            logout(request)
            messages.info(request, _("Your session ended; sign in again."))
            return
        if STARTED_KEY not in session:
            session[STARTED_KEY] = int(now)
            session.set_expiry(0)  # the cookie ends with the browser
        if now - session.get(SEEN_KEY, 0) >= TOUCH_INTERVAL:
            session[SEEN_KEY] = int(now)
