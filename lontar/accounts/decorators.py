"""View decorators for every page that needs a signed-in user.

Use them on each staff page::

    from lontar.accounts.decorators import role_required, staff_required
    from lontar.accounts.models import Role

    @staff_required
    def workspace(request): ...

    @role_required(Role.WALIDATA, Role.PRODUSEN_DATA)
    def dataset_edit(request, slug): ...

``role_required`` only says the user holds one of the roles *somewhere*; the view (through a
selector such as ``permissions.get_for_actor_or_404``) still checks that the record belongs to
an organisation the role covers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from lontar.accounts.permissions import scope_for
from lontar.accounts.twofactor import confirmed_device, session_is_verified

View = Callable[..., HttpResponseBase]


def second_step_url(user: Any, next_url: str) -> str:
    """The two-factor step the user must pass: the code, or enrolment of a first device."""
    name = "accounts:2fa_verify" if confirmed_device(user) is not None else "accounts:2fa_enrol"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def staff_required(view: View) -> View:
    """Let the request through only when the user is signed in and passed 2FA where required.

    * anonymous → redirect to ``accounts:login`` with ``?next=`` the requested path;
    * signed in, but a staff member (any role but viewer, or superuser) who has not passed the
      TOTP step while ``LONTAR_REQUIRE_2FA`` is on → redirect to ``/akun/2fa/`` (or
      ``/akun/2fa/daftar/`` when the user has no confirmed device yet) with ``?next=``;
    * otherwise the view runs. A signed-in viewer (no 2FA needed) passes too: restrict a page
      to roles with :func:`role_required`.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not session_is_verified(request):
            return HttpResponseRedirect(second_step_url(request.user, request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapped


def role_required(*roles: str) -> Callable[[View], View]:
    """:func:`staff_required`, then 403 unless the user holds one of ``roles`` in some organisation.

    Superusers hold every role. Scope is as in ``permissions.scope_for``: the view still checks
    the organisation of the record it acts on.
    """
    if not roles:
        raise ValueError("role_required needs at least one role")

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if scope_for(request.user, roles).is_empty:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return staff_required(checked)

    return decorator
