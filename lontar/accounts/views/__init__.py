"""Account pages: sign-in and two-factor, password reset/change, API tokens, user management.

``lockout_response`` is referenced by ``AXES_LOCKOUT_CALLABLE``.
"""

from lontar.accounts.views.signin import dashboard, lockout_response, login_view, safe_next_url

__all__ = ["dashboard", "lockout_response", "login_view", "safe_next_url"]
