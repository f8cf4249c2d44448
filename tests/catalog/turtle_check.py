"""A minimal Turtle reader for tests: enough of the grammar to parse what Lontar writes
(prefixes, IRIs, prefixed names, blank node labels, literals with datatype or language, ``a``,
``;`` and ``,``). It raises ValueError on anything else, and returns the triples."""

from __future__ import annotations

import re

TOKEN = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n]*)
  | (?P<prefix>@prefix)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<literal>"(?:[^"\\\n\r]|\\["\\nrtbfu0-9A-Fa-f])*"(?:\^\^[A-Za-z][\w-]*:[\w.-]*|@[a-z]+(?:-[a-zA-Z0-9]+)*)?)
  | (?P<blank>_:[A-Za-z0-9]+)
  | (?P<pname>[A-Za-z][\w-]*:[\w.-]*(?<!\.))
  | (?P<a>\ba\b)
  | (?P<punct>[;,.])
    """,
    re.VERBOSE,
)


def tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match:
            raise ValueError(f"unexpected text at {pos}: {text[pos : pos + 40]!r}")
        pos = match.end()
        if match.lastgroup != "ws":
            out.append((match.lastgroup, match.group()))
    return out


def parse(text: str) -> list[tuple[str, str, str]]:
    toks = tokens(text)
    prefixes: set[str] = set()
    triples: list[tuple[str, str, str]] = []
    i = 0

    def term(kind_ok: tuple[str, ...]) -> str:
        nonlocal i
        kind, value = toks[i]
        if kind not in kind_ok:
            raise ValueError(f"unexpected {kind} {value!r}")
        if kind == "pname" and value.split(":")[0] not in prefixes:
            raise ValueError(f"undeclared prefix in {value}")
        # the datatype follows the closing quote; "^^" inside the quoted text is just text
        suffix = value[value.rindex('"') + 1 :] if kind == "literal" else ""
        if suffix.startswith("^^") and suffix[2:].split(":")[0] not in prefixes:
            raise ValueError(f"undeclared datatype prefix in {value}")
        i += 1
        return value

    while i < len(toks):
        if toks[i][0] == "prefix":
            name, iri, dot = toks[i + 1], toks[i + 2], toks[i + 3]
            if name[0] != "pname" or not name[1].endswith(":") or iri[0] != "iri" or dot[1] != ".":
                raise ValueError("bad @prefix")
            prefixes.add(name[1][:-1])
            i += 4
            continue
        subject = term(("iri", "pname", "blank"))
        while True:
            predicate = "a" if toks[i][0] == "a" else term(("iri", "pname"))
            if predicate == "a":
                i += 1
            while True:
                triples.append((subject, predicate, term(("iri", "pname", "blank", "literal"))))
                if toks[i][1] != ",":
                    break
                i += 1
            if toks[i][1] == ";":
                i += 1
                continue
            if toks[i][1] == ".":
                i += 1
                break
            raise ValueError(f"expected ; or . but found {toks[i]}")
    return triples
