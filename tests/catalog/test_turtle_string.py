"""``turtle_string`` (one ``str.translate``) escapes exactly as the per-character loop it replaced."""

from __future__ import annotations

import random

from lontar.catalog.dcat.graph import turtle_string

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _reference(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\ufffe\uffff" or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def test_fixed_cases():
    assert turtle_string('a"b\\c\nd\te\x00\x1f\x7f') == '"a\\"b\\\\c\\nd\\te\\u0000\\u001F\x7f"'
    assert turtle_string("\b\f\r\ufffe\uffff\ud800é😀") == '"\\b\\f\\r\\uFFFE\\uFFFF\\uD800é😀"'


def test_random_strings_match_the_per_character_loop():
    rng = random.Random(15)
    specials = [0x00, 0x08, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, 0x22, 0x5C, 0x7F, 0xD800, 0xDBFF, 0xDFFF, 0xFFFE, 0xFFFF]
    for _ in range(5000):
        text = "".join(
            chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0, 0x10FFFF), rng.choice(specials)]))
            for _ in range(rng.randint(0, 40))
        )
        assert turtle_string(text) == _reference(text), repr(text)
