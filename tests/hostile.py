"""A corpus of hostile input, shared by the tests of every boundary that takes it.

Back-link and redirect parameters (``next``, ``kembali``) must never leave the site or run
script; JSON from outside must never be nested deeper than the parsers allow; integers from
forms must never reach the database beyond its 64-bit columns. Add a case here when a new one
is found, and every test that uses the corpus checks it.
"""

from __future__ import annotations

#: values of a back-link / redirect parameter that must be refused (the default is used instead)
OFFSITE_URLS = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript%3Aalert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/\r\n/evil.example",
    "/\x00/",
    "\x00/evil",
    "https:evil.example",
    "evil.example",
    "relative/path",
    "?next=//evil.example",
    "#/evil",
    "",
    "/" + "a" * 3000,
]

#: same-site paths that must be kept as they are
SAME_SITE_PATHS = [
    "/",
    "/evaluasi/",
    "/evaluasi/penilaian/12/indikator/3/",
    "/organisasi/?q=dinas&page=2",
    "/data/penduduk?_sort=tahun#tabel",
    "/ppid/permohonan/%C3%A9/",
]

#: JSON nested far beyond any parser's limit: RecursionError in json.loads unless bounded
DEEP_JSON_ARRAY = "[" * 100_000 + "]" * 100_000
DEEP_JSON_OBJECT = '{"a": ' * 100_000 + "1" + "}" * 100_000
#: parses with the standard library but is far too deep for anything that walks it
MODERATELY_DEEP_JSON = "[" * 500 + "]" * 500

#: integers beyond a 64-bit signed column (SQLite raises OverflowError) and absurd lengths
HUGE_INTEGERS = [
    str(2**63),
    str(2**64 + 1),
    "9" * 40,
    "-" + str(2**63 + 1),
    "1" + "0" * 4000,
]
