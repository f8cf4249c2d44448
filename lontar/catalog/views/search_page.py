"""The content of the catalogue search page (/dataset/), built cheaply and cached.

The content (form, facets, result cards, pages) is rendered once per query string, language,
catalogue version and organisations' version, then reused; the site shell around it (the
signed-in user, the language switch) is rendered per request. The catalogue version changes in
every transaction that changes the public catalogue, so a publication shows at once.

Rendering only what the page shows: the result cards are read as plain values for the page's
20 ids (no model instances), and the facet links are built here from the query string once
instead of copying and encoding it again for each of up to 180 links.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _

from lontar.catalog.search import cache as search_cache
from lontar.catalog.search.engine import FacetItem, search_ids
from lontar.catalog.search.ranking import hex_id
from lontar.catalog.views.search_params import PER_PAGE, SORTS, PageQuery
from lontar.core.templatetags.lontar_ui import num
from lontar.organisations.selectors import organisations_version

TIMEOUT = 600


def facet_groups(
    get: QueryDict, selected: dict[str, list[str]], facets: dict[str, list[FacetItem]]
) -> list[dict[str, Any]]:
    """The facet sidebar: per facet its label and items, each with the link that adds it to the
    query (or removes it when selected) and goes back to page 1 — the same links the
    ``querystring_toggle`` tag makes, encoded once per key instead of once per link."""
    labels = {
        "organization": _("Produsen Data"),
        "groups": _("Topic (urusan)"),
        "year": _("Year"),
        "res_format": _("Format"),
        "tags": _("Tag"),
        "license_id": _("Licence"),
    }
    lists = {key: values for key, values in get.lists() if key != "page"}
    segments = {key: urlencode([(key, v) for v in values]) for key, values in lists.items()}

    def href(name: str, value: str) -> str:
        values = list(lists.get(name, []))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        own = urlencode([(name, v) for v in values])
        parts = [own if key == name else segment for key, segment in segments.items()]
        if name not in segments:
            parts.append(own)
        encoded = "&".join(p for p in parts if p)
        return f"?{encoded}" if encoded else "?"

    groups = []
    for name, items in facets.items():
        if name == "year":
            items = sorted(items, key=lambda i: i.name, reverse=True)
        chosen = selected.get(name, [])
        links = [
            {"display_name": i.display_name, "count": i.count, "href": href(name, i.name), "selected": i.name in chosen}
            for i in items
        ]
        groups.append({"name": name, "label": labels[name], "items": links})
    return groups


def facet_sidebar(groups: list[dict[str, Any]]) -> SafeString:
    """The facet sections of the sidebar (HTML built here: up to 180 links per page, where the
    template engine spent more time than the whole search)."""
    remove = _("(selected: remove this filter)")
    counts: dict[int, str] = {}
    parts = []
    for group in groups:
        if not group["items"]:
            continue
        parts.append(
            format_html(
                '<section class="section" aria-labelledby="facet-{name}">\n'
                '<h3 class="h-small" id="facet-{name}">{label}</h3>\n<ul class="stack small">\n',
                name=group["name"],
                label=group["label"],
            )
        )
        for item in group["items"]:
            n = item["count"]
            count = counts[n] if n in counts else counts.setdefault(n, num(n))
            if item["selected"]:
                parts.append(
                    format_html(
                        '<li><a href="{}" aria-current="true"><strong>{}</strong> ({}) '
                        '<span class="visually-hidden">{}</span>✕</a></li>\n',
                        item["href"],
                        item["display_name"],
                        count,
                        remove,
                    )
                )
            else:
                parts.append(
                    format_html('<li><a href="{}">{} ({})</a></li>\n', item["href"], item["display_name"], count)
                )
        parts.append(mark_safe("</ul>\n</section>\n"))  # constant markup
    return mark_safe("".join(parts))  # format_html output and constant markup only


def _as_datetime(value: Any) -> Any:
    if isinstance(value, str):
        value = parse_datetime(value)
    return make_aware(value, dt.UTC) if value is not None and is_naive(value) else value  # SQLite: naive UTC


def cards(ids: list[str]) -> list[dict[str, Any]]:
    """What a result card shows, for the entries ``ids`` (hex) in that order: one query."""
    if not ids:
        return []
    sql = (
        "SELECT e.dataset_id, e.name, e.title, e.notes, e.metadata_modified, e.is_prioritas, e.is_sample, "
        "o.name, v.snapshot FROM catalog_catalogentry e "
        "JOIN organisations_organisation o ON o.id = e.organisation_id "
        "JOIN catalog_datasetversion v ON v.id = e.version_id WHERE "
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql + "e.dataset_id = ANY(%s)", [[uuid.UUID(i) for i in ids]])
        else:
            cursor.execute(sql + f"e.dataset_id IN ({', '.join(['%s'] * len(ids))})", ids)
        rows = cursor.fetchall()
    found = {}
    for entry_id, name, title, notes, modified, prioritas, sample, organisation, snapshot in rows:
        snap = json.loads(snapshot) if isinstance(snapshot, str) else snapshot
        found[hex_id(entry_id)] = {
            "name": name,
            "title": title,
            "notes": notes,
            "modified": _as_datetime(modified),
            "is_prioritas": bool(prioritas),
            "is_sample": bool(sample),
            "organisation": organisation,
            "temporal": snap["temporal"],
            "formats": [r["format"] for r in snap["resources"]],
        }
    return [found[i] for i in ids if i in found]


def _build(request: HttpRequest, query: PageQuery) -> dict[str, Any]:
    count, ids, facets = search_ids(query.params)
    page_obj = Paginator(range(count), PER_PAGE).get_page(query.page) if count else None
    context = {
        "query": query,
        "count": count,
        "cards": cards(ids),
        "facet_sidebar": facet_sidebar(facet_groups(request.GET, query.selected, facets)),
        "sorts": [(key, label) for key, (_order, label) in SORTS.items()],
        "page_obj": page_obj,
        "has_filters": any(query.selected.values()) or bool(query.q.strip()),
    }
    content = render_to_string("catalog/_search_content.html", context, request)
    return {"status": 400 if query.error else 200, "content": content}


def content(request: HttpRequest, query: PageQuery, build: Callable[..., dict[str, Any]] = _build) -> dict[str, Any]:
    """{"status", "content"} of the page for ``request``'s query string, from the cache when it has it."""
    raw = json.dumps(
        [translation.get_language(), search_cache.current_version(), organisations_version(), request.GET.urlencode()]
    )
    key = f"catalog:search-page:{hashlib.sha256(raw.encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = build(request, query)
        cache.set(key, found, TIMEOUT)
    return found
