"""Datasette's table arguments on Lontar's table API (docs/datasette-compat.md): ``_col`` and
``_nocol``, ``_search`` and ``_search_<column>``, ``_facet_size``, ``_extra``, ``_timelimit``, the
arguments refused as Datasette refuses them, and ``_next`` values made as Datasette makes them.
Used by :func:`lontar.datastore.query.params.parse`."""

from __future__ import annotations

import re
import urllib.parse

from django.http import QueryDict
from django.utils.translation import gettext as _

from lontar.datastore.query.params import (
    CONTROL,
    ID,
    IGNORED,
    MAX_PATTERN_LENGTH,
    MAX_SEARCH_TERMS,
    MAX_SIZE,
    REFUSED,
    Columns,
    Filter,
    Keyset,
    ParamError,
    TableQuery,
    _like_escape,
)


def check_argument(key: str) -> None:
    if key in CONTROL or key in IGNORED or key.startswith("_search_"):
        return
    if key == "_where":
        # Datasette without the execute-sql permission; Lontar's public SQL is /data/sql.json.
        raise ParamError(_("_where= is not allowed; use /data/sql.json for SQL."), status=403)
    if key in REFUSED:
        raise ParamError(
            _("%(name)s is not supported: Lontar tables have no foreign keys or JSON-array columns.") % {"name": key}
        )
    raise ParamError(
        _("Unknown parameter %(name)s. Parameters: %(names)s.")
        % {"name": key[:60], "names": ", ".join(CONTROL + IGNORED + ("_search_<column>",))}
    )


def select(params: QueryDict, columns: Columns) -> list[str] | None:
    """Datasette's ``_col`` (these columns, after the primary key) and ``_nocol`` (all but these)."""
    if "_col" not in params and "_nocol" not in params:
        return None
    chosen = columns.names
    if "_col" in params:
        wanted = list(dict.fromkeys(params.getlist("_col")))
        bad = [c for c in wanted if c not in columns.types]
        if bad:
            raise ParamError(
                _("_col=%(columns)s - invalid columns") % {"columns": ", ".join(b[:60] for b in bad[:10])},
                valid_columns=columns.names,
            )
        chosen = [ID, *(c for c in wanted if c != ID)]
    if "_nocol" in params:
        hidden = set(params.getlist("_nocol"))
        bad = [c for c in dict.fromkeys(params.getlist("_nocol")) if c not in columns.types or c == ID]
        if bad:
            raise ParamError(
                _("_nocol=%(columns)s - invalid columns") % {"columns": ", ".join(b[:60] for b in bad[:10])},
                valid_columns=columns.names,
            )
        chosen = [c for c in chosen if c not in hidden]
    return chosen


def search_filters(params: QueryDict, columns: Columns) -> list[Filter]:
    """``_search`` (every text column) and ``_search_<column>``: each word must occur (a
    case-insensitive substring match; Lontar has no full-text index, see docs/datasette-compat.md)."""
    found = []
    for key in params:
        if key != "_search" and not key.startswith("_search_"):
            continue
        column = "" if key == "_search" else columns.require(key.removeprefix("_search_"))
        terms = tuple(dict.fromkeys(params.get(key, "").split()))
        if not terms:
            continue
        if len(terms) > MAX_SEARCH_TERMS or any(len(_like_escape(t)) > MAX_PATTERN_LENGTH - 2 for t in terms):
            raise ParamError(
                _("%(name)s takes at most %(terms)s words of at most %(length)s characters.")
                % {"name": key, "terms": MAX_SEARCH_TERMS, "length": MAX_PATTERN_LENGTH - 2}
            )
        found.append(Filter(column, "search", terms))
    return found


def facet_size(text: str) -> int | None:
    """As Datasette: ``max`` or a whole number (at most MAX_SIZE); anything else is ignored."""
    if text == "max":
        return MAX_SIZE
    if text.isascii() and text.isdigit():
        return min(int(text), MAX_SIZE)
    return None


#: ``_extra`` names Lontar answers (docs/datasette-compat.md)
EXTRAS = (
    "count",
    "count_truncated",
    "facet_results",
    "facets_timed_out",
    "suggested_facets",
    "sorted_facet_results",
    "columns",
    "all_columns",
    "primary_keys",
    "database",
    "table",
    "is_view",
    "private",
    "expandable_columns",
    "column_types",
    "metadata",
    "renderers",
    "human_description_en",
    "extras",
)
#: Datasette's other table extras: SQL text, SQLite schema and HTML-interface details
DATASETTE_ONLY_EXTRAS = (
    "count_sql",
    "column_details",
    "display_columns",
    "display_rows",
    "render_cell",
    "debug",
    "request",
    "query",
    "set_column_type_ui",
    "custom_table_templates",
    "table_definition",
    "view_definition",
    "database_color",
    "form_hidden_args",
    "actions",
    "filters",
)


def extras(values: list[str]) -> list[str]:
    names = list(dict.fromkeys(n.strip() for v in values for n in v.split(",") if n.strip()))
    for name in names:
        if name in DATASETTE_ONLY_EXTRAS:
            raise ParamError(_("_extra=%(name)s is not available on Lontar.") % {"name": name})
        if name not in EXTRAS:
            raise ParamError(_("Unknown _extra: %(name)s") % {"name": name[:60]}, valid_extras=list(EXTRAS))
    return names


def time_limit(text: str | None) -> int | None:
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 3_600_000:
        raise ParamError(_("_timelimit must be a whole number of milliseconds."))
    return int(text)


#: Lontar's own tokens are URL-safe base64 of a JSON object ("eyJ…"): letters, digits, - and _.
#: Datasette's are the primary key, or the sort value, a comma and the primary key, each
#: tilde-encoded ("$null" for an empty sort value); a token of digits only is a primary key.
DATASETTE_TOKEN = re.compile(r"^-?[0-9]+$|[,~$.%]")
MAX_ID = 2**63 - 1


def _tilde_decode(text: str) -> str:
    """Datasette's ``tilde_decode``: ``~XX`` is the byte 0xXX, ``+`` a space; a ``%`` stays itself."""
    pieces = (urllib.parse.unquote_to_bytes(p.replace("+", " ").replace("~", "%")) for p in text.split("%"))
    return "%".join(piece.decode("utf-8") for piece in pieces)


def datasette_keyset(token: str, query: TableQuery, columns: Columns, invalid: ParamError) -> Keyset:
    """A client-made ``_next``: where Datasette's own token would continue, in Lontar's order
    (by the sort column, then ``_id``; empty values of the sort column last)."""
    try:
        parts = [_tilde_decode(p) for p in token.split(",")]
        sorted_by = query.sort and query.sort != ID
        if len(parts) not in ((2,) if sorted_by else (1, 2)):
            raise ValueError(token)
        row_id = int(parts[-1].strip())
        if not -MAX_ID <= row_id <= MAX_ID:
            raise ValueError(token)
        if not sorted_by:
            return Keyset(id=row_id)
        if token.split(",")[0] == "$null":
            return Keyset(id=row_id, nulls=True)
        return Keyset(value=columns.value(query.sort, parts[0]), id=row_id)
    except (ValueError, UnicodeDecodeError, ParamError) as exc:
        raise invalid from exc
