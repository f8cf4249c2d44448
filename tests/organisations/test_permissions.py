"""Who may change organisations is decided by accounts (registered at start-up), never guessed."""

from __future__ import annotations

from lontar.accounts.permissions import is_province_admin
from lontar.organisations import permissions


def test_accounts_registers_the_province_admin_check():
    assert permissions._may_change == [is_province_admin]


def test_nobody_may_change_while_no_check_is_registered(monkeypatch):
    class Superuser:
        is_authenticated = is_active = is_superuser = True

    assert permissions.may_change(Superuser())
    monkeypatch.setattr(permissions, "_may_change", [])
    assert not permissions.may_change(Superuser())
