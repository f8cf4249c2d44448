"""Indonesian (title, detail) messages for queries the guard refused or the database stopped.

The one wording of these refusals, shared by the datastore's own pages and API and by the
catalogue's CKAN DataStore actions.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from lontar.datastore.query.engine import QueryError, response_max_bytes, time_limit_ms, value_max_bytes
from lontar.datastore.query.sqlguard import SqlRejected


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _size_message(exc: QueryError) -> tuple[str, str] | None:
    if exc.kind == "too_large":
        detail = _("The result is larger than %(size)s. Select fewer columns or fewer rows (WHERE, LIMIT).") % {
            "size": _megabytes(response_max_bytes())
        }
        return _("Query result too large."), detail
    if exc.kind == "value_too_large":
        detail = _("A value or row of the result is larger than %(size)s.") % {"size": _megabytes(value_max_bytes())}
        return _("Query result too large."), detail
    if exc.kind == "expensive":
        detail = _(
            "A function call would cost too much: printf/format widths and precisions are at most "
            "%(limit)s, and instr/replace cannot look for a pattern of more than %(limit)s characters "
            "in a longer value."
        ) % {"limit": exc.detail}
        return _("Query refused."), detail
    return None


def query_status(exc: QueryError) -> int:
    """HTTP status of a query error: 503 while public SQL is unavailable, else 400."""
    return 503 if exc.kind == "unavailable" else 400


def query_message(exc: QueryError) -> tuple[str, str]:
    """(title, detail) for a query the database stopped or refused."""
    sized = _size_message(exc)
    if sized is not None:
        return sized
    if exc.kind == "unavailable":
        return _("Public SQL queries are not available."), _(
            "This server has no read-only database role for public queries yet. The administrator must set "
            "DATASTORE_READONLY_DATABASE_URL and run manage.py datastore_reader_setup."
        )
    if exc.kind == "timeout":
        detail = _("The query took longer than the limit of %(ms)s ms. Add filters or simplify it.") % {
            "ms": time_limit_ms()
        }
        return _("Query time limit exceeded."), detail
    if exc.kind == "denied":
        return _("Query refused."), _("Only reading public data tables is allowed.")
    return _("The query could not be run."), exc.detail


def rejection_message(exc: SqlRejected) -> str:
    """Why the SQL guard refused a query, in words for the person who wrote it."""
    messages = {
        "nul": _("The query contains a NUL character."),
        "too_long": _("The query is longer than %(detail)s characters."),
        "empty": _('Write a query in the sql parameter, e.g. SELECT * FROM "dataset/resource" LIMIT 10.'),
        "multiple_statements": _("Only one statement can be run; remove the semicolons between statements."),
        "not_select": _("Only SELECT (or WITH … SELECT) queries can be run, not %(detail)s."),
        "denied_keyword": _("The keyword %(detail)s is not allowed: the data can only be read."),
        "denied_name": _(
            "%(detail)s cannot be used: only public tables, named by their key in double quotes, can be read."
        ),
        "unterminated": _("A string, quoted name or comment is not closed: %(detail)s"),
        "unsupported_quote": _("Escape strings, dollar quoting and backslashes are not supported: %(detail)s"),
        "too_many_calls": _("The query calls more than %(detail)s functions; split it into smaller queries."),
        "too_many_patterns": _(
            "The query uses more than %(detail)s pattern matches (LIKE, GLOB, REGEXP); split it into smaller queries."
        ),
        "denied_function": _(
            "The function %(detail)s cannot be used in public queries: only aggregate, window, numeric, "
            "text, date and JSON functions that work on the given values are allowed."
        ),
    }
    return messages.get(exc.reason, exc.reason) % {"detail": exc.detail}
