"""A parser for the subset of the Solr (Lucene) query syntax that CKAN clients send in ``q`` and ``fq``.

Pure functions: text in, an immutable tree out, :class:`SolrSyntaxError` (never anything else) on
bad input. The grammar (whitespace separates items)::

    query    := sequence EOF
    sequence := or_expr*                         items are ANDed (CKAN sets q.op=AND)
    or_expr  := and_expr (("OR" | "||") and_expr)*
    and_expr := unary (("AND" | "&&") unary)*
    unary    := ("NOT" | "!" | "-") unary | "+" unary | primary
    primary  := "(" sequence ")" | "*:*" | "*" | field ":" value | phrase | word
    value    := "(" sequence ")"  (the field applies to every term inside) | range | phrase | word
    range    := ("[" | "{") bound "TO" bound ("]" | "}")     bound := "*" | phrase | word
    phrase   := '"' (any character, \\-escapes) '"'
    word     := characters other than whitespace and ( ) [ ] { } " (\\-escapes allowed)

One deliberate difference from Lucene's classic parser: juxtaposition binds more loosely than
``OR``. CKAN's harvester joins its filters with spaces (``organization:a OR organization:b
metadata_modified:[… TO *]``) and means "(a or b) and modified since"; Lucene would make the
organisations optional. ``+`` is a no-op (every item of a sequence is required anyway), ``-`` and
``NOT`` negate. Bounds: :data:`MAX_LENGTH` characters, :data:`MAX_TERMS` terms, :data:`MAX_DEPTH`
nested groups, so a hostile query is refused before anything runs.

:func:`to_text` prints a tree back as a query that parses to the same tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_LENGTH = 8000
MAX_TERMS = 200
MAX_DEPTH = 20

_SPECIAL = frozenset('()[]{}"')
_OPERATORS = {"AND": "AND", "&&": "AND", "OR": "OR", "||": "OR", "NOT": "NOT"}
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*:")
#: characters :func:`to_text` escapes in a word (everything the parser treats specially)
_ESCAPE = frozenset('\\+-!():^[]"{}~*?|&/')


class SolrSyntaxError(ValueError):
    """The query cannot be parsed (CKAN answers "Search Query Error")."""


@dataclass(frozen=True)
class MatchAll:
    """``*:*`` (or an empty query)."""


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase, in ``field`` (``None``: the free text)."""

    value: str
    field: str | None = None
    phrase: bool = False


@dataclass(frozen=True)
class Range:
    """``field:[low TO high]``; ``None`` is ``*`` (open); ``{``/``}`` exclude the bound."""

    field: str
    low: str | None
    high: str | None
    low_inclusive: bool = True
    high_inclusive: bool = True


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = MatchAll | Term | Range | Not | And | Or


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.terms = 0
        self.depth = 0

    # -- scanning -------------------------------------------------------------------------
    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def at_end(self) -> bool:
        self.skip_space()
        return self.pos >= len(self.text)

    def raw_word(self, stop: frozenset[str] = _SPECIAL) -> tuple[str, str]:
        """(raw text, unescaped value) of the word at the position."""
        start, out = self.pos, []
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == "\\":
                if self.pos + 1 >= len(text):
                    raise SolrSyntaxError("a backslash at the end of the query")
                out.append(text[self.pos + 1])
                self.pos += 2
                continue
            if ch.isspace() or ch in stop:
                break
            out.append(ch)
            self.pos += 1
        return text[start : self.pos], "".join(out)

    def phrase(self) -> str:
        """The position is at '"': the unescaped content up to the closing quote."""
        out: list[str] = []
        self.pos += 1
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == "\\" and self.pos + 1 < len(text):
                out.append(text[self.pos + 1])
                self.pos += 2
                continue
            if ch == '"':
                self.pos += 1
                return "".join(out)
            out.append(ch)
            self.pos += 1
        raise SolrSyntaxError("a quoted phrase is not closed")

    def operator(self) -> str | None:
        """The binary/unary keyword at the position (without consuming it), if any."""
        self.skip_space()
        for word, name in _OPERATORS.items():
            end = self.pos + len(word)
            if self.text.startswith(word, self.pos) and (
                end >= len(self.text) or self.text[end].isspace() or self.text[end] in '()"'
            ):
                return name
        return None

    def take(self, word: str) -> None:
        self.skip_space()
        for raw, name in _OPERATORS.items():
            if name == word and self.text.startswith(raw, self.pos):
                self.pos += len(raw)
                return

    def count_term(self) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise SolrSyntaxError(f"more than {MAX_TERMS} terms")

    # -- grammar ---------------------------------------------------------------------------
    def sequence(self, field: str | None, closing: bool) -> Node:
        items: list[Node] = []
        while True:
            self.skip_space()
            if self.pos >= len(self.text):
                if closing:
                    raise SolrSyntaxError("a parenthesis is not closed")
                break
            if self.peek() == ")":
                if not closing:
                    raise SolrSyntaxError("a closing parenthesis without an opening one")
                break
            items.append(self.or_expr(field))
        if not items:
            if closing:
                raise SolrSyntaxError("empty parentheses")
            return MatchAll()
        return items[0] if len(items) == 1 else And(tuple(items))

    def or_expr(self, field: str | None) -> Node:
        items = [self.and_expr(field)]
        while self.operator() == "OR":
            self.take("OR")
            items.append(self.and_expr(field))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self, field: str | None) -> Node:
        items = [self.unary(field)]
        while self.operator() == "AND":
            self.take("AND")
            items.append(self.unary(field))
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self, field: str | None) -> Node:
        self.skip_space()
        if self.operator() == "NOT":
            self.take("NOT")
            return Not(self.nested(lambda: self.unary(field)))
        ch = self.peek()
        nxt = self.text[self.pos + 1 : self.pos + 2]
        if ch in "-!" and nxt and not nxt.isspace():
            self.pos += 1
            return Not(self.nested(lambda: self.unary(field)))
        if ch == "+" and nxt and not nxt.isspace():
            self.pos += 1
            return self.nested(lambda: self.unary(field))
        return self.primary(field)

    def nested(self, inner):  # type: ignore[no-untyped-def]
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SolrSyntaxError(f"more than {MAX_DEPTH} nested groups or operators")
        try:
            return inner()
        finally:
            self.depth -= 1

    def group(self, field: str | None) -> Node:
        self.pos += 1  # "("
        node = self.nested(lambda: self.sequence(field, closing=True))
        self.pos += 1  # ")"
        return node

    def bracketed(self, field: str | None) -> Node | None:
        """A group, a range or a phrase starting at the position (``None``: none of those)."""
        ch = self.peek()
        if ch == "(":
            return self.group(field)
        if ch == ")":
            raise SolrSyntaxError("a closing parenthesis without an opening one")
        if ch in "[{":
            if field is None:
                raise SolrSyntaxError("a range needs a field (field:[X TO Y])")
            return self.range(field)
        if ch == '"':
            self.count_term()
            return Term(self.phrase(), field, phrase=True)
        if ch in "]}":
            raise SolrSyntaxError("a range bracket without a range")
        return None

    def primary(self, field: str | None) -> Node:
        self.skip_space()
        node = self.bracketed(field)
        if node is not None:
            return node
        if self.text.startswith("*:*", self.pos) and self.ends_word(self.pos + 3):
            self.pos += 3
            return MatchAll()
        keyword = self.operator()
        if keyword in ("AND", "OR"):
            raise SolrSyntaxError(f"{keyword} needs a term on each side")
        match = _FIELD.match(self.text, self.pos) if field is None else None
        if match:
            self.pos = match.end()
            return self.value(match.group(0)[:-1])
        raw, value = self.raw_word()
        if not raw:
            raise SolrSyntaxError("a value is missing")
        self.count_term()
        if raw == "*":
            return MatchAll() if field is None else Range(field, None, None)
        return Term(value, field)

    def ends_word(self, i: int) -> bool:
        return i >= len(self.text) or self.text[i].isspace() or self.text[i] in ")"

    def value(self, field: str) -> Node:
        ch = self.peek()
        if not ch or ch.isspace():
            raise SolrSyntaxError(f"{field[:40]}: a value is missing")
        if ch in ")]}":
            raise SolrSyntaxError(f"{field[:40]}: a value is missing")
        if ch == "(":
            return self.group(field)
        return self.primary(field)

    def bound(self) -> str | None:
        self.skip_space()
        ch = self.peek()
        if ch == '"':
            return self.phrase()
        if ch in "[{":
            raise SolrSyntaxError("a range inside a range")
        raw, value = self.raw_word(stop=frozenset('[]{}()"'))
        if not raw:
            raise SolrSyntaxError("a range must look like [X TO Y]")
        return None if raw == "*" else value

    def range(self, field: str) -> Range:
        low_inclusive = self.peek() == "["
        self.pos += 1
        self.count_term()
        low = self.bound()
        self.skip_space()
        raw, _value = self.raw_word(stop=frozenset('[]{}()"'))
        if raw != "TO":
            raise SolrSyntaxError("a range must look like [X TO Y]")
        high = self.bound()
        self.skip_space()
        ch = self.peek()
        if ch not in ("]", "}"):
            raise SolrSyntaxError("a range is not closed" if not ch else "a range must look like [X TO Y]")
        self.pos += 1
        return Range(field, low, high, low_inclusive, ch == "]")


def parse(text: str | None) -> Node:
    """The tree of a ``q`` or ``fq`` string (an empty string is :class:`MatchAll`)."""
    text = str(text or "")
    if len(text) > MAX_LENGTH:
        raise SolrSyntaxError(f"a query of more than {MAX_LENGTH} characters")
    if "\x00" in text:
        raise SolrSyntaxError("a NUL character")
    parser = _Parser(text)
    return parser.sequence(None, closing=False)


# -- printing ---------------------------------------------------------------------------------


def _word(value: str) -> str:
    escaped = "".join(f"\\{ch}" if ch in _ESCAPE or ch.isspace() else ch for ch in value)
    if (value in _OPERATORS or value == "TO") and not escaped.startswith("\\"):  # a keyword as a value
        escaped = "\\" + escaped
    return escaped


def _phrase(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _bound(value: str | None) -> str:
    return "*" if value is None else _word(value)


def to_text(node: Node) -> str:
    """A query string that :func:`parse` turns into ``node`` again."""
    if isinstance(node, MatchAll):
        return "*:*"
    if isinstance(node, Term):
        text = _phrase(node.value) if node.phrase else _word(node.value)
        return f"{node.field}:{text}" if node.field is not None else text
    if isinstance(node, Range):
        opening = "[" if node.low_inclusive else "{"
        closing = "]" if node.high_inclusive else "}"
        return f"{node.field}:{opening}{_bound(node.low)} TO {_bound(node.high)}{closing}"
    if isinstance(node, Not):
        return f"NOT {to_text(node.child)}"
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(to_text(c) for c in node.children) + ")"


# -- helpers for the translators ---------------------------------------------------------------


def conjuncts(node: Node) -> list[Node]:
    """The items a tree requires all of (its top-level AND), ``[]`` for :class:`MatchAll`."""
    if isinstance(node, MatchAll):
        return []
    if isinstance(node, And):
        return [item for child in node.children for item in conjuncts(child)]
    return [node]


def positive_text(node: Node) -> list[str]:
    """The free-text words and phrases that count towards relevance (not under a NOT)."""
    if isinstance(node, Term):
        return [node.value] if node.field is None else []
    if isinstance(node, And | Or):
        return [word for child in node.children for word in positive_text(child)]
    return []


__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_TERMS",
    "And",
    "MatchAll",
    "Node",
    "Not",
    "Or",
    "Range",
    "SolrSyntaxError",
    "Term",
    "conjuncts",
    "parse",
    "positive_text",
    "to_text",
]
