"""A parsed Solr query (:mod:`lontar.catalog.search.solr`) as a Django ``Q`` on the catalogue entries.

Field clauses go through :func:`lontar.catalog.search.fields.clause_q`; free-text words and
phrases (and ``title:``/``notes:``/``text:``) through the full-text index of the database
(:func:`lontar.catalog.search.backend.text_q`). The same ``Q`` runs on SQLite and PostgreSQL.
Raises ``QueryError`` for fields Lontar does not know and values it cannot apply.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_

from django.db.models import Q

from lontar.catalog.search import backend, solr
from lontar.catalog.search.fields import COUNTS, EVERYTHING, NOTHING, TagLink, TopicLink, clause_q
from lontar.catalog.search.query import ALIASES, FIELDS, TEXT_FIELDS, Clause, QueryError

#: fields whose ``field:*`` means "has at least one" (the others always have a value)
_LINKED = {
    "tags": lambda: Q(pk__in=TagLink.objects.values("catalogentry_id")),
    "groups": lambda: Q(pk__in=TopicLink.objects.values("catalogentry_id")),
}


def field_name(raw: str) -> str:
    """The Lontar name of a CKAN/Solr field, or ``QueryError`` (an unknown field)."""
    name = raw.lower()
    name = ALIASES.get(name, name)
    if name in FIELDS or name in COUNTS or (name.startswith("extras_") and len(name) > 7):
        return name
    raise QueryError(f"unknown field {raw[:40]!r}")


def _text(term: solr.Term, name: str | None) -> Q:
    words = backend.tokens(term.value)
    if not words:
        return EVERYTHING  # CKAN treats an empty phrase ("") as "everything"
    return backend.text_q(words, phrase=term.phrase, title_only=name == "title")


def _term(term: solr.Term) -> Q:
    name = None if term.field is None else field_name(term.field)
    if name is None or name in TEXT_FIELDS:
        return _text(term, name)
    return clause_q(Clause(field=name, values=(term.value,)))


def _range(node: solr.Range) -> Q:
    name = field_name(node.field)
    if node.low is None and node.high is None:
        return _LINKED[name]() if name in _LINKED else EVERYTHING
    if name in TEXT_FIELDS:
        raise QueryError(f"{name} does not take a range")
    return clause_q(
        Clause(
            field=name,
            is_range=True,
            low=node.low,
            high=node.high,
            low_inclusive=node.low_inclusive,
            high_inclusive=node.high_inclusive,
        )
    )


def tree_q(node: solr.Node) -> Q:
    """The filter a parsed query stands for."""
    if isinstance(node, solr.MatchAll):
        return EVERYTHING
    if isinstance(node, solr.Term):
        return _term(node)
    if isinstance(node, solr.Range):
        return _range(node)
    if isinstance(node, solr.Not):
        inner = tree_q(node.child)
        return NOTHING if inner is EVERYTHING else ~inner
    parts = [tree_q(child) for child in node.children]
    return reduce(and_ if isinstance(node, solr.And) else or_, parts)


def rank_words(node: solr.Node) -> list[str]:
    """The words that score relevance: every free-text word not under a NOT."""
    return backend.tokens(" ".join(solr.positive_text(node)))
